// Splits the command lines a container runs into words, the way the program that splits them
// does, so a quoted path with blanks (`-c "/etc/kong/my kong.conf"`) stays one word:
// - a compose `command:`/`entrypoint:` string: compose-go splits it with go-shellwords' Parse
//   (compose-spec/compose-go@e70e961 types/command.go lines 70-79). compose-go asks for v1.0.12,
//   docker compose itself for v1.0.13, and Go builds with the highest version asked for
//   (docker/compose@0094ece go.mod line 29), so the rules are those of
//   mattn/go-shellwords@fd1aa6c (v1.0.13) shellwords.go lines 125-318:
//   - blanks (space, tab, CR, LF) separate words; an empty quoted word (`''`) is a word;
//   - a backslash outside single quotes keeps the next character, also inside double quotes
//     (`\t` and `\n` give a tab and a line break); inside single quotes it is kept as written;
//   - single quotes keep everything else; double quotes keep everything but a backslash;
//   - `$(` opens a part kept whole, quotes and blanks included, up to its `)`; a `(` that does not
//     follow a `$`, or a `)` outside one, is an error; a backquote is kept and the part up to the
//     next one keeps its blanks;
//   - an unquoted `;`, `&`, `|`, `<` or `>` ends the command: the rest is dropped, and a word
//     before `>` that starts with a digit (`2>`) is dropped too;
//   - an unclosed quote, `$(` or backquote, or a backslash at the end, is an error.
//   Compose refuses the file on an error: no words here.
// - a script a shell runs (`sh -c SCRIPT`, a Dockerfile's shell-form CMD, which docker runs as
//   `/bin/sh -c`): POSIX shell quoting (single quotes keep everything; in double quotes a
//   backslash escapes only `$`, `` ` ``, `"`, `\` and a line break; outside quotes it escapes any
//   character, a backslash-newline joins lines), `#` at the start of a word opens a comment, and
//   `;`, `&`, `|` and line breaks separate the commands. Expansions (`$VAR`, `$(...)`) are left as
//   written: their values are not known here.
//
// Compose interpolates variables (`${NAME}`) in the whole file before it splits a string command
// (compose-go@e70e961 loader/loader.go line 470 interpolates the file's mapping; line 607 then
// decodes it into the types above), so callers interpolate first and split the result.

/** The words of a compose `command:` or `entrypoint:` string (already interpolated); undefined when compose would refuse it. */
export function composeStringWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  /** Whether a word has begun (go-shellwords' `got`): an empty quoted one counts. */
  let begun = false;
  let escaped = false;
  let single = false;
  let double = false;
  let backquoted = false;
  let substitution = false;
  // By code point, as Go's range over a string goes by rune.
  for (const ch of text) {
    if (escaped) {
      word += ch === 't' ? '\t' : ch === 'n' ? '\n' : ch;
      escaped = false;
      begun = true;
      continue;
    }
    if (ch === '\\') {
      if (single) word += ch;
      else escaped = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (single || double || backquoted || substitution) word += ch;
      else if (begun) {
        words.push(word);
        word = '';
        begun = false;
      }
      continue;
    }
    if (ch === '`' && !single && !double && !substitution) {
      backquoted = !backquoted; // the backquote itself is kept
    } else if (ch === ')' && !single && !double && !backquoted) {
      if (!substitution) return undefined;
      substitution = false; // kept
    } else if (ch === '(' && !single && !double && !backquoted) {
      if (substitution || !word.endsWith('$')) return undefined;
      substitution = true;
      word += ch;
      continue;
    } else if (ch === '"' && !single && !substitution) {
      if (double) begun = true;
      double = !double;
      continue;
    } else if (ch === "'" && !double && !substitution) {
      if (single) begun = true;
      single = !single;
      continue;
    } else if (';&|<>'.includes(ch) && !single && !double && !backquoted && !substitution) {
      if (ch === '>' && /^[0-9]/.test(word)) begun = false;
      break;
    }
    begun = true;
    word += ch;
  }
  if (escaped || single || double || backquoted || substitution) return undefined;
  if (begun) words.push(word);
  return words;
}

/** The simple commands of a shell script, each as its words after quote removal. */
export function shellScriptCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < script.length && '$`"\\\n'.includes(script[i + 1])) {
        if (script[++i] !== '\n') word += script[i];
      } else word += ch;
    } else if (ch === '\\' && i + 1 < script.length) {
      if (script[++i] !== '\n') {
        word += script[i];
        inWord = true;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '#' && !inWord) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if (ch === '\n' || ';&|'.includes(ch)) {
      endCommand();
    } else if (/\s/.test(ch) || ch === '<' || ch === '>') {
      endWord();
    } else {
      word += ch;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}
