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
