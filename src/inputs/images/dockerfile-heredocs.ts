// Heredocs of a Dockerfile's RUN, COPY and ADD (`RUN <<EOF`, `COPY <<-"EOF" /etc/kong/kong.conf`):
// the lines after the instruction up to the delimiter are a script or a file's text, never
// instructions. As BuildKit's parser reads them (moby/buildkit@73ed682
// frontend/dockerfile/parser/parser.go):
// - only RUN, COPY and ADD (also behind ONBUILD) take heredocs, and not in the JSON form
//   (lines 82-98, 129-139);
// - each word of the instruction that reads `<<NAME` or `<<-NAME`, an optional file descriptor
//   before it, opens one; NAME may be quoted, the quotes are not part of it (lines 121, 415-466,
//   481-499), and the bodies follow one another in the order the words come (lines 365-396);
// - a body ends at the first line equal to NAME; with `<<-` leading tabs are dropped from a line
//   before comparing (lines 376-389). Blank and `#` lines inside a body are part of it.
// docker build refuses an unterminated heredoc; here its body runs to the end of the file.
//
// What a RUN does with its heredocs (moby/buildkit@73ed682
// frontend/dockerfile/dockerfile2llb/convert.go dispatchRun, lines 1352-1400): a RUN whose whole
// command is one heredoc runs the body itself, as the shell's script, or through the interpreter
// its `#!` line names; any other RUN hands the shell the command with its heredocs, so a body is
// the input of the command it is given to (`RUN bash -e <<EOF`: a script; `RUN cat <<EOF > f`:
// a file's text). The body of a COPY or ADD heredoc is a file's text, never run.

/** One heredoc body: `start` is the index of its first line, `end` the index after its delimiter line (0-based). */
export interface HeredocBody {
  name: string;
  start: number;
  end: number;
}

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

/**
 * The heredoc bodies that follow an instruction (`text`, continuation lines joined) whose last
 * line is just before `lines[from]`; none when it takes no heredoc.
 */
export function skipHeredocBodies(text: string, lines: readonly string[], from: number): HeredocBody[] {
  const words = text.split(/\s+/).filter(Boolean);
  let keyword = (words[0] ?? '').toUpperCase();
  let rest = text.slice(words[0]?.length ?? 0).trimStart();
  if (keyword === 'ONBUILD') {
    keyword = (words[1] ?? '').toUpperCase();
    rest = rest.slice(words[1]?.length ?? 0).trimStart();
  }
  if (!HEREDOC_INSTRUCTIONS.has(keyword) || !text.includes('<<') || isJsonForm(rest)) return [];
  const bodies: HeredocBody[] = [];
  let next = from;
  for (const opener of heredocOpeners(rest)) {
    let end = next;
    while (end < lines.length && terminatorOf(lines[end], opener.chomp) !== opener.name) end++;
    bodies.push({ name: opener.name, start: next, end: Math.min(end + 1, lines.length) });
    next = Math.min(end + 1, lines.length);
  }
  return bodies;
}

/** One line of a script a RUN heredoc runs: continuation lines joined, at its first line (0-based index into the file's lines). */
export interface HeredocScriptLine {
  text: string;
  index: number;
}

/** Shells whose script a `#!` line or a command may name (by path or through `env`). */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * The shell lines a RUN (`text`, continuation lines joined) runs out of its heredoc `bodies`, as
 * skipHeredocBodies found them in `lines`: the body of `RUN <<EOF` (without a `#!` line naming
 * something other than a shell), and a body a shell reads as its input (`RUN bash -ex <<EOF`).
 * None for COPY and ADD, whose bodies are file content, nor for a body given to another command.
 */
export function runHeredocScripts(text: string, bodies: readonly HeredocBody[], lines: readonly string[]): HeredocScriptLine[] {
  let rest = text.trimStart();
  const keyword = () => (/^\S+/.exec(rest)?.[0] ?? '').toUpperCase();
  const dropWord = () => {
    rest = rest.replace(/^\S+\s*/, '');
  };
  if (keyword() === 'ONBUILD') dropWord();
  if (keyword() !== 'RUN' || bodies.length === 0) return [];
  dropWord();
  const words = quotedWords(rest);
  // RUN's own options (`--mount=type=cache,target=/var/cache/apk`) come before the command.
  while (words.length > 0 && words[0].startsWith('--')) words.shift();
  const openers = words.map((word) => HEREDOC_WORD.exec(word)).filter((match): match is RegExpExecArray => match !== null && match[3] !== '');
  const command = words.filter((word) => {
    const match = HEREDOC_WORD.exec(word);
    return !match || match[3] === '';
  });
  const script: HeredocScriptLine[] = [];
  bodies.forEach((body, at) => {
    const opener = openers[at];
    if (!opener) return;
    const chomp = opener[2] === '-';
    const terminated = body.end > body.start && terminatorOf(lines[body.end - 1], chomp) === body.name;
    const content = lines.slice(body.start, terminated ? body.end - 1 : body.end).map((line) => {
      const bare = line.replace(/\r$/, '');
      return chomp ? bare.replace(/^\t+/, '') : bare;
    });
    const runs = command.length === 0
      ? openers.length === 1 && !namesOtherInterpreter(content[0] ?? '')
      : (opener[1] === '' || opener[1] === '0') && readsScriptFromInput(command);
    if (runs) script.push(...joinContinuations(content, body.start));
  });
  return script;
}

/** A `#!` line naming an interpreter that is not a shell (`#!/usr/bin/env python3`). */
function namesOtherInterpreter(first: string): boolean {
  if (!first.startsWith('#!')) return false;
  const [program, argument] = first.slice(2).trim().split(/\s+/);
  const name = baseName(program ?? '') === 'env' ? baseName(argument ?? '') : baseName(program ?? '');
  return !SHELLS.has(name);
}

/**
 * A command that reads its script from its standard input: a shell given options only
 * (`bash -ex`, `sh -s`), not `-c` (which runs its argument) nor a script file.
 */
function readsScriptFromInput(command: readonly string[]): boolean {
  const [program, ...options] = command;
  if (!SHELLS.has(baseName(program))) return false;
  return options.every((option) => /^[-+][A-Za-z]*$/.test(option) && !(option.startsWith('-') && option.includes('c')));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Shell lines with `\`-newline continuations joined, each at the index of its first line. */
function joinContinuations(content: readonly string[], start: number): HeredocScriptLine[] {
  const joined: HeredocScriptLine[] = [];
  let pending: HeredocScriptLine | undefined;
  content.forEach((line, offset) => {
    const continued = /(^|[^\\])(\\\\)*\\$/.test(line);
    const part = continued ? line.slice(0, -1) : line;
    if (pending) pending.text += part;
    else pending = { text: part, index: start + offset };
    if (!continued) {
      joined.push(pending);
      pending = undefined;
    }
  });
  if (pending) joined.push(pending);
  return joined;
}

/** A line as compared with the delimiter: without its line break, and its leading tabs for `<<-`. */
function terminatorOf(line: string, chomp: boolean): string {
  const bare = line.replace(/\r$/, '');
  return chomp ? bare.replace(/^\t+/, '') : bare;
}

/** The words of an instruction that open a heredoc, in order, with their delimiters unquoted. */
function heredocOpeners(rest: string): { name: string; chomp: boolean }[] {
  const openers: { name: string; chomp: boolean }[] = [];
  for (const word of quotedWords(rest)) {
    const match = HEREDOC_WORD.exec(word);
    if (!match || match[3] === '') continue;
    const name = match[3].replace(/\\(.)|(["'])/g, (_, escaped: string | undefined) => escaped ?? '');
    if (name !== '') openers.push({ name, chomp: match[2] === '-' });
  }
  return openers;
}

/** Words split on blanks outside quotes, the quotes kept (BuildKit's lexer with raw quotes). */
function quotedWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!quote && /\s/.test(ch)) {
      if (word) words.push(word);
      word = '';
      continue;
    }
    word += ch;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '\\' && i + 1 < text.length) word += text[++i];
  }
  if (word) words.push(word);
  return words;
}

/** The JSON (exec) form: BuildKit reads no heredoc there. */
function isJsonForm(rest: string): boolean {
  if (!rest.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(rest);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string');
  } catch {
    return false;
  }
}
