// Reads an `EnvironmentFile=` as systemd does (systemd/systemd@0002453b:src/basic/env-file.c
// `parse_env_file_internal`, through `load_env_file`):
//
// - blanks before a name are skipped; a line starting with `#` or `;` is a comment (a backslash
//   at its end no longer continues it, since systemd v254);
// - `NAME=value`: blanks around the name and before the value are dropped; a line without `=`
//   sets nothing;
// - unquoted, a backslash keeps the next character as it is and a backslash before a line break
//   joins the next line; trailing blanks are dropped;
// - in single quotes everything is literal; in double quotes a backslash escapes only
//   `"`, `\`, `` ` `` and `$` (others keep it) and before a line break joins the next line;
//   quoted and unquoted parts run together (`a"b c"` is `ab c`... only after the `=`);
// - nothing is expanded (`$OTHER` stays as written).
//
// The name is taken as written, so `export KONG_X=1` gives the name `export KONG_X`, which is no
// valid variable name: systemd drops such entries before starting the service (env_name_is_valid:
// letters, digits and `_`, not starting with a digit). They are returned apart, so the reader can
// say that the line sets nothing.

export interface EnvFileEntry {
  name: string;
  value: string;
  /** The line the name starts on. */
  line: number;
}

export interface EnvFileRead {
  entries: EnvFileEntry[];
  /** Entries whose name systemd refuses (`export KONG_X`, `KONG X`): never set. */
  invalid: EnvFileEntry[];
}

const COMMENTS = '#;';
const WHITESPACE = ' \t\n\r';
const NEWLINE = '\n\r';
const SHELL_NEED_ESCAPE = '"\\`$';

type State = 'PRE_KEY' | 'KEY' | 'PRE_VALUE' | 'VALUE' | 'VALUE_ESCAPE' | 'SINGLE' | 'DOUBLE' | 'DOUBLE_ESCAPE' | 'COMMENT' | 'COMMENT_ESCAPE';

export function parseEnvFile(text: string): EnvFileRead {
  const entries: EnvFileEntry[] = [];
  const invalid: EnvFileEntry[] = [];
  let state: State = 'PRE_KEY';
  let key = '';
  let value: string | undefined;
  // Where trailing blanks of the key and of an unquoted value begin (-1: none pending).
  let keyBlank = -1;
  let valueBlank = -1;
  let line = 1;
  let keyLine = 1;
  const push = (chompValue: boolean) => {
    let name = keyBlank >= 0 ? key.slice(0, keyBlank) : key;
    name = name.replace(/^\uFEFF/, '');
    let text = value ?? '';
    if (chompValue && valueBlank >= 0) text = text.slice(0, valueBlank);
    const entry = { name, value: text, line: keyLine };
    (validName(name) ? entries : invalid).push(entry);
    key = '';
    value = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    switch (state) {
      case 'PRE_KEY':
        if (COMMENTS.includes(c)) state = 'COMMENT';
        else if (!WHITESPACE.includes(c)) {
          state = 'KEY';
          keyBlank = -1;
          keyLine = line;
          key = c;
        }
        break;
      case 'KEY':
        if (NEWLINE.includes(c)) {
          state = 'PRE_KEY';
          key = '';
        } else if (c === '=') {
          state = 'PRE_VALUE';
          valueBlank = -1;
        } else {
          if (!WHITESPACE.includes(c)) keyBlank = -1;
          else if (keyBlank < 0) keyBlank = key.length;
          key += c;
        }
        break;
      case 'PRE_VALUE':
        if (NEWLINE.includes(c)) {
          state = 'PRE_KEY';
          push(false);
        } else if (c === "'") state = 'SINGLE';
        else if (c === '"') state = 'DOUBLE';
        else if (c === '\\') state = 'VALUE_ESCAPE';
        else if (!WHITESPACE.includes(c)) {
          state = 'VALUE';
          value = (value ?? '') + c;
        }
        break;
      case 'VALUE':
        if (NEWLINE.includes(c)) {
          state = 'PRE_KEY';
          push(true);
        } else if (c === '\\') {
          state = 'VALUE_ESCAPE';
          valueBlank = -1;
        } else {
          if (!WHITESPACE.includes(c)) valueBlank = -1;
          else if (valueBlank < 0) valueBlank = (value ?? '').length;
          value = (value ?? '') + c;
        }
        break;
      case 'VALUE_ESCAPE':
        state = 'VALUE';
        if (!NEWLINE.includes(c)) value = (value ?? '') + c;
        break;
      case 'SINGLE':
        if (c === "'") state = 'PRE_VALUE';
        else value = (value ?? '') + c;
        break;
      case 'DOUBLE':
        if (c === '"') state = 'PRE_VALUE';
        else if (c === '\\') state = 'DOUBLE_ESCAPE';
        else value = (value ?? '') + c;
        break;
      case 'DOUBLE_ESCAPE':
        state = 'DOUBLE';
        if (SHELL_NEED_ESCAPE.includes(c)) value = (value ?? '') + c;
        else if (c !== '\n') value = (value ?? '') + '\\' + c;
        break;
      case 'COMMENT':
        if (c === '\\') state = 'COMMENT_ESCAPE';
        else if (NEWLINE.includes(c)) state = 'PRE_KEY';
        break;
      case 'COMMENT_ESCAPE':
        state = NEWLINE.includes(c) ? 'PRE_KEY' : 'COMMENT';
        break;
    }
    if (c === '\n') line++;
  }
  if (state === 'PRE_VALUE' || state === 'VALUE' || state === 'VALUE_ESCAPE' || state === 'SINGLE' || state === 'DOUBLE' || state === 'DOUBLE_ESCAPE') push(state === 'VALUE');
  return { entries, invalid };
}

/**
 * systemd's `env_name_is_valid`: letters, digits and `_`, not starting with a digit
 * (src/basic/env-util.c, VALID_BASH_ENV_NAME_CHARS).
 */
export function validName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}
