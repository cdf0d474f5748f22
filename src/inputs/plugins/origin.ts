// Turns a Lua token into the origin a finding points at.

import type { FileOrigin } from '../../model/origin';
import type { LuaToken } from '../lua/tokenizer';

export function tokenOrigin(file: { path: string }, token: LuaToken): FileOrigin {
  return { kind: 'file', file: file.path, line: token.line, column: token.column, endLine: token.endLine, endColumn: token.endColumn };
}
