// The JSON contract's location shape: `{file, line, column}` for files, `{env}` for environment
// variables, `{table, id, field}` for database rows (plus the anchoring kong.conf line).

import type { Origin } from '../model/origin';

export type JsonLocation =
  | { file: string; line: number; column: number; endLine?: number; endColumn?: number }
  | { env: string }
  | { table: string; id?: string; field?: string; file?: string; line?: number; column?: number }
  | { flag: string }
  | { default: string }
  | { file?: string };

export function toJsonLocation(origin: Origin): JsonLocation {
  switch (origin.kind) {
    case 'file': {
      // Key by key, as for database rows below: one object per finding, tens of thousands of them.
      const location: { file: string; line: number; column: number; endLine?: number; endColumn?: number } = { file: origin.file, line: origin.line, column: origin.column };
      if (origin.endLine) location.endLine = origin.endLine;
      if (origin.endColumn) location.endColumn = origin.endColumn;
      return location;
    }
    case 'env': return { env: origin.env };
    case 'db': {
      // Key by key (a database check can report tens of thousands of rows): table, id, field, anchor.
      const location: { table: string; id?: string; field?: string; file?: string; line?: number; column?: number } = { table: origin.table };
      if (origin.id) location.id = origin.id;
      if (origin.field) location.field = origin.field;
      if (origin.anchor) {
        location.file = origin.anchor.file;
        location.line = origin.anchor.line;
        location.column = origin.anchor.column;
      }
      return location;
    }
    case 'cli': return { flag: origin.flag };
    case 'default': return { default: origin.version ?? 'default' };
    case 'global': return origin.file ? { file: origin.file } : {};
  }
}
