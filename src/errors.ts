// Errors that end a run with exit code 2: bad input or bad usage. Each formats as one line that
// names the file and line (or flag, or host) so an operator can act without a stack trace.

export interface ErrorPlace {
  file?: string;
  line?: number;
  column?: number;
}

/** An input the tool cannot read or understand: missing file, malformed YAML, unknown version... */
export class InputError extends Error {
  readonly place: ErrorPlace;

  constructor(message: string, place: ErrorPlace = {}) {
    super(message);
    this.name = 'InputError';
    this.place = place;
  }

  /**
   * `kong.conf:12:3: message`, or just the message when no file is known. Line breaks are written
   * as `\n`: messages quote names taken from the input (a release, an environment, a path), and
   * one holding a line break once split the promised single line of stderr.
   */
  oneLine(): string {
    const { file, line, column } = this.place;
    if (!file) return singleLine(this.message);
    const where = [file, line, line !== undefined ? column : undefined].filter((p) => p !== undefined).join(':');
    return singleLine(`${where}: ${this.message}`);
  }
}

const LINE_BREAK: Readonly<Record<string, string>> = { '\r': '\\r', '\n': '\\n', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** The text with each line break written as its escape. */
function singleLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, (ch) => LINE_BREAK[ch]);
}

/** A command-line usage problem (unknown flag, missing argument, conflicting options). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Reduces any error to one printable line without leaking a stack. */
export function errorLine(error: unknown): string {
  if (error instanceof InputError) return error.oneLine();
  if (error instanceof Error) return error.message.split('\n')[0];
  return String(error);
}
