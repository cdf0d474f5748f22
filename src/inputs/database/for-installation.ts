// Decides whether the installation reads a database, and turns its license rows into the license
// input's candidates. `--pg URL` asks for a database: if it cannot be read, that is an input error
// (exit 2). Without it, the database kong.conf configures is tried: the check often runs where that
// database is out of reach (a laptop, CI), so a failure there leaves the database rules not
// evaluated, with the one-line reason in the report. `--no-db` skips the attempt.

import { InputError } from '../../errors';
import type { KongConf } from '../kong-conf/types';
import type { LicenseCandidate } from '../license';
import { databaseSkipReason } from './skip-reason';
import type { DatabaseInput, LicenseRow } from './types';
import { compareText } from '../../text/compare';

export interface DatabaseRequest {
  pgUrl?: string;
  noDb?: boolean;
  kongConf?: KongConf;
  env: Readonly<Record<string, string | undefined>>;
  /** `--recent-writes-minutes`. */
  recentWritesMinutes?: number;
}

/**
 * `secretValues`: the password the connection used (from --pg, its `?password=`, PGPASSWORD or
 * kong.conf), and its percent-encoded form when the --pg URL writes it so. No input keeps it;
 * the report hides it wherever the same text appears (a kong.conf comment, an env file, a
 * compose file).
 */
export type DatabaseOutcome = ({ input: DatabaseInput } | { skipped: string }) & { secretValues: string[] };

export async function loadDatabaseForInstallation(request: DatabaseRequest): Promise<DatabaseOutcome> {
  const { pgUrl, noDb, kongConf } = request;
  // Said before --no-db: "not read" would suggest a database the data plane does not have.
  if (!pgUrl && kongConf?.get('role')?.value === 'data_plane') return { skipped: 'role = data_plane: data planes have no database', secretValues: [] };
  if (noDb) return { skipped: '--no-db given: the database was not read', secretValues: [] };
  if (!pgUrl) {
    if (!kongConf) return { skipped: 'no kong.conf and no --pg given, so there is no database to read', secretValues: [] };
    const skip = databaseSkipReason({ kongConf });
    if (skip) return { skipped: skip, secretValues: [] };
  }
  let passwords: string[] = [];
  try {
    // The database modules (and pg) load only when a database is about to be read.
    const { connectionSettings, loadDatabaseWith } = require('./index') as typeof import('./index');
    const settings = connectionSettings({ kongConf, url: pgUrl, env: request.env as NodeJS.ProcessEnv });
    passwords = [settings.password, settings.passwordAsWritten].filter((p): p is string => Boolean(p));
    return { input: await loadDatabaseWith(settings, request.recentWritesMinutes), secretValues: passwords };
  } catch (error) {
    if (error instanceof InputError && !pgUrl) {
      return { skipped: `${error.oneLine()} (pass --pg to require the database, --no-db to skip it)`, secretValues: passwords };
    }
    throw error;
  }
}

/**
 * The license row Kong loads, as the license input's candidate: the expiration date only, never
 * the payload. Kong reads one row, the one updated last (the first in id order on a tie;
 * filter_latest_license in kong/enterprise_edition/license_helpers.lua@FTI-6378), so an expired
 * row left beside its renewal is not the node's license. A keyring-encrypted payload cannot be
 * dated here.
 */
export function licenseCandidatesFromDatabase(database: DatabaseInput): LicenseCandidate[] {
  const row = latestLicense(database.licenses);
  if (!row) return [];
  const others = database.licenses.length - 1;
  const among = others > 0 ? ` (the last updated of ${database.licenses.length} rows, the one Kong loads)` : '';
  let found: Pick<LicenseCandidate, 'status' | 'expiresAt' | 'detail'>;
  if (row.expirationDate) found = { status: 'read', expiresAt: row.expirationDate, detail: `licenses row ${row.id}${among}, expires ${row.expirationDate}` };
  else if (row.encrypted) found = { status: 'unreadable', detail: `licenses row ${row.id}${among} is keyring-encrypted (keyring_encrypt_license), so its expiry cannot be read here` };
  else found = { status: 'malformed', detail: `licenses row ${row.id}${among} holds no readable license_expiration_date` };
  return [{ via: 'database', origin: row.origin, ...found }];
}

function latestLicense(rows: readonly LicenseRow[]): LicenseRow | undefined {
  let latest: LicenseRow | undefined;
  for (const row of [...rows].sort((a, b) => compareText(a.id, b.id))) {
    if (!latest || (row.updatedAt?.getTime() ?? -Infinity) > (latest.updatedAt?.getTime() ?? -Infinity)) latest = row;
  }
  return latest;
}
