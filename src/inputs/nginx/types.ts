// The parsed shape of an nginx configuration file that may also be a Kong (penlight) template:
// nginx directives and blocks, plus the template's own `> ...` Lua lines and `${{NAME}}`
// placeholders, each with its position so findings can point at the exact line.

/** 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface ParseProblem {
  /** `error`: nginx or the template engine would refuse this; `warning`: suspicious but accepted. */
  severity: 'error' | 'warning';
  message: string;
  at: Position;
}

/** A penlight template line (`> if role == "control_plane" then`). */
export interface TemplateLine {
  kind: 'if' | 'elseif' | 'else' | 'end' | 'for' | 'code';
  /** The Lua code after `>`, trimmed. */
  code: string;
  at: Position;
}

/** One argument of a directive, as written and as nginx reads it. */
export interface DirectiveArg {
  /** Exactly as written, quotes included. */
  raw: string;
  /** Quotes removed and escapes resolved, as nginx passes it on. */
  value: string;
  quoted: boolean;
  at: Position;
}

export interface Directive {
  name: string;
  args: DirectiveArg[];
  at: Position;
  /** Where the statement ends (`;` or the closing `}`). */
  end: Position;
  /** Enclosing blocks from the file's root context, e.g. `['http', 'server']`. */
  context: string[];
  /** Child statements when the directive opens a `{ }` block (not for `*_by_lua_block`). */
  block?: Directive[];
  /** The Lua code of a `*_by_lua_block { ... }`, kept raw: nginx hands it to Lua unparsed. */
  lua?: { code: string; at: Position };
  /** The enclosing `> if` / `> for` template lines, outermost first. */
  guards: TemplateLine[];
}

/** A `${{NAME}}` placeholder: Kong replaces it with the kong.conf property `name`. */
export interface Placeholder {
  name: string;
  at: Position;
}

export interface ParsedConfig {
  /** Top-level statements. */
  directives: Directive[];
  /** Every directive, depth first, for rules that only search. */
  all: Directive[];
  templateLines: TemplateLine[];
  placeholders: Placeholder[];
  problems: ParseProblem[];
  /** Number of lines in the file. */
  lineCount: number;
}
