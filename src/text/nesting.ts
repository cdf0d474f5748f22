// A text nested hundreds of levels deep (`[[[[...`, `- - - - ...`, one long line of either) runs
// the yaml package's recursive parser, or a walk over the tree it builds, out of stack before
// anything else is found wrong with it. Where that happens depends on the stack the reader is
// called with, so it is caught and told as what it is: no real file nests so deep.

import { InputError, type ErrorPlace } from '../errors';

const NESTED_TOO_DEEPLY = 'nested too deeply to read (hundreds of levels: no real file nests so deep)';

/** Whether an error is the JavaScript engine running out of stack. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** Runs a reading step; a stack overflow in it becomes an InputError about `place`. */
export function refusingDeepNesting<T>(place: ErrorPlace, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isStackOverflow(error)) throw new InputError(NESTED_TOO_DEEPLY, place);
    throw error;
  }
}

/**
 * A YAML parse error's first line for a message: the yaml package records a stack overflow it
 * caught while building the tree as a parse error, which says nothing useful about the file.
 */
export function yamlErrorLine(message: string): string {
  return /Maximum call stack size exceeded/.test(message) ? NESTED_TOO_DEEPLY : message.split('\n')[0];
}
