// Values Kong's conf loader reads without a type error but then refuses in its own checks,
// stopping `kong start`: numbers out of range, an unknown cipher suite name, a trusted_ips entry
// that is no address or block, a proxy_server URL without an http(s) scheme, a node_id that is no
// UUID, a port_maps entry that is no `host:kong` pair of ports, a DNS server given by name, a tracing
// instrumentation Kong does not know. The checks live in check_and_infer (kong/conf_loader/init.lua up to 3.5,
// kong/conf_loader/parse.lua from 3.6); `since` is the first release whose loader has the check
// (2.8.0 is the oldest tag read: a check already there may be older).

import { isIPv4, isIPv6 } from 'node:net';
import type { FactSource } from '../../model/source';
import { ownValue } from '../../own-key';
import { KongVersion } from '../../version/kong-version';
import { readKongNumber, splitKongArray } from '../../inputs/kong-conf/values';

/** A number Kong compares against bounds (`min`/`max` inclusive unless said otherwise). */
interface RangeCheck {
  kind: 'range';
  min: number;
  /** Kong refuses the bound itself (`<= 0`). */
  minExclusive?: boolean;
  max?: number;
  /** Kong also refuses a fraction (`x ~= floor(x)`). */
  integer?: boolean;
}

type CheckKind =
  | RangeCheck
  /** One of Kong's names, compared as written (no case folding). */
  | { kind: 'oneOf'; values: readonly string[] }
  /** Every comma-separated entry an IPv4/IPv6 address or CIDR block, or `unix:`. */
  | { kind: 'addressList' }
  /** A URL whose scheme is http or https. */
  | { kind: 'httpUrl' }
  /** 8-4-4-4-12 hexadecimal digits, any case. */
  | { kind: 'uuid' }
  /** A URL path: a leading slash, no trailing one, no `//`, only letters, digits, `-`, `_`, `/`. */
  | { kind: 'urlPath' }
  /** Every entry `host_port:kong_port`, both numbers from 1 to 65535. */
  | { kind: 'portMaps' }
  /** Every entry an IPv4 or IPv6 address, optionally with a port (`[v6]:port`), never a name. */
  | { kind: 'resolverList' }
  /** Every entry one of Kong's instrumentation names for the release, and `off` only alone. */
  | { kind: 'instrumentations' };

export interface StartupCheck {
  check: CheckKind;
  /** First open-source release whose loader refuses it. */
  since: string;
  sources: readonly FactSource[];
}

const repo = (path: string, tag: string, line: string, note?: string): FactSource => ({ kind: 'repo', ref: `Kong/kong:${path}@${tag}:${line}`, ...(note ? { note } : {}) });
const INIT = 'kong/conf_loader/init.lua';
const PARSE = 'kong/conf_loader/parse.lua';

/** A property checked the same way in the first release and in 3.9.3 (the lines cited). */
function checked(check: CheckKind, since: string, firstLine: string, lastLine: string, note?: string): StartupCheck {
  return { check, since, sources: [repo(INIT, since, firstLine, note), repo(PARSE, '3.9.3', lastLine)] };
}

/**
 * The names the tracing check accepts: `all`, `off` and `request`, which the loader adds, and the
 * instrumentation module's `available_types`, which are the functions it defines before it
 * registers them, plus `dns_query`, added at load by a top-level block. Compared as written.
 */
export const INSTRUMENTATION_NAMES: readonly { names: readonly string[]; since: string; sources: readonly FactSource[] }[] = [
  {
    names: ['all', 'off', 'request', 'db_query', 'router', 'balancer', 'plugin_rewrite', 'plugin_access', 'plugin_header_filter', 'http_client', 'dns_query'],
    since: '3.0.0',
    sources: [
      repo('kong/tracing/instrumentation.lua', '3.0.0', '40-178', 'the functions registered as available_types'),
      repo('kong/tracing/instrumentation.lua', '3.0.0', '213-258', 'a top-level block adds dns_query'),
      repo('kong/observability/tracing/instrumentation.lua', '3.9.3', '35-221'),
    ],
  },
  {
    // create_span is defined on the module before the registration loop, so it counts as a type.
    names: ['create_span'],
    since: '3.3.0',
    sources: [repo('kong/tracing/instrumentation.lua', '3.3.0', '67-73', 'absent at 3.2.2')],
  },
];

const NOT_NEGATIVE_INTEGER: RangeCheck = { kind: 'range', min: 0, integer: true };
const NOT_NEGATIVE: RangeCheck = { kind: 'range', min: 0 };
const LUA_MAX: RangeCheck = { kind: 'range', min: 1, max: 1000, integer: true };
const RATE: RangeCheck = { kind: 'range', min: 0, max: 1 };

/**
 * The checks by property. The pg_* pool and queue sizes refuse negatives and fractions, not 0
 * (Kong's message says "greater than 0" but the test is `< 0`).
 */
export const STARTUP_CHECKS: Readonly<Record<string, StartupCheck>> = {
  ssl_cipher_suite: {
    check: { kind: 'oneOf', values: ['modern', 'intermediate', 'old', 'custom'] },
    since: '2.8.0',
    sources: [
      repo(INIT, '2.8.0', '29-90', 'cipher_suites: modern, intermediate, old'),
      repo(INIT, '2.8.0', '927-947', 'any name but custom missing from the table: Undefined cipher suite'),
      repo('kong/conf_loader/constants.lua', '3.9.3', '16-78', 'CIPHER_SUITES: the same three names'),
      repo(PARSE, '3.9.3', '420-458'),
    ],
  },
  trusted_ips: {
    check: { kind: 'addressList' },
    since: '2.8.0',
    sources: [
      repo(INIT, '2.8.0', '1012-1018', 'utils.is_valid_ip_or_cidr or unix:'),
      repo(PARSE, '3.9.3', '570-575'),
      repo('kong/tools/ip.lua', '3.9.3', '20-110', 'an address, or an address with a /prefix of 0-32 (IPv4) or 0-128 (IPv6) written in plain digits'),
    ],
  },
  pg_max_concurrent_queries: checked(NOT_NEGATIVE_INTEGER, '2.8.0', '1021-1027', '578-584'),
  pg_semaphore_timeout: checked(NOT_NEGATIVE_INTEGER, '2.8.0', '1029-1035', '586-592'),
  pg_ro_max_concurrent_queries: checked(NOT_NEGATIVE_INTEGER, '2.8.0', '1037-1045', '624-632'),
  pg_ro_semaphore_timeout: checked(NOT_NEGATIVE_INTEGER, '2.8.0', '1047-1055', '634-642'),
  pg_keepalive_timeout: checked(NOT_NEGATIVE_INTEGER, '3.2.0', '993-1001', '594-602', 'absent at 3.1.1'),
  pg_ro_keepalive_timeout: checked(NOT_NEGATIVE_INTEGER, '3.2.0', '1043-1051', '644-652', 'absent at 3.1.1'),
  pg_pool_size: checked(NOT_NEGATIVE_INTEGER, '3.2.0', '1003-1011', '604-612', 'absent at 3.1.1'),
  pg_backlog: checked(NOT_NEGATIVE_INTEGER, '3.2.0', '1013-1021', '614-622', 'absent at 3.1.1'),
  pg_ro_pool_size: checked(NOT_NEGATIVE_INTEGER, '3.2.0', '1053-1061', '654-662', 'absent at 3.1.1'),
  pg_ro_backlog: checked(NOT_NEGATIVE_INTEGER, '3.2.0', '1063-1071', '664-672', 'absent at 3.1.1'),
  worker_state_update_frequency: checked({ kind: 'range', min: 0, minExclusive: true }, '2.8.0', '1057-1059', '674-676'),
  proxy_server: checked({ kind: 'httpUrl' }, '3.1.0', '991-1008', '678-695', 'absent at 3.0.2'),
  cluster_data_plane_purge_delay: checked({ kind: 'range', min: 60 }, '2.8.0', '1100-1102', '799-801'),
  cluster_max_payload: checked({ kind: 'range', min: 4194304 }, '2.8.0', '1104-1106', '803-805'),
  upstream_keepalive_pool_size: checked(NOT_NEGATIVE, '2.8.0', '1125-1127', '807-809'),
  upstream_keepalive_max_requests: checked(NOT_NEGATIVE, '2.8.0', '1129-1131', '811-813'),
  upstream_keepalive_idle_timeout: checked(NOT_NEGATIVE, '2.8.0', '1133-1135', '815-817'),
  // Checked when tracing_instrumentations lists anything; its default, off, is one entry.
  opentelemetry_tracing_sampling_rate: { check: RATE, since: '3.0.0', sources: [repo(INIT, '3.0.0', '1038-1040', 'absent at 2.8.5'), repo(INIT, '3.1.1', '1135-1137')] },
  tracing_sampling_rate: checked(RATE, '3.2.0', '1221-1223', '838-840', 'the property renamed from opentelemetry_tracing_sampling_rate'),
  lua_max_req_headers: checked(LUA_MAX, '3.3.0', '1252-1256', '843-847', 'absent at 3.2.2'),
  lua_max_resp_headers: checked(LUA_MAX, '3.3.0', '1258-1262', '849-853', 'absent at 3.2.2'),
  lua_max_uri_args: checked(LUA_MAX, '3.3.0', '1264-1268', '855-859', 'absent at 3.2.2'),
  lua_max_post_args: checked(LUA_MAX, '3.3.0', '1270-1274', '861-865', 'absent at 3.2.2'),
  admin_gui_path: { check: { kind: 'urlPath' }, since: '3.4.0', sources: [repo(INIT, '3.4.0', '947-961', 'absent at 3.3.1'), repo(PARSE, '3.9.3', '404-418')] },
  port_maps: checked({ kind: 'portMaps' }, '2.8.0', '772-797', '287-312', 'split at the first colon, each side read with tonumber'),
  dns_resolver: {
    check: { kind: 'resolverList' },
    since: '2.8.0',
    sources: [
      repo(INIT, '2.8.0', '973-982', 'utils.normalize_ip, and a name is refused'),
      repo(PARSE, '3.9.3', '504-513'),
      repo('kong/tools/ip.lua', '3.9.3', '121-274', 'hostname_type, normalize_ipv4, normalize_ipv6 (the same code in kong/tools/utils.lua@2.8.0:832-980)'),
    ],
  },
  // The new DNS client's server list (new_dns_client, 3.8), checked as dns_resolver is.
  resolver_address: { check: { kind: 'resolverList' }, since: '3.8.0', sources: [repo(PARSE, '3.8.0', '534-543', 'absent at 3.7.1'), repo(PARSE, '3.9.3', '536-545')] },
  // Named opentelemetry_tracing in 3.0 and 3.1; 3.2 renamed it and kept the old name as an alias.
  opentelemetry_tracing: { check: { kind: 'instrumentations' }, since: '3.0.0', sources: [repo(INIT, '3.0.0', '1019-1036', 'absent at 2.8.5'), repo(INIT, '3.1.0', '1116-1133')] },
  tracing_instrumentations: {
    check: { kind: 'instrumentations' },
    since: '3.2.0',
    sources: [repo(INIT, '3.2.0', '1202-1219', 'the property renamed from opentelemetry_tracing'), repo(PARSE, '3.9.3', '819-836'), ...INSTRUMENTATION_NAMES.flatMap((row) => row.sources)],
  },
  node_id: {
    check: { kind: 'uuid' },
    since: '3.3.0',
    sources: [repo(INIT, '3.3.0', '1276-1278', 'absent at 3.2.2'), repo(PARSE, '3.9.3', '867-869'), repo('kong/tools/uuid.lua', '3.9.3', '7-24', 'the pattern, matched case-insensitively')],
  },
};

/** The oldest release read for these checks: whether an older one had them is not known. */
export const STARTUP_CHECKS_READ_FROM = KongVersion.parse('2.8.0');

/** Every source above, for the rule's metadata. */
export const STARTUP_CHECK_SOURCES: readonly FactSource[] = Object.values(STARTUP_CHECKS).flatMap((c) => c.sources);

/**
 * Why Kong `version` refuses `value` for `key` (a phrase such as "must be between 1 and 1000"),
 * or undefined when it takes it, has no such check there, or the value is not a number at all
 * (the rule's notNumber finding covers that).
 */
export function startupRefusal(key: string, value: string, version: KongVersion): string | undefined {
  const entry = ownValue(STARTUP_CHECKS, key);
  if (!entry || KongVersion.parse(entry.since).gt(version)) return undefined;
  const { check } = entry;
  switch (check.kind) {
    case 'range': return rangeRefusal(check, value);
    case 'oneOf': return check.values.includes(value) ? undefined : `is not one of Kong's suites (${check.values.join(', ')})`;
    case 'addressList': return badEntries(splitKongArray(value).filter((e) => e !== 'unix:' && !isAddressOrBlock(e)), 'neither an IP address, a CIDR block nor `unix:`');
    // The scheme itself stays out of the phrase: in `user:secret@host` it would be the user name.
    case 'httpUrl': {
      const scheme = urlScheme(value.trim());
      if (scheme === 'http' || scheme === 'https') return undefined;
      return scheme === undefined ? 'has no scheme (Kong wants http:// or https:// before the host)' : 'does not start with http:// or https:// (Kong reads what comes before the first colon as the scheme)';
    }
    case 'urlPath': return urlPathProblem(value);
    case 'uuid': return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? undefined : 'is not a UUID';
    case 'portMaps': return badEntries(splitKongArray(value).filter((e) => !isPortMap(e)), 'not a `host_port:kong_port` pair of ports from 1 to 65535');
    case 'resolverList': return badEntries(splitKongArray(value).filter((e) => !isResolverAddress(e)), 'not an IP address with an optional port (Kong takes no host names there)');
    case 'instrumentations': return instrumentationProblem(splitKongArray(value), version);
  }
}

/** The phrase for the entries a list check refused, or undefined when there are none. */
function badEntries(bad: readonly string[], what: string): string | undefined {
  if (bad.length === 0) return undefined;
  const named = bad.map((e) => (e === '' ? 'an empty entry' : `\`${e}\``)).join(', ');
  return `has ${named}, which ${bad.length === 1 ? 'is' : 'are'} ${what}`;
}

/** The names Kong `version` accepts in tracing_instrumentations (exact case). */
export function instrumentationNames(version: KongVersion): string[] {
  return INSTRUMENTATION_NAMES.filter((row) => KongVersion.parse(row.since).lte(version)).flatMap((row) => row.names);
}

/** Unknown names first (Kong lists each), then `off` next to other entries. */
function instrumentationProblem(entries: readonly string[], version: KongVersion): string | undefined {
  const names = instrumentationNames(version);
  const unknown = entries.filter((e) => !names.includes(e));
  if (unknown.length > 0) return badEntries(unknown, `not among Kong's instrumentations (${names.join(', ')})`);
  if (entries.length > 1 && entries.includes('off')) return 'lists `off` next to other entries, which Kong refuses (`off` must stand alone)';
  return undefined;
}

/**
 * A port_maps entry as the loader reads it (init.lua@2.8.0:772-797, parse.lua@3.9.3:287-312):
 * split at the first colon, each side read by tonumber (base 10, which LuaJIT reads as a plain
 * tonumber: leading blanks, exponents and fractions pass) and kept within 1..65535.
 */
function isPortMap(entry: string): boolean {
  const colon = entry.indexOf(':');
  if (colon < 0) return false;
  const inRange = (text: string) => {
    const n = readKongNumber(text);
    return n !== undefined && n >= 1 && n <= 65535;
  };
  return inRange(entry.slice(0, colon)) && inRange(entry.slice(colon + 1));
}

/**
 * A resolver entry as kong/tools/ip.lua@3.9.3 normalize_ip reads it: more than one colon makes it
 * IPv6 (bare, or in brackets with `:port`); otherwise digits and dots (a port after one colon)
 * make it IPv4; anything else is a name, which the loader refuses. Ports above 65535 are refused,
 * a port of 0 is not.
 */
function isResolverAddress(entry: string): boolean {
  const colons = entry.split(':').length - 1;
  if (colons > 1) return isKongIPv6(entry);
  if (!/^[0-9.]+$/.test(entry.replace(/:/g, ''))) return false;
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?::(\d+))?$/.exec(entry);
  if (!match || (entry.includes(':') && match[5] === undefined)) return false;
  if (match.slice(1, 5).some((octet) => Number(octet) > 255)) return false;
  return match[5] === undefined || Number(match[5]) <= 65535;
}

/** normalize_ipv6 (kong/tools/ip.lua@3.9.3:167-214): `[addr]:port` or a bare address, eight hex groups once `::` is expanded. */
function isKongIPv6(entry: string): boolean {
  let address = entry;
  const bracketed = /^\[([^\]]*)\](.*)$/s.exec(entry);
  if (bracketed) {
    address = bracketed[1];
    const rest = bracketed[2];
    if (rest !== '') {
      // `[::1]:` leaves Kong comparing nil with a number, an error rather than a refusal: not judged.
      const port = /^:(\d*)$/.exec(rest);
      if (!port) return false;
      if (port[1] !== '' && Number(port[1]) > 65535) return false;
    }
  }
  if (address.startsWith(':')) address = `0${address}`;
  if (address.endsWith(':')) address = `${address}0`;
  if (address.includes('::')) {
    const count = address.split(':').length - 1;
    address = address.replace('::', `:${'0:'.repeat(Math.max(0, 8 - count))}`);
  }
  return /^[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){7}$/.test(address);
}

/** The first of Kong's admin_gui_path complaints that applies (kong/conf_loader/parse.lua@3.9.3:404-418). */
function urlPathProblem(path: string): string | undefined {
  if (!path.startsWith('/')) return 'must start with a slash';
  if (/^\/.+\/$/s.test(path)) return 'must not end with a slash';
  // Lua's %a and %d in the C locale: ASCII letters and digits.
  if (/[^A-Za-z0-9\-_/]/.test(path)) return 'may hold only letters, digits, `-`, `_` and `/`';
  if (path.includes('//')) return 'must not hold `//`';
  return undefined;
}

function rangeRefusal(check: RangeCheck, value: string): string | undefined {
  const n = readKongNumber(value);
  if (n === undefined) return undefined;
  const tooLow = check.minExclusive ? n <= check.min : n < check.min;
  const tooHigh = check.max !== undefined && n > check.max;
  const fraction = check.integer === true && !Number.isInteger(n);
  if (!tooLow && !tooHigh && !fraction) return undefined;
  const kind = check.integer ? 'a whole number' : 'a number';
  if (check.max !== undefined) return `must be ${kind} from ${check.min} to ${check.max}`;
  return check.minExclusive ? `must be ${kind} above ${check.min}` : `must be ${kind} of at least ${check.min}`;
}

/**
 * kong/tools/ip.lua@3.9.3 is_valid_ip_or_cidr: an address, or an address, `/` and a prefix length
 * written as plain decimal (no sign, no leading zero) within the family's range.
 */
function isAddressOrBlock(entry: string): boolean {
  if (isIPv4(entry) || isIPv6(entry)) return true;
  const slash = entry.indexOf('/', 2);
  if (slash < 0) return false;
  const address = entry.slice(0, slash);
  const prefix = entry.slice(slash + 1);
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix)) return false;
  const bits = Number(prefix);
  return (isIPv4(address) && bits <= 32) || (isIPv6(address) && bits <= 128);
}

/**
 * The scheme as LuaSocket's url.parse (which Kong uses) reads it: a letter or digit, then
 * letters, digits, `+`, `-` or `.`, up to the first colon. `proxy.local:3128` thus has the
 * scheme `proxy.local`, which Kong refuses. Current LuaSocket lower-cases the scheme; whether the
 * 3.0-rc1 Kong pins (kong-3.9.3-0.rockspec) does was not checked, so `HTTP://` is taken here
 * (a missed refusal rather than a false one).
 */
function urlScheme(url: string): string | undefined {
  const match = /^([A-Za-z0-9][A-Za-z0-9+.-]*):/.exec(url.replace(/#.*$/s, ''));
  return match ? match[1].toLowerCase() : undefined;
}
