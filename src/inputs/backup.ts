// Evidence of a backup given with `--backup FILE`: what kind of dump it is and how old. The
// backup rule judges it; this loader only reads the head of the file and its timestamps.

export type BackupKind = 'pg_dump-plain' | 'pg_dump-custom' | 'kong-db-export' | 'deck-dump' | 'unrecognised';

export interface BackupEvidence {
  file: string;
  kind: BackupKind;
  /** What identified the kind (a header line, a magic number, `_format_version` with decK keys). */
  detail: string;
  modifiedAt: Date;
  sizeBytes: number;
}
