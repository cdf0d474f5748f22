// Evidence of a backup given with `--backup FILE`: what kind of dump it is and how old. The
// backup rule judges it; this loader only reads the head of the file and its timestamps.

export type BackupKind =
  | 'pg_dump-plain'        // SQL text
  | 'pg_dump-archive'      // custom or tar format (pg_restore reads it)
  | 'pg_dump-directory'    // -F d: a folder with toc.dat
  | 'kong-db-export'       // `kong config db_export`: declarative with `_transform: false`
  | 'deck-dump'            // `deck gateway dump`: declarative with decK-only keys
  | 'declarative-file'     // a kong.yml copy (the DB-less backup)
  | 'unrecognised';

/** Kinds that restore a database; the others are declarative backups. */
export const DATABASE_BACKUP_KINDS: readonly BackupKind[] = ['pg_dump-plain', 'pg_dump-archive', 'pg_dump-directory'];

export interface BackupEvidence {
  file: string;
  kind: BackupKind;
  /** What identified the kind (a header line, a magic number, `_format_version` with decK keys). */
  detail: string;
  modifiedAt: Date;
  sizeBytes: number;
}
