// Reads the assignments of a systemd unit file or drop-in as systemd's configuration parser does
// (systemd/systemd@2557246c:src/shared/conf-parser.c `config_parse` and `parse_line`):
//
// - a line whose first non-blank character is `#` or `;` is a comment, also between the lines of
//   a continuation, which it does not end;
// - a line ending in an odd number of backslashes goes on with the next line: that backslash
//   becomes a blank;
// - a UTF-8 byte-order mark at the start is skipped;
// - `[Name]` opens a section; a line starting with `[` that does not end with `]` makes systemd
//   refuse to load the unit;
// - `Key=Value`, both trimmed of blanks; a line without `=`, or with nothing before it, or an
//   assignment before any section, is ignored.

import { InputError } from '../../errors';

export interface UnitAssignment {
  section: string;
  key: string;
  value: string;
  file: string;
  /** The line the assignment starts on (a continuation spans the lines after it). */
  line: number;
}

const COMMENTS = '#;';

export function parseUnitFile(text: string, file: string): UnitAssignment[] {
  const lines = text.split(/\r\n|\r|\n/);
  // A final line break leaves an empty last element that is no line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: UnitAssignment[] = [];
  let section: string | undefined;
  let continuation: string | undefined;
  let startLine = 0;
  for (let index = 0; index < lines.length; index++) {
    let physical = lines[index];
    if (index === 0 && physical.startsWith('\uFEFF')) physical = physical.slice(1);
    const trimmedStart = physical.replace(/^[ \t\n\r]+/, '');
    if (trimmedStart !== '' && COMMENTS.includes(trimmedStart[0])) continue;
    if (continuation === undefined) startLine = index + 1;
    let logical = continuation === undefined ? physical : continuation + physical;
    if (endsEscaped(logical)) {
      continuation = `${logical.slice(0, -1)} `;
      continue;
    }
    continuation = undefined;
    logical = trim(logical);
    if (logical === '') continue;
    if (logical.startsWith('[')) {
      if (!logical.endsWith(']')) throw new InputError('invalid section header: systemd refuses to load this unit', { file, line: startLine });
      section = logical.slice(1, -1);
      continue;
    }
    if (section === undefined) continue;
    const eq = logical.indexOf('=');
    if (eq <= 0) continue;
    out.push({ section, key: trim(logical.slice(0, eq)), value: trim(logical.slice(eq + 1)), file, line: startLine });
  }
  // A continuation still open at the end of the file is parsed as it stands.
  if (continuation !== undefined) {
    const logical = trim(continuation);
    const eq = logical.indexOf('=');
    if (section !== undefined && !logical.startsWith('[') && eq > 0) out.push({ section, key: trim(logical.slice(0, eq)), value: trim(logical.slice(eq + 1)), file, line: startLine });
  }
  return out;
}

/** A trailing backslash that is not itself escaped. */
function endsEscaped(text: string): boolean {
  let escaped = false;
  for (const c of text) {
    if (escaped) escaped = false;
    else if (c === '\\') escaped = true;
  }
  return escaped;
}

function trim(text: string): string {
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}
