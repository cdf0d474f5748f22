// Splits the command lines a container runs into words, the way the program that splits them
// does, so a quoted path with blanks (`-c "/etc/kong/my kong.conf"`) stays one word:
// - a compose `command:`/`entrypoint:` string: compose-go splits it with go-shellwords
//   (compose-spec/compose-go@e70e961 types/command.go lines 70-79, go-shellwords v1.0.12;
//   mattn/go-shellwords@f6737fe shellwords.go Parse): blanks separate words, single quotes keep
//   everything, a backslash outside single quotes keeps the next character (`\t` and `\n` give a
//   tab and a line break), and an unquoted `;`, `&`, `|`, `<` or `>` ends the command: the rest
//   is dropped. An unclosed quote is an error there (compose refuses the file): no words here.
// - a script a shell runs (`sh -c SCRIPT`, a Dockerfile's shell-form CMD, which docker runs as
//   `/bin/sh -c`): POSIX shell quoting (single quotes keep everything; in double quotes a
//   backslash escapes only `$`, `` ` ``, `"`, `\` and a line break; outside quotes it escapes any
//   character, a backslash-newline joins lines), `#` at the start of a word opens a comment, and
//   `;`, `&`, `|` and line breaks separate the commands. Expansions (`$VAR`, `$(...)`) are left as
//   written: their values are not known here.

/** The words of a compose `command:` or `entrypoint:` string; undefined when compose would refuse it. */
export function composeStringWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && quote !== "'") {
      if (i + 1 >= text.length) return undefined;
      const next = text[++i];
      word += next === 't' ? '\t' : next === 'n' ? '\n' : next;
      inWord = true;
    } else if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/[ \t\r\n]/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (';&|<>'.includes(ch)) {
      break;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return undefined;
  if (inWord) words.push(word);
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
