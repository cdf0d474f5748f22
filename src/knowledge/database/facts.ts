// Facts behind the database rules that are not tables: where Kong documents the migration
// commands, the lock, and what the upgrade guide asks of PostgreSQL. Data only.

import type { FactSource } from '../../model/source';

export const MIGRATION_STATE = {
  /** The mutex `kong migrations` takes (default TTL 60 s, `--lock-timeout`). */
  lockKey: 'migrations',
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/in-place/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/migrations/state.lua@3.9.3 (executed / pending / new)' },
    { kind: 'repo', ref: 'Kong/kong:kong/cmd/migrations.lua@3.9.3 (`up` refuses while migrations are pending)' },
    { kind: 'repo', ref: 'Kong/kong:kong/db/strategies/postgres/connector.lua@3.9.3 (locks table, insert_lock / read_lock)' },
    { kind: 'digest', ref: 'kong-facts/database.md section 1 (upgrade already in progress)' },
  ] satisfies FactSource[],
} as const;

export const POSTGRES_DOCS = {
  supportUrl: 'https://developer.konghq.com/gateway/third-party-support/',
  upgradeUrl: 'https://developer.konghq.com/gateway/upgrade/',
} as const;

export const HYBRID_DOCS = {
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/',
} as const;

export const CUSTOM_PLUGINS = {
  docsUrl: 'https://developer.konghq.com/gateway/upgrade/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugins_iterator.lua@3.4.2 (a plugin row whose plugin is not enabled stops the plugins iterator: "plugin is in use but not enabled")' },
    { kind: 'repo', ref: 'Kong/kong:kong/runloop/plugins_iterator.lua@2.8.5 (same check)' },
    { kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/ (custom plugins: review against the changelog, install on control and data planes)' },
  ] satisfies FactSource[],
} as const;

/**
 * Enterprise 3.14 event hooks: webhook calls signed with HMAC-SHA256 instead of HMAC-SHA1, and
 * certificate verification on by default for webhook handlers. Before 3.14 both webhook
 * subschemas defaulted ssl_verify to false, so every hook created without it stores false, and
 * Kong signs a call only when `config.secret` is a string.
 */
export const EVENT_HOOKS_314 = {
  introducedIn: '3.14.0.0',
  /** The handlers with a URL, a secret and ssl_verify (`log` and `lambda` call nothing). */
  webhookHandlers: ['webhook', 'webhook-custom'] as readonly string[],
  /** The kong.conf switch whose `off` keeps the pre-3.14 verification behaviour. */
  liftedByConfOff: 'tls_certificate_verify',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [
    { kind: 'changelog', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/changelogs/gateway.json (3.14.0.0, kong-ee: event hook calls signed with HMAC-SHA256, Breaking Change; ssl_verify of the webhook handlers enabled by default)' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md (3.14.0.0, SHA1 algorithm removal: breaking for Event Hooks)' },
    { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_includes/upgrade/tls-verify-314.md (Event Hooks row; tls_certificate_verify = off reverts to the old behaviour)' },
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/entities/event_hooks_subschemas.lua@FTI-6378 (Enterprise branch of the mirror, 2025: webhook and webhook-custom take url, secret and ssl_verify, default false)' },
    { kind: 'repo', ref: 'Kong/kong:kong/enterprise_edition/event_hooks.lua@FTI-6378 (a call is signed when config.secret is set and not null; the header value is the algorithm name, `=`, the hex HMAC of the body)' },
    { kind: 'repo', ref: 'Kong/kong:kong/enterprise_edition/db/migrations/enterprise/006_1301_to_1500.lua@FTI-6378 (the event_hooks table; config is JSON)' },
  ] satisfies FactSource[],
} as const;
