// The entries Kong accepts in the list properties it checks against a fixed table: `headers`,
// `headers_upstream`, `dns_order` and `resolver_family`. Kong splits the value on commas (no blanks:
// `server_tokens latency_tokens` is one entry), folds the case of each entry and looks it up; any
// other entry stops `kong start` with "<key>: invalid entry" (kong/conf_loader/parse.lua@3.9.3
// check_and_parse; the same checks in conf_loader.lua @1.0.0 and conf_loader/init.lua @2.8.0,
// @3.4.2). `headers = server_tokens=off`, an nginx habit, is such an entry.

import type { FactSource } from '../../model/source';
import type { Edition } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';
import { ownValue } from '../../own-key';

export interface ListEntryRow {
  /** Entries (case-folded as Kong compares them) accepted from this release on. */
  tokens: readonly string[];
  /** Open-source release that added them. */
  oss: string;
  /** Enterprise release that added them, when earlier than the open-source one. */
  ee?: string;
}

export interface ListEntryFacts {
  /** How Kong folds an entry before the lookup. */
  fold: 'lower' | 'upper';
  rows: readonly ListEntryRow[];
  sources: readonly FactSource[];
}

/** headers: Kong's HEADERS names (kong/constants.lua@3.9.3), lower-cased as the loader compares them. */
export const LIST_ENTRIES: Readonly<Record<'headers' | 'headers_upstream' | 'dns_order' | 'resolver_family', ListEntryFacts>> = {
  headers: {
    fold: 'lower',
    rows: [
      { tokens: ['server_tokens', 'latency_tokens', 'via', 'server', 'x-kong-proxy-latency', 'x-kong-upstream-latency', 'x-kong-upstream-status'], oss: '1.0.0' },
      { tokens: ['x-kong-response-latency', 'x-kong-admin-latency'], oss: '1.4.0' },
      // Enterprise 3.4 already defaults `headers` to include X-Kong-Request-Id (its kong.conf
      // defaults, properties.generated.json ee steps 3.4), so its table knows the name.
      { tokens: ['x-kong-request-id'], oss: '3.5.0', ee: '3.4.0' },
    ],
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.3', note: 'HEADER_KEY_TO_NAME' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'headers: invalid entry, for any entry but off not in HEADER_KEY_TO_NAME' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'parse_value: an array is split on "," and each element stripped' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader.lua@1.0.0', note: 'the check and the first seven names' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader.lua@1.4.0', note: 'X-Kong-Response-Latency and X-Kong-Admin-Latency added (absent at 1.3.0)' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.5.0', note: 'X-Kong-Request-Id added (absent at 3.4.2)' },
    ],
  },
  headers_upstream: {
    fold: 'lower',
    rows: [{ tokens: ['x-kong-request-id'], oss: '3.5.0', ee: '3.4.0' }],
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.3', note: 'UPSTREAM_HEADER_KEY_TO_NAME' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'headers_upstream: invalid entry' },
    ],
  },
  dns_order: {
    fold: 'upper',
    rows: [
      { tokens: ['LAST', 'A', 'CNAME', 'SRV'], oss: '1.0.0' },
      { tokens: ['AAAA'], oss: '2.6.0' },
    ],
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'dns_order: invalid entry, for any entry whose upper case is not LAST, A, AAAA, CNAME or SRV' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.6.0', note: 'AAAA added (absent at 2.5.1; LAST, A, CNAME, SRV at 1.0.0)' },
    ],
  },
  // The new DNS client's record types (new_dns_client, 3.8): no LAST or CNAME there.
  resolver_family: {
    fold: 'upper',
    rows: [{ tokens: ['A', 'AAAA', 'SRV'], oss: '3.8.0' }],
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.8.0:552-561', note: 'resolver_family: invalid entry, for any entry whose upper case is not A, AAAA or SRV' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3:554-563' },
    ],
  },
};

export interface AcceptedEntries {
  /** The entries, case-folded, as the message lists them (`off` first for the headers). */
  entries: string[];
  /** Whether Kong takes `entry`, after folding its case as Kong does. */
  accepts(entry: string): boolean;
}

/** What `key` accepts on `version` of `edition`; undefined for a property not checked this way. */
export function acceptedListEntries(key: string, version: KongVersion, edition: Edition): AcceptedEntries | undefined {
  // Own keys only: a kong.conf key such as `constructor` must not find Object's.
  const facts = ownValue<ListEntryFacts>(LIST_ENTRIES, key);
  if (!facts) return undefined;
  const since = (row: ListEntryRow) => KongVersion.parse(edition === 'enterprise' && row.ee ? row.ee : row.oss);
  // The headers take `off` to turn them all off (parse.lua: `token ~= "off"`), exact case.
  const off = facts.fold === 'lower' ? ['off'] : [];
  const entries = [...off, ...facts.rows.filter((row) => since(row).lte(version)).flatMap((row) => row.tokens)];
  const folded = new Set(entries.filter((e) => e !== 'off'));
  const fold = (entry: string) => (facts.fold === 'lower' ? entry.toLowerCase() : entry.toUpperCase());
  return { entries, accepts: (entry) => (off.length > 0 && entry === 'off') || folded.has(fold(entry)) };
}
