// Pattern constructs that PCRE 8.45 and PCRE2 10.43 read differently, found by a small scanner
// over the pattern text (escape- and character-class-aware). Helper of plugins/pcre2-regex.

const CLASS_ESCAPES = new Set(['d', 'D', 's', 'S', 'w', 'W', 'h', 'H', 'v', 'V']);

/** Human descriptions of each difference found in `pattern`. */
export function pcre2Differences(pattern: string): string[] {
  const problems: string[] = [];
  let inClass = false;
  let classStart = -1;
  // The previous class item, when it was a class escape such as \w (it cannot start a range).
  let previousWasClassEscape = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (inClass) {
        const escapeIsClass = CLASS_ESCAPES.has(next);
        // `a-\d`: a range whose end is a class escape.
        if (escapeIsClass && pattern[i - 1] === '-' && i - 1 > classStart + 1 && pattern[i - 2] !== '\\') {
          problems.push(`has the range \`${pattern.slice(i - 2, i + 2)}\` ending in a class escape, a compile error`);
        }
        previousWasClassEscape = escapeIsClass;
      }
      i++;
      continue;
    }
    if (!inClass) {
      if (c === '[') {
        inClass = true;
        classStart = i;
        previousWasClassEscape = false;
        if (pattern[i + 1] === '^') i++;
        if (pattern[i + 1] === ']') i++; // a leading ] is a literal
      } else if (c === '{' && /^\{\s*,\s*\d+\s*\}/.test(pattern.slice(i))) {
        const text = /^\{\s*,\s*\d+\s*\}/.exec(pattern.slice(i))![0];
        problems.push(`has \`${text}\`, literal text in PCRE 8 but a {0,n} quantifier in PCRE2 10.43`);
      }
      continue;
    }
    if (c === ']') {
      inClass = false;
    } else if (c === '-' && previousWasClassEscape && pattern[i + 1] !== ']') {
      // `\w-.`: a range starting at a class escape.
      problems.push(`has \`${pattern.slice(i - 2, i + 2)}\`, a range starting at a class escape, a compile error`);
      previousWasClassEscape = false;
    } else {
      previousWasClassEscape = false;
    }
  }
  return problems;
}
