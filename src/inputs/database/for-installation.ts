// Decides whether the installation reads a database, and turns its license rows into the license
// input's candidates. `--pg URL` asks for a database: if it cannot be read, that is an input error
// (exit 2). Without it, the database kong.conf configures is tried: the check often runs where that
// database is out of reach (a laptop, CI), so a failure there leaves the database rules not
// evaluated, with the one-line reason in the report. `--no-db` skips the attempt.

import { InputError } from '../../errors';
import type { KongConf } from '../kong-conf/types';
import type { LicenseCandidate } from '../license';
import { databaseSkipReason } from './skip-reason';
import type { DatabaseInput } from './types';

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
 * kong.conf). No input keeps it; the report hides it wherever the same text appears (a kong.conf
 * comment, an env file, a compose file).
 */
export type DatabaseOutcome = ({ input: DatabaseInput } | { skipped: string }) & { secretValues: string[] };

export async function loadDatabaseForInstallation(request: DatabaseRequest): Promise<DatabaseOutcome> {
  const { pgUrl, noDb, kongConf } = request;
  if (noDb) return { skipped: '--no-db given: the database was not read', secretValues: [] };
  if (!pgUrl) {
    if (!kongConf) return { skipped: 'no kong.conf and no --pg given, so there is no database to read', secretValues: [] };
    const skip = databaseSkipReason({ kongConf });
    if (skip) return { skipped: skip, secretValues: [] };
    if (kongConf.get('role')?.value === 'data_plane') return { skipped: 'role = data_plane: data planes have no database', secretValues: [] };
  }
  let password: string | undefined;
  try {
    // The database modules (and pg) load only when a database is about to be read.
    const { connectionSettings, loadDatabaseWith } = require('./index') as typeof import('./index');
    const settings = connectionSettings({ kongConf, url: pgUrl, env: request.env as NodeJS.ProcessEnv });
    password = settings.password;
    return { input: await loadDatabaseWith(settings, request.recentWritesMinutes), secretValues: password ? [password] : [] };
  } catch (error) {
    if (error instanceof InputError && !pgUrl) {
      return { skipped: `${error.oneLine()} (pass --pg to require the database, --no-db to skip it)`, secretValues: password ? [password] : [] };
    }
    throw error;
  }
}

/** License rows as candidates of the license input: the expiration date only, never the payload. */
export function licenseCandidatesFromDatabase(database: DatabaseInput): LicenseCandidate[] {
  return database.licenses.map((row) => ({
    via: 'database' as const,
    origin: row.origin,
    ...(row.expirationDate
      ? { status: 'read' as const, expiresAt: row.expirationDate, detail: `licenses row ${row.id}, expires ${row.expirationDate}` }
      : { status: 'malformed' as const, detail: `licenses row ${row.id} holds no readable license_expiration_date` }),
  }));
}
