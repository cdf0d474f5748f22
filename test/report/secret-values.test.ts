// The values the report hides by value: kong.conf's secret settings and the database password
// that no input keeps. Short ones are left out (a `kong` password must not hide the product name).

import fc from 'fast-check';
import { findingsWithoutSecretValues, secretValuesOf, withoutSecretValues, type RuleText } from '../../src/report/secret-values';
import type { Finding } from '../../src/model/finding';
import { confCatalog } from '../../src/knowledge/conf/catalog';

describe('secretValuesOf with values no input keeps', () => {
  it('takes the database password, longest first, and leaves short ones out', () => {
    expect(secretValuesOf(undefined, ['kong', 'Db-Password-1', 'Db-Pass'])).toEqual(['Db-Password-1', 'Db-Pass']);
  });

  it('hides the database password in a report string', () => {
    const secrets = secretValuesOf(undefined, ['Db-Password-1']);
    expect(withoutSecretValues({ message: 'log_level = Db-Password-1 is not allowed' }, secrets)).toEqual({ message: 'log_level = (hidden) is not allowed' });
  });
});

// Thousands of secrets (a file's key-auth keys) are matched by one pattern, not one by one.
describe('withoutSecretValues with many secrets', () => {
  const keys = Array.from({ length: 3000 }, (_, n) => `generated-key-${n}`);
  const secrets = secretValuesOf(undefined, keys);

  it('hides each one, the longest at a place whole', () => {
    // `generated-key-12` and `generated-key-1` both start there: the longer is hidden, not its prefix.
    expect(withoutSecretValues('route /generated-key-12/x and generated-key-2999', secrets)).toBe('route /(hidden)/x and (hidden)');
  });

  it('finds a secret that starts inside another match', () => {
    const overlapping = secretValuesOf(undefined, ['abcdefgh', 'efghijklmn']);
    // Both are found and hidden as one: nothing of either shows.
    expect(withoutSecretValues('xx abcdefghijklmn', overlapping)).toBe('xx (hidden)');
    expect(withoutSecretValues('efghijklmn alone', overlapping)).toBe('(hidden) alone');
  });

  it('finds overlapping secrets among thousands, each in its own place', () => {
    const many = secretValuesOf(undefined, [...keys, 'key-2999-tail']);
    expect(withoutSecretValues('a generated-key-2999-tail b generated-key-3', many)).toBe('a (hidden) b (hidden)');
  });

  it('leaves a string without any of them as it is', () => {
    const report = { findings: [{ message: 'generated-key- without a number', data: { n: 1 } }] };
    expect(withoutSecretValues(report, secrets)).toBe(report);
  });

  it('treats regex characters in a secret as text', () => {
    expect(withoutSecretValues('a (x+y)*[z]? b', secretValuesOf(undefined, ['(x+y)*[z]?']))).toBe('a (hidden) b');
  });
});

// V8 refuses a regular expression whose compiled form is too large: a 60,000-character
// pg_password ended the run with "Regular expression too large" (found by the property tests).
describe('withoutSecretValues with very long secrets', () => {
  it.each([
    ['one repeated character', 'q'.repeat(60_000)],
    ['mixed characters', Array.from({ length: 60_000 }, (_, n) => String.fromCharCode(33 + (n % 90))).join('')],
  ])('hides a 60,000-character secret of %s', (_kind, secret) => {
    const secrets = secretValuesOf(undefined, [secret, 'Db-Password-1']);
    expect(withoutSecretValues(`before ${secret} after Db-Password-1`, secrets)).toBe('before (hidden) after (hidden)');
  });

  it('hides many long secrets (private keys) beside short ones', () => {
    const keys = Array.from({ length: 50 }, (_, n) => `-----BEGIN PRIVATE KEY-----${String(n).padStart(3, '0')}${'k'.repeat(1600)}`);
    const secrets = secretValuesOf(undefined, [...keys, 'generated-key-7']);
    expect(withoutSecretValues(`${keys[42]} / generated-key-7`, secrets)).toBe('(hidden) / (hidden)');
  });
});

// Entity values (example files' `key: secret`) hidden anywhere turned Kong's own
// `lua_shared_dict kong_secrets` into `kong_(hidden)s` in a template finding.
describe('entity values are hidden where they stand as a word', () => {
  const secrets = secretValuesOf(undefined, ['Db-Password-1'], ['secret', 'p@ss-word', 'Db-Password-1']);

  it('hides an entity value standing alone, in a path or a quoted name', () => {
    expect(withoutSecretValues('route path `/secret/v1` and key "secret"', secrets)).toBe('route path `/(hidden)/v1` and key "(hidden)"');
    expect(withoutSecretValues('header x-token:p@ss-word.', secrets)).toBe('header x-token:(hidden).');
  });

  it('leaves it inside a longer name', () => {
    const text = 'does not declare `lua_shared_dict kong_secrets`; client_secret and secrets stay';
    expect(withoutSecretValues(text, secrets)).toBe(text);
  });

  it('keeps hiding a value kong.conf or the database also holds anywhere', () => {
    expect(withoutSecretValues('xDb-Password-1x', secrets)).toBe('x(hidden)x');
  });
});

// Replacing the secrets one after another, longest first, left the end of a second overlapping
// secret showing (`(hidden)ghi`) and missed one that ran across a marker already written. Every
// place is now found in the original text and overlapping or touching places become one marker.
describe('overlapping secrets', () => {
  const hidden = (text: string, anywhere: readonly string[], inWords: readonly string[] = []) =>
    withoutSecretValues(text, secretValuesOf(undefined, anywhere, inWords));

  it('hides two secrets that overlap, whichever is longer', () => {
    expect(hidden('x abcdefghi y', ['abcdef', 'defghi'])).toBe('x (hidden) y');
    expect(hidden('x abcdefghij y', ['abcdef', 'defghij'])).toBe('x (hidden) y');
    expect(hidden('x abcdefghij y', ['abcdefg', 'defghij'])).toBe('x (hidden) y');
  });

  it('hides a chain of overlaps and touching secrets as one marker', () => {
    expect(hidden('<abcdefghijklmnopq>', ['abcdef', 'efghij', 'ijklmn', 'lmnopq'])).toBe('<(hidden)>');
    expect(hidden('<abcdefghijklmnop>', ['abcdef', 'efghij', 'ijklmn', 'mnopqr'])).toBe('<(hidden)op>');
    expect(hidden('<abcdefuvwxyz>', ['abcdef', 'uvwxyz'])).toBe('<(hidden)>');
  });

  it('hides a secret inside another once', () => {
    expect(hidden('[abcdefghijkl]', ['abcdefghijkl', 'defghi'])).toBe('[(hidden)]');
    expect(hidden('[defghi] [abcdefghijkl]', ['abcdefghijkl', 'defghi'])).toBe('[(hidden)] [(hidden)]');
  });

  it('hides every repetition of a secret, overlapping ones too', () => {
    expect(hidden('abcabc abcabc abcabcabc', ['abcabc'])).toBe('(hidden) (hidden) (hidden)');
    expect(hidden('aaaaaaaaa', ['aaaaaa'])).toBe('(hidden)');
  });

  it('hides a secret that runs across the place of another', () => {
    // Hiding `yabcdefghi` first left `-x(hidden)j1-`, where `ghij1-` was no longer found.
    expect(hidden('-xyabcdefghij1-', ['yabcdefghi', 'ghij1-'])).toBe('-x(hidden)');
    expect(hidden('-xyabcdefghij-', ['yabcdefghi', 'abcdef'])).toBe('-x(hidden)j-');
  });

  it('hides a long secret (a private key) overlapping a short one', () => {
    const key = `-----BEGIN PRIVATE KEY-----${'k'.repeat(600)}tail12`;
    expect(hidden(`${key}3456 x`, [key, 'tail123456'])).toBe('(hidden) x');
  });

  it('applies the word rule in the original text, next to secrets hidden anywhere', () => {
    // `secret1` stands as a word only after `Db-Pass-` is hidden: the rule reads the original text.
    expect(hidden('Db-Pass-Xsecret1 and Db-Pass-X secret1', ['Db-Pass-X'], ['secret1'])).toBe('(hidden)secret1 and (hidden) (hidden)');
    // A word-bounded secret overlapping an anywhere one: hidden with it where it stands as a word.
    expect(hidden('token=Db-Pass-Xyz99 end', ['Db-Pass-X'], ['Pass-Xyz99'])).toBe('token=(hidden) end');
    expect(hidden('token=Db-Pass-Xyz99a end', ['Db-Pass-X'], ['Pass-Xyz99'])).toBe('token=(hidden)yz99a end');
  });

  it('backs off to a shorter word-bounded secret where the longest one at a place is glued to a word', () => {
    // `secret-a` is followed by `b` here, `secret` by `-`: the shorter one stands as a word.
    expect(hidden('/secret-ab/', [], ['secret', 'secret-a'])).toBe('/(hidden)-ab/');
    expect(hidden('/secret-a/', [], ['secret', 'secret-a'])).toBe('/(hidden)/');
    expect(hidden('kong_secrets', [], ['secret', 'secret-a'])).toBe('kong_secrets');
  });

  it('finds an anywhere-secret at the place where a longer word-bounded one fails', () => {
    expect(hidden('x Db-Pass-Xq1z y', ['Db-Pass-X'], ['Db-Pass-Xq1'])).toBe('x (hidden)q1z y');
    expect(hidden('x Db-Pass-Xq1 y', ['Db-Pass-X'], ['Db-Pass-Xq1'])).toBe('x (hidden) y');
  });
});

// The matcher (tries, batched patterns, look-arounds) against the plain definition: every place
// of every secret, word-bounded ones only where they stand as a word, merged where they overlap
// or touch. Small alphabets with a word and a non-word character make overlaps and boundaries common.
describe('hiding agrees with a plain search of every secret', () => {
  const isWord = (char: string | undefined) => char !== undefined && /\w/.test(char);
  const standsAsWord = (text: string, start: number, end: number) =>
    !(isWord(text[start]) && isWord(text[start - 1])) && !(isWord(text[end - 1]) && isWord(text[end]));

  function plainlyHidden(text: string, anywhere: readonly string[], inWords: readonly string[]): string {
    const hidden = new Array<boolean>(text.length).fill(false);
    const mark = (secret: string, bounded: boolean) => {
      for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) {
        if (!bounded || standsAsWord(text, at, at + secret.length)) for (let i = at; i < at + secret.length; i++) hidden[i] = true;
      }
    };
    const values = new Set(anywhere.filter((value) => value.length >= 6));
    for (const secret of values) mark(secret, false);
    for (const secret of inWords) if (secret.length >= 6 && !values.has(secret)) mark(secret, true);
    let out = '';
    for (let i = 0; i < text.length; i++) {
      if (!hidden[i]) out += text[i];
      else if (i === 0 || !hidden[i - 1]) out += '(hidden)';
    }
    return out;
  }

  const char = fc.constantFrom('a', 'b', '-', '_', ' ');
  const word = (min: number, max: number) => fc.array(char, { minLength: min, maxLength: max }).map((chars) => chars.join(''));
  // Secrets are trimmed when collected: none starts or ends with a space here.
  const secret = word(6, 9).filter((value) => value.trim() === value);
  const part = fc.record({ pick: fc.nat(), from: fc.oneof(fc.constant(0), fc.nat(8)), filler: word(0, 3) });

  it('for random secrets and texts', () => {
    fc.assert(
      fc.property(fc.array(secret, { maxLength: 4 }), fc.array(secret, { maxLength: 4 }), fc.array(part, { minLength: 1, maxLength: 8 }), (anywhere, inWords, parts) => {
        const secrets = secretValuesOf(undefined, anywhere, inWords);
        const all = [...anywhere, ...inWords];
        // Texts made of the secrets, whole or cut, and filler, so that they meet and overlap.
        const text = parts.map(({ pick, from, filler }) => (all.length === 0 ? filler : all[pick % all.length].slice(from) + filler)).join('');
        expect(withoutSecretValues(text, secrets)).toBe(plainlyHidden(text, anywhere, inWords));
      }),
      { numRuns: 2000 },
    );
  });

  // Up to eight beginnings are searched one by one with indexOf, more through the rolling hash:
  // decoys no text holds (letters the texts never use) push the same cases onto the hash.
  it('for random secrets and texts, through the rolling hash as through indexOf', () => {
    const decoys = Array.from({ length: 12 }, (_, n) => `QZX${'QZXW'[n % 4]}${'WXYZ'[n >> 2]}Q-${n}`);
    fc.assert(
      fc.property(fc.array(secret, { maxLength: 6 }), fc.array(secret, { maxLength: 4 }), fc.array(part, { minLength: 1, maxLength: 8 }), (anywhere, inWords, parts) => {
        const all = [...anywhere, ...inWords];
        const text = parts.map(({ pick, from, filler }) => (all.length === 0 ? filler : all[pick % all.length].slice(from) + filler)).join('');
        const expected = plainlyHidden(text, anywhere, inWords);
        expect(withoutSecretValues(text, secretValuesOf(undefined, [...anywhere, ...decoys], inWords))).toBe(expected);
        expect(withoutSecretValues(text, secretValuesOf(undefined, anywhere, inWords))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  // The index keys secrets by their first six characters: many secrets sharing them, of every
  // length, unicode (surrogate pairs, lone halves), at either end of the text, word-bounded or not.
  it('for many secrets sharing beginnings, unicode, and secrets at the ends of the text', () => {
    const unit = fc.constantFrom('a', 'b', '-', '_', ' ', '\u00e9', '\ud83d\ude00', '\ud83d', '\ude00', '\u2028', '1');
    const units = (min: number, max: number) => fc.array(unit, { minLength: min, maxLength: max }).map((chars) => chars.join(''));
    const beginning = units(6, 6);
    const shared = fc.tuple(fc.array(beginning, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), units(0, 5)), { minLength: 1, maxLength: 40 }))
      .map(([starts, tails]) => tails.map(([pick, tail]) => starts[pick % starts.length] + tail).filter((value) => value.trim() === value && value.length >= 6));
    fc.assert(
      fc.property(shared, fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.record({ pick: fc.nat(), from: fc.nat(4), to: fc.nat(2), filler: units(0, 2) }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean(),
        (all, boundedPicks, parts, atStart, atEnd) => {
          const inWords = boundedPicks.filter(() => all.length > 0).map((n) => all[n % all.length]);
          const anywhere = all.filter((value) => !inWords.includes(value));
          const pick = (n: number) => (all.length === 0 ? '' : all[n % all.length]);
          let text = parts.map(({ pick: n, from, to, filler }) => pick(n).slice(from, pick(n).length - to) + filler).join('');
          if (atStart) text = pick(1) + text;
          if (atEnd) text += pick(2);
          const secrets = secretValuesOf(undefined, anywhere, inWords);
          expect(withoutSecretValues(text, secrets)).toBe(plainlyHidden(text, anywhere, inWords));
        }),
      { numRuns: 1000 },
    );
  });
});

// A private key setting can hold the key itself (kong.conf's `ssl_cert_key`): its parts are
// hidden on their own, and so is the beginning a finding keeps of a long value it quotes cut.
describe('secretValuesOf with private keys held inline', () => {
  const { generateKeyPairSync } = require('node:crypto') as typeof import('node:crypto');
  const pem = (generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string).trim();
  const line = pem.split('\n')[2];
  const encoded = Buffer.from(pem).toString('base64');

  it('hides a line of a PEM value, and of the PEM a base64 element of a list decodes to', () => {
    for (const value of [pem, pem.split('\n').join('\\n'), `/etc/kong/a.key,${encoded}`, Buffer.from(`${pem}\n`).toString('base64url')]) {
      expect(withoutSecretValues(`router_flavor = ${line}`, secretValuesOf(undefined, [value]))).toBe('router_flavor = (hidden)');
    }
  });

  it('hides one element of a list of keys quoted alone, cut or whole, and leaves a path element visible', () => {
    const secrets = secretValuesOf(undefined, [`/etc/kong/a.key,${encoded}`]);
    expect(withoutSecretValues(`log_level = ${encoded.slice(0, 77)}...`, secrets)).toBe('log_level = (hidden)...');
    expect(withoutSecretValues(`x ${encoded} y /etc/kong/a.key`, secrets)).toBe('x (hidden) y /etc/kong/a.key');
  });

  it('reads no base64 text that decodes to something else as a key', () => {
    const other = Buffer.from('just some long text that is no key at all, '.repeat(4)).toString('base64');
    expect(secretValuesOf(undefined, [`${other},${other}`])).toHaveLength(2);
  });
});

// A kong.conf secret that is an ordinary word (`pg_password = password`, docker-style
// `pg_password = kong123`) was hidden inside the property names of messages too:
// `pg_(hidden)` said nothing and hid nothing, since the name is Kong's own text.
describe('a kong.conf secret that is part of a property name', () => {
  const secrets = secretValuesOf(undefined, ['password']);

  it('leaves kong.conf property names and their KONG_ variables whole', () => {
    const text = '`pg_password` is set; KONG_PG_PASSWORD and admin_gui_auth_password_complexity too';
    expect(withoutSecretValues(text, secrets)).toBe(text);
  });

  it('still hides the value standing alone, quoted, or glued to anything but a whole property name', () => {
    expect(withoutSecretValues('pg_password = password', secrets)).toBe('pg_password = (hidden)');
    expect(withoutSecretValues('"password" and mypassword1 and pg_passwords', secrets)).toBe('"(hidden)" and my(hidden)1 and pg_(hidden)s');
  });

  it('never shows a secret outside a whole property name, whatever the text around it', () => {
    const names = ['pg_password', 'KONG_PG_PASSWORD', 'cluster_cert_key', 'pg_host', 'x', '_', '9', 'pg'];
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z_]{6,12}$/), fc.array(fc.oneof(fc.constantFrom(...names, ' ', '=', '`'), fc.string({ maxLength: 4 })), { maxLength: 8 }), (secret, pieces) => {
        const text = pieces.join(secret);
        const shown = withoutSecretValues(text, secretValuesOf(undefined, [secret]));
        // Every place the secret still shows lies inside a longer word that is a property name.
        for (let at = shown.indexOf(secret); at !== -1; at = shown.indexOf(secret, at + 1)) {
          const word = /[A-Za-z0-9_]*$/.exec(shown.slice(0, at))![0] + secret + /^[A-Za-z0-9_]*/.exec(shown.slice(at + secret.length))![0];
          expect(word.length).toBeGreaterThan(secret.length);
          expect(isKnownProperty(word)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// A secret that is an ordinary word (`pg_password = secret`) also spells words of the rules' own
// messages (`lua_shared_dict kong_secrets`). Where the message is provably the rule's template
// text, it stays as written; every value a finding quotes is hidden as before.
describe('findingsWithoutSecretValues: a rule\'s own words stay whole', () => {
  const rules: Record<string, RuleText> = {
    'test/dict': {
      messages: { missing: '{{file}} lacks `lua_shared_dict kong_secrets`; the secrets vault needs it (seen in {{seen}}).', since: 'appears in {{since}}: set {{key}}' },
      remediation: 'Add `lua_shared_dict kong_secrets 5m;`.',
      versionData: ['since'],
    },
  };
  const ruleText = (ruleId: string) => rules[ruleId];
  const finding = (messageId: string, data: Record<string, string>, message: string, remediation?: string): Finding => ({
    ruleId: 'test/dict', messageId, severity: 'warning', message, location: { kind: 'file', file: 'x', line: 1, column: 1 }, data, ...(remediation !== undefined ? { remediation } : {}),
  });
  const secrets = secretValuesOf(undefined, ['secret']);

  it('keeps the template\'s words and its remediation, and hides the value the data quotes', () => {
    const data = { file: 'nginx-secret.conf', seen: 'my secret' };
    const [shown] = findingsWithoutSecretValues([finding('missing', data, 'nginx-secret.conf lacks `lua_shared_dict kong_secrets`; the secrets vault needs it (seen in my secret).', rules['test/dict'].remediation)], secrets, ruleText);
    expect(shown.message).toBe('nginx-(hidden).conf lacks `lua_shared_dict kong_secrets`; the secrets vault needs it (seen in my (hidden)).');
    expect(shown.remediation).toBe('Add `lua_shared_dict kong_secrets 5m;`.');
    expect(shown.data).toEqual({ file: 'nginx-(hidden).conf', seen: 'my (hidden)' });
  });

  it('hides as before where the text is not provably the rule\'s own', () => {
    const message = 'a.conf lacks `lua_shared_dict kong_secrets`; the secrets vault needs it (seen in b).';
    const hidden = 'a.conf lacks `lua_shared_dict kong_(hidden)s`; the (hidden)s vault needs it (seen in b).';
    // Data that does not build the message again; a rule not built in; a remediation of the finding's own.
    expect(findingsWithoutSecretValues([finding('missing', { file: 'a.conf', seen: 'c' }, message)], secrets, ruleText)[0].message).toBe(hidden);
    expect(findingsWithoutSecretValues([{ ...finding('missing', { file: 'a.conf', seen: 'b' }, message), ruleId: 'custom/x' }], secrets, ruleText)[0].message).toBe(hidden);
    expect(findingsWithoutSecretValues([finding('missing', { file: 'a.conf', seen: 'b' }, message, 'Use secret.')], secrets, ruleText)[0].remediation).toBe('Use (hidden).');
    // A value glued to the template's text is hidden whole: the place runs into the data.
    const glued = findingsWithoutSecretValues([finding('missing', { file: 'a.conf', seen: 'kong_' }, 'a.conf lacks `lua_shared_dict kong_secrets`; the secrets vault needs it (seen in kong_).')], secretValuesOf(undefined, ['kong_).']), ruleText);
    expect(glued[0].message).toBe('a.conf lacks `lua_shared_dict kong_secrets`; the secrets vault needs it (seen in (hidden)');
  });

  it('names releases as the message does before comparing', () => {
    const message = 'appears in 3.5.0: set secrets_ttl';
    const data = { since: '3.5.0.0', key: 'secrets_ttl' };
    const show = (text: string) => text.replace(/^(\d+\.\d+\.\d+)\.0$/, '$1');
    expect(findingsWithoutSecretValues([finding('since', data, message)], secrets, ruleText, show)[0].message).toBe('appears in 3.5.0: set (hidden)s_ttl');
    // Without the renaming the message is not rebuilt: nothing of it is taken for the rule's own.
    expect(findingsWithoutSecretValues([finding('since', { since: '3.5.0', key: 'x' }, 'appears in 3.5.0: set x secret')], secrets, ruleText)[0].message).toBe('appears in 3.5.0: set x (hidden)');
  });

  // A random secret, and messages built from random templates whose data quotes it, glued to
  // anything, or runs across the template's text: none of it shows, in the message or the data.
  it('property: a secret the data quotes never shows, wherever it sits', () => {
    const word = fc.stringMatching(/^[a-z_]{6,10}$/).filter((secret) => secret !== 'hidden');
    const piece = fc.string({ maxLength: 6 }).map((text) => text.replace(/[{}]/g, ''));
    fc.assert(
      fc.property(word, fc.array(fc.tuple(piece, piece, fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 4 }), piece, fc.integer({ min: 0, max: 6 }), (secret, parts, last, cut) => {
        // Each data value quotes the secret between random text; each template piece may end with
        // the secret's beginning and start with its end, so places run across both.
        const literal = (text: string, tailCut: number) => `${secret.slice(Math.min(cut, secret.length))}${text}${secret.slice(0, Math.min(tailCut, secret.length - 1))}`;
        const pieces = parts.map(([text, , tailCut]) => literal(text, tailCut));
        const tail = literal(last, 0);
        if ([...pieces, tail].some((text) => text.includes(secret))) return;
        const data: Record<string, string> = {};
        let template = '';
        let message = '';
        parts.forEach(([, around, tailCut, across], n) => {
          // Whole in the value, or its rest after the beginning the template piece ends with.
          data[`v${n}`] = across ? `${secret.slice(Math.min(tailCut, secret.length - 1))}${around}` : `${around}${secret}${around}`;
          template += `${pieces[n]}{{v${n}}}`;
          message += `${pieces[n]}${data[`v${n}`]}`;
        });
        template += tail;
        message += tail;
        const rule: RuleText = { messages: { m: template }, remediation: `fix ${secret}` };
        const [shown] = findingsWithoutSecretValues([{ ...finding('m', data, message), ruleId: 'p/r', remediation: `use ${secret}` }], secretValuesOf(undefined, [secret]), () => rule);
        expect(shown.message).not.toContain(secret);
        expect(JSON.stringify(shown.data)).not.toContain(secret);
        expect(shown.remediation).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });
});

function isKnownProperty(word: string): boolean {
  const name = word.startsWith('KONG_') ? word.slice(5).toLowerCase() : word;
  return confCatalog().knownIn(name, 'enterprise').length > 0 || confCatalog().knownIn(name, 'oss').length > 0;
}
