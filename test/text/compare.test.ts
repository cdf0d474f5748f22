// compareText computes the English order itself for printable ASCII and asks ICU for the rest:
// both halves must agree with Intl.Collator('en') exactly, or report order would change.

import fc from 'fast-check';
import { compareText } from '../../src/text/compare';

const collator = new Intl.Collator('en');
const sign = (n: number) => Math.sign(n);

describe('compareText', () => {
  it('orders every pair of printable ASCII characters as the collator does', () => {
    for (let x = 0x20; x < 0x7f; x++) {
      for (let y = 0x20; y < 0x7f; y++) {
        const a = String.fromCharCode(x);
        const b = String.fromCharCode(y);
        expect([a, b, sign(compareText(a, b))]).toEqual([a, b, sign(collator.compare(a, b))]);
      }
    }
  });

  it('agrees with the collator on texts that differ in case, length and punctuation', () => {
    // Few distinct characters, so pairs often tie on letters and differ only in case or length.
    const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'z', '-', '_', '.', '/', ' ', '0', '9', '~', 'é', '\t'), maxLength: 8 });
    fc.assert(fc.property(text, text, (a, b) => {
      expect(sign(compareText(a, b))).toBe(sign(collator.compare(a, b)));
    }), { numRuns: 5000 });
  });

  it('sorts realistic ids and paths as the collator does', () => {
    const items = ['conf/pg-ssl', 'conf/pg_ssl', 'conf/pgSsl', 'Conf/pg', 'kong.yml', 'Kong.yml', 'kong.yml.bak', 'kong-2.yml', 'routes/10', 'routes/9', 'é.yml', 'e.yml', 'F.yml', ''];
    expect([...items].sort(compareText)).toEqual([...items].sort(collator.compare));
  });
});
