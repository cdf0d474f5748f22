// Trailing `#` comments and the `\#` escape in kong.conf values. Kong changed how it strips them
// in 3.2, which matters for passwords and other values that contain `#`:
//
// - 3.2 and later (`load_config`, kong/conf_loader/init.lua): only values read from a file (and
//   the built-in defaults) are stripped. Everything from the first `#` not preceded by `\` is
//   removed, together with the whitespace before it; then every `\#` becomes `#`. Values from
//   `KONG_*` environment variables are kept as they are.
// - 2.0 to 3.1 (`infer_value`): the pattern also removed the character just before the first
//   unescaped `#` (`abc#def` became `ab`), and a value starting with `#` was left alone. Values
//   from environment variables had every `#` escaped first, so they kept their `#`, but a `\#`
//   written in the variable still came out as `#`.
//
// In every version a literal `#` in a kong.conf file must be written `\#`.

/** Whitespace as Lua's `%s` and PCRE's `\s` see it (ASCII only). */
const SPACE_CLASS = '[ \\t\\n\\v\\f\\r]';

const TRAILING_COMMENT_3_2 = new RegExp(`${SPACE_CLASS}*(?<!\\\\)#.*$`, 's');
const TRAILING_COMMENT_BEFORE_3_2 = /[^\\]#.*$/s;

function unescapeHashes(value: string): string {
  return value.split('\\#').join('#');
}

/** A file value as Kong 3.2+ reads it: trailing comment removed, `\#` turned into `#`. */
export function stripComment(value: string): string {
  return unescapeHashes(value.replace(TRAILING_COMMENT_3_2, ''));
}

/** A file value as Kong 2.0-3.1 read it (one character before the `#` is lost too), trimmed. */
export function stripCommentBefore32(value: string): string {
  return trimLuaSpace(unescapeHashes(value.replace(TRAILING_COMMENT_BEFORE_3_2, '')));
}

/** An environment value as Kong 2.0-3.1 read it: `#` kept, but `\#` still unescaped; trimmed. */
export function envValueBefore32(value: string): string {
  return trimLuaSpace(unescapeHashes(value));
}

/** Trims the whitespace Lua's `%s` knows (not Unicode spaces such as U+00A0 or a BOM). */
export function trimLuaSpace(value: string): string {
  return value.replace(/^[ \t\n\v\f\r]+/, '').replace(/[ \t\n\v\f\r]+$/, '');
}

export interface HashCut {
  /** Index in the value of the `#` where Kong 3.2+ cuts. */
  index: number;
  /** True when the cut looks like a deliberate trailing comment rather than part of the value. */
  looksLikeComment: boolean;
}

/**
 * Where Kong 3.2+ cuts a file value, or undefined when it keeps it whole. A `#` reads as the
 * start of a comment when whitespace separates it from the value before it (`on  # enable`),
 * when it opens the value followed by whitespace or another `#` (`= # nothing yet`), or when
 * words follow it after whitespace (`foo\#bar# a note`: Kong's own spec/kong_tests.conf writes
 * its comment that way, and a password or path rarely holds `# ` then more text). Any other `#`
 * (`abc#def`, `#abc`, `secret#`) was most likely meant as part of the value.
 */
export function findHashCut(value: string): HashCut | undefined {
  const match = /(?<!\\)#/.exec(value);
  if (!match) return undefined;
  const index = match.index;
  const before = value[index - 1];
  const after = value[index + 1];
  const looksLikeComment =
    index === 0
      ? after === undefined || /[ \t\n\v\f\r#]/.test(after)
      : /[ \t\n\v\f\r]/.test(before) || /^#[ \t]+\S/.test(value.slice(index));
  return { index, looksLikeComment };
}
