// What the database loader hands to the installation and to rules: facts read from a Kong
// PostgreSQL database through a read-only session, each row with its table and id. Secrets
// (pg_password, license payloads, private keys) never enter these structures.

import type { KeyMaterial } from '../../knowledge/entities/sensitive-fields';
import type { EntitySource } from '../../model/entities';
import type { DbOrigin, FileOrigin } from '../../model/origin';
import type { InstalledVersionRange } from './installed-version';

/** One row of `schema_meta` (one per subsystem: `core` or a plugin name). */
export interface LedgerRow {
  subsystem: string;
  lastExecuted?: string;
  executed: string[];
  pending: string[];
}

export interface MigrationsLock {
  owner?: string;
  ttl: Date;
  /** The TTL lies in the future: a `kong migrations` command holds the mutex now. */
  active: boolean;
}

/** The connected role and what it may do in the schema Kong uses. */
export interface RolePrivileges {
  role: string;
  schema: string;
  /** CREATE on the schema: PostgreSQL 15 stopped granting it on `public` to every role. */
  canCreateInSchema: boolean;
  databaseOwner: string;
  ownsDatabase: boolean;
  superuser: boolean;
}

export interface ServerInfo {
  /** `SHOW server_version`, e.g. `15.4 (Debian 15.4-1)`. */
  version: string;
  /** `SHOW server_version_num`, e.g. 150004. */
  versionNum: number;
  major: number;
}

/** An Enterprise license row, reduced to what checks need; the payload itself is dropped. */
export interface LicenseRow {
  id: string;
  /** `license_expiration_date` from the payload (YYYY-MM-DD), when the payload could be read. */
  expirationDate?: string;
  createdAt?: Date;
  updatedAt?: Date;
  /** True when the payload was not the JSON Kong writes. */
  unreadable: boolean;
  /** True when the payload is keyring-encrypted (`keyring_encrypt_license`): its date cannot be read here. */
  encrypted?: boolean;
  origin: DbOrigin;
}

export interface DataPlaneRow {
  id: string;
  hostname: string;
  ip?: string;
  version?: string;
  syncStatus?: string;
  lastSeen?: Date;
  /** The row has not expired (Kong purges expired rows later): the node reported recently. */
  live: boolean;
  origin: DbOrigin;
}

export interface WorkspaceRow {
  id: string;
  name: string;
}

/** How many plugin rows name a plugin, for checks that judge plugin names, not rows. */
export interface PluginUsage {
  name: string;
  rows: number;
  enabledRows: number;
  /** One row id, for the finding's location. */
  sampleId: string;
}

/**
 * One Enterprise event hook, reduced to what the 3.14 checks need. `config.secret` is never read:
 * the query returns only whether one is set. The URL is kept to its scheme.
 */
export interface EventHookRow {
  id: string;
  source: string;
  event?: string;
  /** `webhook`, `webhook-custom`, `log` or `lambda`. */
  handler: string;
  /** The scheme of `config.url` (lower case), when the hook has a URL. */
  urlScheme?: string;
  /** `config.secret` holds a value: Kong signs the body into `x-kong-signature`. */
  signed: boolean;
  /** `config.ssl_verify` as stored; undefined when the key is absent or null. */
  sslVerify?: boolean;
  origin: DbOrigin;
}

/** Configuration tables written within the window: the Admin API (or decK, SQL) is still in use. */
export interface RecentWrites {
  windowMinutes: number;
  /** The database clock when the check read it. */
  readAt: Date;
  /** Tables with rows created or updated within the window, newest first. */
  tables: { table: string; rows: number; newest: Date }[];
}

export interface DatabaseInput {
  /** `postgres kong@db.internal:5432/kong`: never the password. */
  readonly label: string;
  /** The kong.conf line that configures the database (pg_host, else the file's first line). */
  readonly anchor?: FileOrigin;
  readonly server: ServerInfo;
  readonly privileges: RolePrivileges;
  readonly ledger: LedgerRow[];
  /** Ledger rows with pending migrations: `kong migrations up` ran, `finish` did not. */
  readonly pending: { subsystem: string; names: string[] }[];
  readonly lock?: MigrationsLock;
  readonly installed: InstalledVersionRange;
  /** Enterprise tables or schema_meta subsystems seen, empty for OSS. */
  readonly enterpriseEvidence: string[];
  readonly workspaces: WorkspaceRow[];
  /** Enterprise license rows; empty when the table is absent or has no row. */
  readonly licenses: LicenseRow[];
  readonly dataPlanes: DataPlaneRow[];
  readonly pluginUsage: PluginUsage[];
  /** Enterprise event hooks; undefined when the database has no `event_hooks` table (OSS). */
  readonly eventHooks?: EventHookRow[];
  /** Writes to configuration tables in the last minutes (created_at / updated_at). */
  readonly recentWrites: RecentWrites;
  /** Gateway entities, streamed with a cursor. */
  readonly entities: EntitySource;
  /** A database origin anchored at the kong.conf line configuring the database. */
  origin(table: string, id?: string, field?: string): DbOrigin;
  /**
   * Secret columns (credentials, private keys) the connected role may not SELECT, as
   * `table.column`: their values cannot be hidden from the report (src/inputs/database/secret-columns.ts).
   */
  readonly unreadableSecretColumns: readonly string[];
  /**
   * Streams the values of the readable secret columns (src/inputs/database/secret-columns.ts),
   * with what a private key column holds, for the report's hiding by value; the CLI calls it before close.
   */
  eachStoredSecret(visit: (value: string, holds?: KeyMaterial) => void): Promise<void>;
  /** Ends the session; the CLI calls it once rules have run. */
  close(): Promise<void>;
}
