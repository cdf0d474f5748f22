// One text order for everything the tool prints. `a.localeCompare(b)` follows the process's
// locale (LANG): Lithuanian sorts `y` before `j`, Danish puts `aa` last, so the same input gave
// differently ordered reports on a CI runner and on a laptop. English collation, always.
//
// Creating the collator loads ICU's collation data: ~12 ms, the largest single piece of a small
// run's start-up. Almost everything the tool sorts (rule ids, file paths, messages) is printable
// ASCII, and for such text the English order is simple enough to compute directly; the
// collator is created only for the first text that is not.

let collator: Intl.Collator | undefined;

export function compareText(a: string, b: string): number {
  // Sorting 20,000 findings compares the same rule ids and file names again and again.
  if (a === b) return 0;
  const quick = compareAscii(a, b);
  if (quick !== NOT_ASCII) return quick;
  collator ??= new Intl.Collator('en');
  return collator.compare(a, b);
}

/**
 * Printable ASCII in English collation order (Unicode's default order, as ICU applies it):
 * blanks and punctuation, symbols, digits, then letters with each lower-case letter just before
 * its capital. Case is a lesser difference: `ab` < `Ab` < `ac`. Taken from Intl.Collator('en');
 * test/text/compare.test.ts checks the two agree.
 */
const ASCII_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ';

/** Per character code: its place in the order, a letter and its capital sharing one; -1 beyond printable ASCII. */
const PRIMARY = new Int16Array(128).fill(-1);
{
  let weight = 0;
  for (const c of ASCII_ORDER) {
    const code = c.charCodeAt(0);
    const isCapital = code >= 0x41 && code <= 0x5a;
    PRIMARY[code] = isCapital ? PRIMARY[code + 0x20] : weight++;
  }
}

const NOT_ASCII = 2;

/**
 * Compares two printable-ASCII texts as the English collator does: letters first by their place
 * in the order, ignoring case; only when that ties, the first difference of case decides (lower
 * first). NOT_ASCII when either text holds anything else.
 */
function compareAscii(a: string, b: string): number {
  const common = Math.min(a.length, b.length);
  let primary = 0;
  let caseDifference = 0;
  for (let i = 0; i < common; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x >= 128 || y >= 128) return NOT_ASCII;
    const px = PRIMARY[x];
    const py = PRIMARY[y];
    if (px < 0 || py < 0) return NOT_ASCII;
    if (primary === 0 && px !== py) primary = px < py ? -1 : 1;
    if (caseDifference === 0 && x !== y) caseDifference = x > y ? -1 : 1; // 'a' (0x61) before 'A' (0x41)
  }
  // The rest of the longer text must be printable ASCII too for this answer to hold.
  if (!isPrintableAscii(a, common) || !isPrintableAscii(b, common)) return NOT_ASCII;
  if (primary !== 0) return primary;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return caseDifference;
}

function isPrintableAscii(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || PRIMARY[c] < 0) return false;
  }
  return true;
}
