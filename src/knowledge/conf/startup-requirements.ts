// Settings Kong's conf loader refuses in combination rather than one by one: a hybrid role
// without its cluster certificate pair or with the wrong storage, cluster_use_proxy without a
// proxy_server, cluster_dp_labels outside a data plane or in a form Kong refuses, and a TLS
// listener whose certificate list and key list do not pair up. Each stops `kong start` with the
// loader's error (check_and_infer in kong/conf_loader/init.lua up to 3.5, check_and_parse in
// kong/conf_loader/parse.lua from 3.6). `since` is the first release whose loader has the check;
// 2.8.0 is the oldest tag read, so a check already there may be older.
//
// Only the presence of the settings is judged here: whether a certificate file exists or parses
// is Kong's later step (and conf/certificate-weak-key's business), never read by this module.

import type { FactSource } from '../../model/source';
import { KongVersion } from '../../version/kong-version';
import { readKongBoolean, splitKongArray } from '../../inputs/kong-conf/values';

/** What a requirement reads: the value Kong would hold for a property on one release. */
export interface RequirementView {
  /** The user's value, else that release's default; undefined when neither is set. */
  value(key: string): string | undefined;
}

export interface StartupRequirement {
  /** A short name, for tests and for reading the list. */
  id: string;
  /** First open-source release whose loader refuses the combination. */
  since: string;
  /** The settings a finding may point at, best first: the first one the user wrote is cited. */
  cite: readonly string[];
  /** Why Kong refuses the configuration (a phrase ending before ": Kong refuses to start"), or undefined. */
  problem(view: RequirementView): string | undefined;
  /** What to change. */
  remedy: string;
  sources: readonly FactSource[];
}

const repo = (path: string, tag: string, line: string, note?: string): FactSource => ({ kind: 'repo', ref: `Kong/kong:${path}@${tag}:${line}`, ...(note ? { note } : {}) });
const INIT = 'kong/conf_loader/init.lua';
const PARSE = 'kong/conf_loader/parse.lua';

const isOn = (view: RequirementView, key: string) => readKongBoolean(view.value(key) ?? '').value;
const isSet = (view: RequirementView, key: string) => view.value(key) !== undefined;
const role = (view: RequirementView) => view.value('role');
/** The loader's `#list < 1 or strip(list[1]) == "off"`: an empty list is the listener parser's refusal (emptyListen). */
const firstIsOff = (view: RequirementView, key: string) => splitKongArray(view.value(key) ?? '')[0] === 'off';
const labels = (view: RequirementView) => splitKongArray(view.value('cluster_dp_labels') ?? '');

/** A control-plane or data-plane requirement: nothing to say for the other roles. */
function forRole(wanted: 'control_plane' | 'data_plane', test: (view: RequirementView) => string | undefined) {
  return (view: RequirementView) => (role(view) === wanted ? test(view) : undefined);
}

const HYBRID: StartupRequirement[] = [
  {
    id: 'hybrid-cluster-cert',
    since: '2.8.0',
    cite: ['role'],
    problem: (view) => {
      const r = role(view);
      if (r !== 'control_plane' && r !== 'data_plane') return undefined;
      const missing = ['cluster_cert', 'cluster_cert_key'].filter((k) => !isSet(view, k));
      return missing.length === 0 ? undefined : `\`role = ${r}\` needs both cluster_cert and cluster_cert_key, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`;
    },
    remedy: 'Set cluster_cert and cluster_cert_key to the hybrid-mode certificate and key (the same pair on control and data planes with cluster_mtls = shared).',
    sources: [repo(INIT, '2.8.0', '1108-1111'), repo(PARSE, '3.9.3', '697-703')],
  },
  {
    id: 'control-plane-admin-listen',
    since: '2.8.0',
    cite: ['admin_listen', 'role'],
    problem: forRole('control_plane', (view) => (firstIsOff(view, 'admin_listen') ? '`role = control_plane` needs the Admin API, but admin_listen is off' : undefined)),
    remedy: 'Give admin_listen an address on the control plane.',
    sources: [repo(INIT, '2.8.0', '1062-1064'), repo(PARSE, '3.9.3', '736-739')],
  },
  {
    id: 'control-plane-cluster-listen',
    since: '2.8.0',
    cite: ['cluster_listen', 'role'],
    problem: forRole('control_plane', (view) => (firstIsOff(view, 'cluster_listen') ? '`role = control_plane` needs cluster_listen for the data planes, but it is off' : undefined)),
    remedy: 'Give cluster_listen an address on the control plane (Kong\'s default is 0.0.0.0:8005).',
    sources: [repo(INIT, '2.8.0', '1070-1072'), repo(PARSE, '3.9.3', '744-747')],
  },
  {
    id: 'control-plane-pki-ca',
    since: '2.8.0',
    cite: ['cluster_mtls', 'role'],
    problem: forRole('control_plane', (view) => (view.value('cluster_mtls') === 'pki' && !isSet(view, 'cluster_ca_cert') ? '`cluster_mtls = pki` on a control plane needs cluster_ca_cert, which is not set' : undefined)),
    remedy: 'Set cluster_ca_cert to the CA that signed the data planes\' certificates, or use cluster_mtls = shared.',
    sources: [repo(INIT, '2.8.0', '1066-1068'), repo(PARSE, '3.9.3', '740-743')],
  },
  {
    id: 'control-plane-database',
    since: '2.8.0',
    cite: ['database', 'role'],
    problem: forRole('control_plane', (view) => (view.value('database') === 'off' ? '`role = control_plane` needs a database, but database = off' : undefined)),
    remedy: 'Give the control plane a database (database = postgres); only data planes run without one.',
    sources: [repo(INIT, '2.8.0', '1074-1076'), repo(PARSE, '3.9.3', '748-751')],
  },
  {
    id: 'control-plane-cluster-use-proxy',
    since: '3.1.0',
    cite: ['cluster_use_proxy', 'role'],
    problem: forRole('control_plane', (view) => (isOn(view, 'cluster_use_proxy') ? 'cluster_use_proxy is on, which Kong allows only on a data plane, and role = control_plane' : undefined)),
    remedy: 'Turn cluster_use_proxy off on the control plane; it is for data planes that reach the control plane through a proxy.',
    sources: [repo(INIT, '3.1.0', '1027-1029', 'absent at 3.0.2'), repo(PARSE, '3.9.3', '752-755')],
  },
  {
    id: 'control-plane-dp-labels',
    since: '3.3.0',
    cite: ['cluster_dp_labels', 'role'],
    problem: forRole('control_plane', (view) => (labels(view).length > 0 ? 'cluster_dp_labels is set, which Kong allows only on a data plane, and role = control_plane' : undefined)),
    remedy: 'Remove cluster_dp_labels from the control plane\'s configuration.',
    sources: [repo(INIT, '3.3.0', '1127-1129', 'absent at 3.2.2'), repo(PARSE, '3.9.3', '756-759')],
  },
  {
    id: 'data-plane-proxy-listen',
    since: '2.8.0',
    cite: ['proxy_listen', 'role'],
    problem: forRole('data_plane', (view) => (firstIsOff(view, 'proxy_listen') ? '`role = data_plane` needs the proxy, but proxy_listen is off' : undefined)),
    remedy: 'Give proxy_listen an address on the data plane.',
    sources: [repo(INIT, '2.8.0', '1079-1081'), repo(PARSE, '3.9.3', '762-764')],
  },
  {
    id: 'data-plane-database',
    since: '2.8.0',
    cite: ['database', 'role'],
    problem: forRole('data_plane', (view) => {
      const database = view.value('database');
      return database === 'off' ? undefined : `\`role = data_plane\` runs only without a database, but database is ${database === undefined ? 'not off' : `\`${database}\``}`;
    }),
    remedy: 'Set database = off on the data plane: it gets its configuration from the control plane.',
    sources: [repo(INIT, '2.8.0', '1083-1086'), repo(PARSE, '3.9.3', '766-769')],
  },
  {
    id: 'data-plane-proxy-server',
    since: '3.1.0',
    cite: ['cluster_use_proxy', 'role'],
    problem: forRole('data_plane', (view) => (isOn(view, 'cluster_use_proxy') && !isSet(view, 'proxy_server') ? 'cluster_use_proxy is on but proxy_server is not set' : undefined)),
    remedy: 'Set proxy_server to the forward proxy\'s URL, or turn cluster_use_proxy off.',
    sources: [repo(INIT, '3.1.0', '1052-1054', 'absent at 3.0.2'), repo(PARSE, '3.9.3', '782-784')],
  },
  {
    id: 'data-plane-dp-labels',
    since: '3.3.0',
    cite: ['cluster_dp_labels'],
    problem: forRole('data_plane', (view) => labelsProblem(labels(view))),
    remedy: 'Write at most 10 labels as key:value, each side 1 to 63 letters, digits, `_`, `.`, `:` or `-`, starting and ending with a letter or digit; keys must not start with kong, konnect, insomnia, mesh or kic.',
    sources: [repo('kong/tools/utils.lua', '3.3.0', '1049-1102', 'validate_labels, absent at 3.2.2'), repo(INIT, '3.3.0', '1156-1161'), repo(PARSE, '3.9.3', '160-213'), repo(PARSE, '3.9.3', '786-791')],
  },
  {
    id: 'traditional-dp-labels',
    since: '3.3.0',
    cite: ['cluster_dp_labels'],
    problem: (view) => {
      const r = role(view);
      if (r === 'control_plane' || r === 'data_plane' || labels(view).length === 0) return undefined;
      return `cluster_dp_labels is set, which Kong allows only on a data plane, and role is ${r === undefined ? 'not set' : `\`${r}\``}`;
    },
    remedy: 'Remove cluster_dp_labels, or run the node as a data plane.',
    sources: [repo(INIT, '3.3.0', '1163-1167', 'absent at 3.2.2'), repo(PARSE, '3.9.3', '793-797')],
  },
];

/**
 * The certificate pairs of the TLS listeners: when a listener of the group has the `ssl` flag,
 * the group's certificate and key lists must both be set and equally long.
 */
function certificatePair(group: { prefix: string; listens: readonly string[]; since: string; sources: readonly FactSource[] }): StartupRequirement {
  const cert = `${group.prefix}ssl_cert`;
  const key = `${group.prefix}ssl_cert_key`;
  return {
    id: `${group.prefix}ssl-cert-pair`,
    since: group.since,
    cite: [cert, key],
    problem: (view) => {
      if (!group.listens.some((listen) => hasSslFlag(view.value(listen)))) return undefined;
      const certs = splitKongArray(view.value(cert) ?? '').length;
      const keys = splitKongArray(view.value(key) ?? '').length;
      const where = group.listens.join(' or ');
      if (certs > 0 && keys === 0) return `${cert} is set without ${key}, and ${where} has \`ssl\``;
      if (keys > 0 && certs === 0) return `${key} is set without ${cert}, and ${where} has \`ssl\``;
      if (certs !== keys) return `${cert} lists ${certs} entries but ${key} ${keys}, and ${where} has \`ssl\` (Kong pairs them by position)`;
      return undefined;
    },
    remedy: `List one key in ${key} for each certificate in ${cert}, in the same order.`,
    sources: group.sources,
  };
}

/**
 * The loader's test for an `ssl` flag: the listen list joined with commas, then a blank, and
 * `ssl` between a blank before and a blank or comma after.
 */
function hasSslFlag(listen: string | undefined): boolean {
  return /\sssl[\s,]/.test(`${splitKongArray(listen ?? '').join(',')} `);
}

const PAIRS: StartupRequirement[] = [
  certificatePair({ prefix: '', listens: ['proxy_listen', 'stream_listen'], since: '2.8.0', sources: [repo(INIT, '2.8.0', '834-862'), repo(PARSE, '3.9.3', '314-342')] }),
  certificatePair({ prefix: 'admin_', listens: ['admin_listen'], since: '2.8.0', sources: [repo(INIT, '2.8.0', '834-862'), repo(PARSE, '3.9.3', '314-342')] }),
  certificatePair({ prefix: 'status_', listens: ['status_listen'], since: '2.8.0', sources: [repo(INIT, '2.8.0', '834-862'), repo(PARSE, '3.9.3', '314-342')] }),
  certificatePair({ prefix: 'admin_gui_', listens: ['admin_gui_listen'], since: '3.4.0', sources: [repo(INIT, '3.4.0', '845', 'admin_gui_ joins the prefixes; absent at 3.3.1'), repo(PARSE, '3.9.3', '314-342')] }),
  {
    id: 'client-ssl-pair',
    since: '2.8.0',
    cite: ['client_ssl_cert', 'client_ssl_cert_key', 'client_ssl'],
    problem: (view) => {
      if (!isOn(view, 'client_ssl')) return undefined;
      const cert = isSet(view, 'client_ssl_cert');
      const key = isSet(view, 'client_ssl_cert_key');
      if (cert && !key) return 'client_ssl is on and client_ssl_cert is set without client_ssl_cert_key';
      if (key && !cert) return 'client_ssl is on and client_ssl_cert_key is set without client_ssl_cert';
      return undefined;
    },
    remedy: 'Set both client_ssl_cert and client_ssl_cert_key, or neither.',
    sources: [repo(INIT, '2.8.0', '881-887'), repo(PARSE, '3.9.3', '373-382')],
  },
];

export const STARTUP_REQUIREMENTS: readonly StartupRequirement[] = [...HYBRID, ...PAIRS];

/** Every source above, for the rule's metadata. */
export const STARTUP_REQUIREMENT_SOURCES: readonly FactSource[] = STARTUP_REQUIREMENTS.flatMap((r) => r.sources);

/** The requirements whose check Kong `version`'s loader has. */
export function requirementsOn(version: KongVersion): StartupRequirement[] {
  return STARTUP_REQUIREMENTS.filter((r) => KongVersion.parse(r.since).lte(version));
}

/**
 * validate_labels (kong/conf_loader/parse.lua@3.9.3:160-213, init.lua@3.3.0): at most 10
 * entries; each split at its first colon into key and value, each 1 to 63 characters matching a
 * PCRE pattern, case-insensitive, keys not starting with Kong's reserved prefixes. Kong reports the
 * first failure; so does this.
 */
export function labelsProblem(entries: readonly string[]): string | undefined {
  if (entries.length > 10) return `cluster_dp_labels has ${entries.length} labels, more than Kong's 10`;
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const key = colon < 0 ? '' : entry.slice(0, colon);
    const value = colon < 0 ? '' : entry.slice(colon + 1);
    if (!labelPartValid(key, true)) return colon < 0 ? `cluster_dp_labels entry \`${entry}\` is not key:value` : `cluster_dp_labels key \`${key}\` is not one Kong accepts`;
    if (!labelPartValid(value, false)) return `cluster_dp_labels value \`${value}\` (of \`${key}\`) is not one Kong accepts`;
  }
  return undefined;
}

/** `[a-z0-9]([\w\.:-]*[a-z0-9]|)$` anchored, case-insensitive (PCRE flags `ajoi`), 1 to 63 characters. */
function labelPartValid(part: string, isKey: boolean): boolean {
  if (part === '' || part.length > 63) return false;
  if (isKey && /^(kong|konnect|insomnia|mesh|kic)/i.test(part)) return false;
  return /^[a-z0-9]([\w.:-]*[a-z0-9])?$/i.test(part);
}
