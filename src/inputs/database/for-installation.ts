// Decides whether the installation reads a database, and turns its license rows into the license
// input's candidates. Reading is the default when kong.conf configures PostgreSQL; `--no-db`
// skips it, `--pg` points elsewhere. A database that was asked for and cannot be read is an
// input error (exit 2), never a silent skip.

import { InputError } from '../../errors';
import type { KongConf } from '../kong-conf/types';
import type { LicenseCandidate } from '../license';
import { databaseSkipReason, loadDatabase } from './index';
import type { DatabaseInput } from './types';

export interface DatabaseRequest {
  pgUrl?: string;
  noDb?: boolean;
  kongConf?: KongConf;
  env: Readonly<Record<string, string | undefined>>;
}

export type DatabaseOutcome = { input: DatabaseInput } | { skipped: string };

export async function loadDatabaseForInstallation(request: DatabaseRequest): Promise<DatabaseOutcome> {
  const { pgUrl, noDb, kongConf } = request;
  if (noDb) return { skipped: '--no-db given: the database was not read' };
  if (!pgUrl) {
    if (!kongConf) return { skipped: 'no kong.conf and no --pg given, so there is no database to read' };
    const skip = databaseSkipReason({ kongConf });
    if (skip) return { skipped: skip };
    if (kongConf.get('role')?.value === 'data_plane') return { skipped: 'role = data_plane: data planes have no database' };
  }
  try {
    return { input: await loadDatabase({ kongConf, url: pgUrl, env: request.env as NodeJS.ProcessEnv }) };
  } catch (error) {
    if (error instanceof InputError && !pgUrl) {
      throw new InputError(`${error.message} (pass --no-db to check without the database)`, error.place);
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
