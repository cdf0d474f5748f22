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
