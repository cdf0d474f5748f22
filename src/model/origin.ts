// Where a value or a finding comes from. Every loader attaches one of these to what it reads so
// that findings can point at the exact line, environment variable or database row.

/** A position in a file; line and column are 1-based. */
export interface FileOrigin {
  kind: 'file';
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A `KONG_*` (or other) environment variable. */
export interface EnvOrigin {
  kind: 'env';
  env: string;
}

/** Kong's built-in default for a version: the user did not set it. */
export interface DefaultOrigin {
  kind: 'default';
  version?: string;
}

/**
 * A database row. `anchor` is the kong.conf line (or flag) that configures the database: code
 * scanning rejects results without a file, so SARIF anchors database findings there.
 */
export interface DbOrigin {
  kind: 'db';
  table: string;
  id?: string;
  field?: string;
  anchor?: FileOrigin;
}

/** A command-line flag such as `--from`. */
export interface CliOrigin {
  kind: 'cli';
  flag: string;
}

/** A finding about the installation as a whole (the upgrade path, a missing backup). */
export interface GlobalOrigin {
  kind: 'global';
  /** A file the finding still relates to, if any (kong.conf), for reporters that need one. */
  file?: string;
}

export type Origin = FileOrigin | EnvOrigin | DefaultOrigin | DbOrigin | CliOrigin | GlobalOrigin;

/** A place in a file; `fileOrigin(file, 1)` is its start, where findings about a whole file sit. */
export function fileOrigin(file: string, line: number, column = 1): FileOrigin {
  return { kind: 'file', file, line, column };
}

/** True when both places are lines of files and the same line of the same file (columns aside). */
export function onSameLine(a: Origin, b: Origin): boolean {
  return a.kind === 'file' && b.kind === 'file' && a.file === b.file && a.line === b.line;
}

/** Short human text for an origin: `kong.conf:12:1`, `env KONG_PG_HOST`, `routes row 3f2…`. */
export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'file': return `${origin.file}:${origin.line}:${origin.column}`;
    case 'env': return `env ${origin.env}`;
    case 'default': return origin.version ? `default of ${origin.version}` : 'default';
    case 'db': return `database ${origin.table}${origin.id ? ` row ${origin.id}` : ''}${origin.field ? ` (${origin.field})` : ''}`;
    case 'cli': return `flag ${origin.flag}`;
    case 'global': return origin.file ?? 'installation';
  }
}
