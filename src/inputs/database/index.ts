// Loads the database input: connect read-only (kong.conf `pg_*` or `--pg`), read what describes the
// installation, and keep the session open for the entity walk. The caller closes it.

import type { KongConf } from '../kong-conf/types';
import type { DbOrigin } from '../../model/origin';
import { settingsFromKongConf, settingsFromUrl, type ConnectionSettings } from './connection';
import { DatabaseEntitySource } from './entity-source';
import {
  readDataPlanes, readEnterpriseEvidence, readEventHooks, readLedger, readLicenses, readLock, readPluginUsage, readPrivileges,
  readRecentWrites, readServer, readWorkspaces, RECENT_WRITES_MINUTES,
} from './inspect';
import { eachStoredSecret, readSecretColumns } from './secret-columns';
import { inferInstalledVersion } from './installed-version';
import { ReadOnlySession } from './session';
import type { DatabaseInput } from './types';

export type { DatabaseInput } from './types';
export type { InstalledVersionRange } from './installed-version';
export { rangeAdmits } from './installed-version';
export { databaseSkipReason } from './skip-reason';

export interface DatabaseOptions {
  kongConf?: KongConf;
  /** `--pg`: replaces the kong.conf settings. */
  url?: string;
  env?: NodeJS.ProcessEnv;
  /** `--recent-writes-minutes`: how far back a configuration write counts as recent. */
  recentWritesMinutes?: number;
}

export function connectionSettings(options: DatabaseOptions): ConnectionSettings {
  const env = options.env ?? process.env;
  let settings: ConnectionSettings;
  if (options.url) {
    const fromConf = options.kongConf ? settingsFromKongConf(options.kongConf, options.env) : undefined;
    settings = settingsFromUrl(options.url, fromConf?.anchor, fromConf?.timeoutMs);
  } else {
    settings = settingsFromKongConf(options.kongConf, env);
  }
  // Without a password the driver falls back to PGPASSWORD, as libpq does: taken here instead, so
  // that it is the value errors are scrubbed of and reports are hidden from.
  if (settings.password === undefined || settings.password === '') {
    const fromEnvironment = env.PGPASSWORD;
    if (fromEnvironment) settings = { ...settings, password: fromEnvironment };
  }
  return settings;
}

export async function loadDatabase(options: DatabaseOptions): Promise<DatabaseInput> {
  return loadDatabaseWith(connectionSettings(options), options.recentWritesMinutes);
}

/** Loads the database input over settings already read (the caller keeps the password to hide it). */
export async function loadDatabaseWith(settings: ConnectionSettings, recentWritesMinutes?: number): Promise<DatabaseInput> {
  const session = await ReadOnlySession.open(settings);
  try {
    const origin = (table: string, id?: string, field?: string): DbOrigin => ({
      kind: 'db', table,
      ...(id ? { id } : {}),
      ...(field ? { field } : {}),
      ...(settings.anchor ? { anchor: settings.anchor } : {}),
    });
    const server = await readServer(session);
    const privileges = await readPrivileges(session);
    const ledger = await readLedger(session, settings);
    const workspaces = await readWorkspaces(session);
    const label = `postgres ${settings.label}`;
    const secretColumns = await readSecretColumns(session);
    return {
      label,
      ...(settings.anchor ? { anchor: settings.anchor } : {}),
      server,
      privileges,
      ledger,
      pending: ledger.filter((r) => r.pending.length > 0).map((r) => ({ subsystem: r.subsystem, names: r.pending })),
      lock: await readLock(session),
      installed: inferInstalledVersion(ledger),
      enterpriseEvidence: await readEnterpriseEvidence(session, ledger),
      workspaces,
      licenses: await readLicenses(session, origin),
      dataPlanes: await readDataPlanes(session, origin),
      pluginUsage: await readPluginUsage(session),
      eventHooks: await readEventHooks(session, origin),
      recentWrites: await readRecentWrites(session, recentWritesMinutes ?? RECENT_WRITES_MINUTES),
      entities: new DatabaseEntitySource(session, label, new Map(workspaces.map((w) => [w.id, w.name])), settings.anchor),
      origin,
      unreadableSecretColumns: secretColumns.unreadable,
      eachStoredSecret: (visit) => eachStoredSecret(session, secretColumns.readable, visit),
      close: () => session.close(),
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}
