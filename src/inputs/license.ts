// Finds the Enterprise license a node would use, in Kong's documented order: KONG_LICENSE_DATA,
// the default file /etc/kong/license.json, the file named by KONG_LICENSE_PATH, and license rows
// in the database (applied through the Admin API). kong.conf has no license key. Reads only the
// expiration date: license data is a secret and never leaves this module.

import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ConfSetting, KongConf } from './kong-conf/types';
import type { Origin } from '../model/origin';

export type LicenseVia = 'KONG_LICENSE_DATA' | 'KONG_LICENSE_PATH' | 'default-path' | 'database' | 'Konnect';

/** Where Kong looks when neither variable is set. */
export const DEFAULT_LICENSE_PATH = '/etc/kong/license.json';

export interface LicenseCandidate {
  via: LicenseVia;
  origin: Origin;
  /** `read`: the expiry is known; `absent-here`: the path names the production host; `malformed`: not a Kong license. */
  status: 'read' | 'absent-here' | 'unreadable' | 'malformed';
  /** `YYYY-MM-DD` from the license payload. */
  expiresAt?: string;
  detail: string;
  /**
   * Set when Kong never loads this license on this node because a source earlier in its lookup
   * order is set: that source (kong/enterprise_edition/license_helpers.lua, get_license_string).
   */
  shadowedBy?: LicenseVia;
}

export interface LicenseInput {
  candidates: LicenseCandidate[];
  /** True when the database was inspected, so "no candidate" really means no license anywhere. */
  databaseInspected: boolean;
  /**
   * Set when the deployment says Enterprise features are off on purpose (Helm `enterprise.enabled:
   * false`): without a license the node runs in free mode, which exists until 3.10.
   */
  freeMode?: { origin: Origin; reason: string };
}

export interface LicenseLookupOptions {
  /** License rows from the database; undefined when the database was not inspected. */
  databaseCandidates?: LicenseCandidate[];
  /** The default file to look for (tests point it elsewhere). */
  defaultPath?: string;
}

/**
 * The licenses a node could load, in Kong's lookup order: KONG_LICENSE_DATA, then the default
 * file when it exists, then the file KONG_LICENSE_PATH names, then the database's latest row
 * (kong/enterprise_edition/license_helpers.lua@FTI-6378, get_license_string; the same order in
 * that file since 2022). Kong loads the first source that is set and never falls back, so every
 * later candidate is marked `shadowedBy` it.
 */
export function loadLicenseEvidence(conf: KongConf | undefined, options: LicenseLookupOptions = {}): LicenseInput {
  const candidates: LicenseCandidate[] = [];
  const data = conf?.raw('license_data');
  if (data && setByVariable(data, 'KONG_LICENSE_DATA')) {
    if (data.unreadableFrom) candidates.push({ via: 'KONG_LICENSE_DATA', origin: data.origin, status: 'unreadable', detail: `its value comes from ${data.unreadableFrom}` });
    else if (conf!.get('license_data')) candidates.push({ via: 'KONG_LICENSE_DATA', origin: data.origin, ...readLicenseText(data.value) });
  }
  const defaultPath = options.defaultPath ?? DEFAULT_LICENSE_PATH;
  if (existsSync(defaultPath)) {
    candidates.push({ via: 'default-path', origin: { kind: 'global', file: defaultPath }, ...readLicenseFile(defaultPath) });
  }
  // Only the variable counts: a `license_path` line in kong.conf is an unknown key Kong ignores.
  const path = conf?.get('license_path');
  if (path && setByVariable(path, 'KONG_LICENSE_PATH')) {
    const file = isAbsolute(path.value) ? path.value : resolve(conf!.dir, path.value);
    candidates.push({ via: 'KONG_LICENSE_PATH', origin: path.origin, ...readLicenseFile(file) });
  }
  candidates.push(...(options.databaseCandidates ?? []));
  const loaded = candidates[0]?.via;
  return {
    candidates: candidates.map((candidate, index) => (index > 0 && candidate.via !== loaded ? { ...candidate, shadowedBy: loaded } : candidate)),
    databaseInspected: options.databaseCandidates !== undefined,
  };
}

/**
 * Set as the variable Kong reads (given to the check, a Dockerfile ENV, the chart's container
 * env), not as a kong.conf line.
 */
function setByVariable(setting: ConfSetting, variable: string): boolean {
  return setting.origin.kind === 'env' || setting.envName === variable;
}

function readLicenseFile(file: string): Pick<LicenseCandidate, 'status' | 'expiresAt' | 'detail'> {
  if (!existsSync(file)) {
    return { status: 'absent-here', detail: `${file} does not exist where the check runs (it may exist on the Kong host)` };
  }
  try {
    return readLicenseText(readFileSync(file, 'utf8'));
  } catch {
    return { status: 'unreadable', detail: `${file} cannot be read` };
  }
}

/**
 * Extracts the expiration date from license JSON; says nothing else about its content. The JSON
 * may come base64 (or base64url) encoded, as Enterprise accepts in KONG_LICENSE_DATA
 * (license_helpers.lua@FTI-6378, decode_base64_str; commit 18b1c50, 2022-10).
 */
export function readLicenseText(text: string): Pick<LicenseCandidate, 'status' | 'expiresAt' | 'detail'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const decoded = fromBase64(text);
    if (decoded === undefined) return { status: 'malformed', detail: 'neither JSON nor base64-encoded JSON' };
    parsed = decoded;
  }
  const payload = (parsed as { license?: { payload?: Record<string, unknown> } })?.license?.payload;
  const expires = payload?.license_expiration_date;
  if (typeof expires !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(expires)) {
    return { status: 'malformed', detail: 'no license.payload.license_expiration_date' };
  }
  return { status: 'read', expiresAt: expires.slice(0, 10), detail: `expires ${expires.slice(0, 10)}` };
}

/** The JSON a base64 or base64url text encodes, or undefined. */
function fromBase64(text: string): unknown {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return undefined;
  try {
    return JSON.parse(Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}
