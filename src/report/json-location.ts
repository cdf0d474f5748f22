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
      const { file, line, column, endLine, endColumn } = origin;
      if (!endLine && !endColumn) return { file, line, column };
      return { file, line, column, ...(endLine ? { endLine } : {}), ...(endColumn ? { endColumn } : {}) };
    }
    case 'env': return { env: origin.env };
    case 'db': {
      const anchor = origin.anchor ? { file: origin.anchor.file, line: origin.anchor.line, column: origin.anchor.column } : {};
      return {
        table: origin.table,
        ...(origin.id ? { id: origin.id } : {}),
        ...(origin.field ? { field: origin.field } : {}),
        ...anchor,
      };
    }
    case 'cli': return { flag: origin.flag };
    case 'default': return { default: origin.version ?? 'default' };
    case 'global': return origin.file ? { file: origin.file } : {};
  }
}
