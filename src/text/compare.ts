// One text order for everything the tool prints. `a.localeCompare(b)` follows the process's
// locale (LANG): Lithuanian sorts `y` before `j`, Danish puts `aa` last, so the same input gave
// differently ordered reports on a CI runner and on a laptop. English collation, always.

const COLLATOR = new Intl.Collator('en');

export function compareText(a: string, b: string): number {
  // Sorting 20,000 findings compares the same rule ids and file names again and again.
  return a === b ? 0 : COLLATOR.compare(a, b);
}
