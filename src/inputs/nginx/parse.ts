// Builds the statement tree of an nginx configuration / Kong template from the scanner's tokens.
// Malformed input (a stray `}`, a block never closed, a directive without `;`, an `> end`
// without its `> if`) becomes a problem with a position; the parser never throws and always
// terminates, because each step consumes at least one token.

import { scan, type Token } from './scanner';
import type { Directive, DirectiveArg, ParsedConfig, ParseProblem, Placeholder, TemplateLine } from './types';

export interface ParseOptions {
  /** The block the file's content lands in: `main` for nginx.conf, `http` for nginx-kong.conf. */
  rootContext?: string[];
}

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;
/** Real configurations nest a handful of blocks; past this, contexts stop growing (keeps work linear). */
const MAX_DEPTH = 64;

export function parseNginx(text: string, options: ParseOptions = {}): ParsedConfig {
  const scanned = scan(text);
  const problems: ParseProblem[] = [...scanned.problems];
  const templateLines: TemplateLine[] = [];
  const placeholders: Placeholder[] = [];
  const all: Directive[] = [];
  // Replaced (never mutated) on each template line, so directives can share it without copying.
  let guards: readonly TemplateLine[] = [];

  const root: Directive[] = [];
  // Open blocks, innermost last; each keeps the list its statements go into.
  const stack: { directive?: Directive; children: Directive[]; context: string[] }[] = [
    { children: root, context: options.rootContext ?? [] },
  ];
  let words: Extract<Token, { kind: 'word' }>[] = [];

  const startDirective = (): Directive | undefined => {
    if (words.length === 0) return undefined;
    const [name, ...rest] = words;
    const top = stack[stack.length - 1];
    const directive: Directive = {
      name: name.value,
      args: rest.map((w): DirectiveArg => ({ raw: w.raw, value: w.value, quoted: w.quoted, at: w.at })),
      at: name.at,
      end: name.at,
      context: top.context,
      guards: guards as TemplateLine[],
    };
    top.children.push(directive);
    all.push(directive);
    words = [];
    return directive;
  };

  for (const token of scanned.tokens) {
    switch (token.kind) {
      case 'template':
        templateLines.push(token.line);
        guards = trackGuards(token.line, guards, problems);
        break;
      case 'word':
        for (const match of token.raw.matchAll(PLACEHOLDER)) {
          placeholders.push({ name: match[1].toLowerCase(), at: { line: token.at.line, column: token.at.column + (match.index ?? 0) } });
        }
        words.push(token);
        break;
      case 'semicolon': {
        const directive = startDirective();
        if (directive) directive.end = token.at;
        else problems.push({ severity: 'warning', message: 'unexpected ";" with no directive before it', at: token.at });
        break;
      }
      case 'open': {
        const directive = startDirective();
        if (!directive) {
          problems.push({ severity: 'error', message: 'block "{" opened without a directive name', at: token.at });
        }
        const block: Directive = directive ?? { name: '', args: [], at: token.at, end: token.at, context: stack[stack.length - 1].context, guards: guards as TemplateLine[] };
        block.block = [];
        const parent = stack[stack.length - 1].context;
        if (stack.length === MAX_DEPTH) {
          problems.push({ severity: 'error', message: `blocks nested deeper than ${MAX_DEPTH} levels`, at: token.at });
        }
        stack.push({ directive: block, children: block.block, context: stack.length >= MAX_DEPTH ? parent : [...parent, block.name] });
        break;
      }
      case 'lua': {
        const top = stack[stack.length - 1];
        if (top.directive) {
          top.directive.lua = { code: token.code, at: token.at };
          delete top.directive.block;
        }
        break;
      }
      case 'close': {
        if (words.length > 0) {
          const dangling = startDirective()!;
          problems.push({ severity: 'error', message: `directive "${dangling.name}" is not terminated by ";"`, at: dangling.at });
        }
        if (stack.length === 1) {
          problems.push({ severity: 'error', message: 'unexpected "}": no block is open here', at: token.at });
          break;
        }
        const closed = stack.pop()!;
        closed.directive!.end = token.at;
        break;
      }
    }
  }

  if (words.length > 0) {
    const dangling = startDirective()!;
    problems.push({ severity: 'error', message: `directive "${dangling.name}" is not terminated by ";" before the end of the file`, at: dangling.at });
  }
  while (stack.length > 1) {
    const open = stack.pop()!.directive!;
    problems.push({ severity: 'error', message: `block "${open.name}" opened here is never closed`, at: open.at });
  }
  for (const guard of guards) {
    problems.push({ severity: 'error', message: `template "> ${guard.kind}" has no matching "> end"`, at: guard.at });
  }
  problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  return { directives: root, all, templateLines, placeholders, problems, lineCount: scanned.lineCount };
}

/** The stack of open `> if` / `> for` lines after `line`, so each directive knows what guards it. */
function trackGuards(line: TemplateLine, guards: readonly TemplateLine[], problems: ParseProblem[]): readonly TemplateLine[] {
  switch (line.kind) {
    case 'if':
    case 'for':
      if (guards.length >= MAX_DEPTH) {
        // Reported once, when the limit is first passed (the guard stack then stays at the limit).
        if (!problems.some((p) => p.message.startsWith('template blocks nested deeper'))) {
          problems.push({ severity: 'error', message: `template blocks nested deeper than ${MAX_DEPTH} levels`, at: line.at });
        }
        return guards;
      }
      return [...guards, line];
    case 'elseif':
    case 'else':
      if (guards.length === 0 || guards[guards.length - 1].kind === 'for') {
        problems.push({ severity: 'error', message: `template "> ${line.kind}" outside an "> if"`, at: line.at });
        return guards;
      }
      return [...guards.slice(0, -1), line];
    case 'end':
      if (guards.length === 0) {
        problems.push({ severity: 'error', message: 'template "> end" without an open "> if" or "> for"', at: line.at });
        return guards;
      }
      return guards.slice(0, -1);
    default:
      // `> local x = ...` and other plain Lua lines guard nothing.
      return guards;
  }
}

/** Every directive named `name` (any depth). */
export function findDirectives(config: ParsedConfig, name: string): Directive[] {
  return config.all.filter((d) => d.name === name);
}
