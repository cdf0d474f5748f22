// The last check before --fix-output writes anything: the converted copy is read again, as
// Kong's lyaml reads it (the project's own reader), and must be exactly the value the conversion
// intended: the file as read plus the recorded changes. A copy that differs anywhere else is
// refused with one line rather than written damaged.

import { InputError, errorLine } from '../errors';
import { readDeclarativeText } from '../inputs/declarative';
import { describePath, firstDifference } from './value-compare';

/**
 * Refuses (an InputError, one line) a converted copy that does not read back, as Kong's lyaml
 * reads it, as exactly the value the conversion intended.
 */
export function assertReadsBack(file: string, original: string, output: string, intended: unknown): void {
  const templates = original.includes('${{');
  let readBack: unknown;
  try {
    readBack = readDeclarativeText(file, output).root;
  } catch (error) {
    throw refusal(file, `the converted text would not read back (${errorLine(error)})`);
  }
  // A template expression may be read masked on one side only (a plain `${{ env "X" }}` needs no
  // masking); decK renders both the same, so they are compared masked, and each expression of the
  // copy must be one the file wrote.
  if (templates) {
    const written = new Set(original.match(TEMPLATE_EXPRESSION));
    const changed = (output.match(TEMPLATE_EXPRESSION) ?? []).find((expression) => !written.has(expression));
    if (changed !== undefined) throw refusal(file, `a decK template expression would be written as ${changed}`);
  }
  const difference = templates ? firstDifference(maskedTemplates(readBack), maskedTemplates(intended)) : firstDifference(readBack, intended);
  if (difference) throw refusal(file, `the converted text would read back differently at ${describePath(difference)}`);
}

const TEMPLATE_EXPRESSION = /\$\{\{.*?\}\}/g;

function maskedTemplates(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(TEMPLATE_EXPRESSION, (expression) => expression.replace(/"/g, "'"));
  if (Array.isArray(value)) return value.map(maskedTemplates);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(out, key, { value: maskedTemplates(item), enumerable: true });
    return out;
  }
  return value;
}

/** The one line --fix-output ends with when it writes nothing; `byHand` when the limit is known, not a bug. */
export function refusal(file: string, reason: string, byHand = false): InputError {
  const advice = byHand ? 'convert it by hand (the report lists what to change)' : 'a kong-preflight bug, please report it';
  return new InputError(`--fix-output wrote nothing for ${file}: ${reason}; ${advice}`);
}
