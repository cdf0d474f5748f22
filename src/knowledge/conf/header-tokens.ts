// The entries Kong accepts in `headers` and `headers_upstream`. Kong splits the value on commas
// (no blanks: `server_tokens latency_tokens` is one entry), lower-cases each entry and looks it up
// in a fixed table; any other entry but `off` stops `kong start` with "headers: invalid entry"
// (kong/conf_loader/parse.lua@3.9.3 check_and_parse; the same check in conf_loader.lua @1.0.0 and
// conf_loader/init.lua @2.8.0, @3.4.2). `server_tokens=off`, an nginx habit, is such an entry.

import type { FactSource } from '../../model/source';
import type { Edition } from '../../plan/types';
import { KongVersion } from '../../version/kong-version';

export interface HeaderTokenRow {
  /** Tokens (lower-cased, as Kong compares them) accepted from this release on. */
  tokens: readonly string[];
  /** Open-source release that added them. */
  oss: string;
  /** Enterprise release that added them, when earlier than the open-source one. */
  ee?: string;
}

export interface HeaderTokenFacts {
  rows: readonly HeaderTokenRow[];
  sources: readonly FactSource[];
}

/** Kong's HEADERS names (kong/constants.lua@3.9.3), lower-cased as the loader compares them. */
export const HEADER_TOKENS: Readonly<Record<'headers' | 'headers_upstream', HeaderTokenFacts>> = {
  headers: {
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
    rows: [{ tokens: ['x-kong-request-id'], oss: '3.5.0', ee: '3.4.0' }],
    sources: [
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/constants.lua@3.9.3', note: 'UPSTREAM_HEADER_KEY_TO_NAME' },
      { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'headers_upstream: invalid entry' },
    ],
  },
};

/** The entries `key` accepts on `version` of `edition`, `off` included; undefined for another key. */
export function acceptedHeaderTokens(key: string, version: KongVersion, edition: Edition): string[] | undefined {
  const facts = (HEADER_TOKENS as Record<string, HeaderTokenFacts | undefined>)[key];
  if (!facts) return undefined;
  const since = (row: HeaderTokenRow) => KongVersion.parse(edition === 'enterprise' && row.ee ? row.ee : row.oss);
  return ['off', ...facts.rows.filter((row) => since(row).lte(version)).flatMap((row) => row.tokens)];
}
