// The secret parts of a private key as the report's hiding by value needs them
// (src/report/secret-values.ts). A PEM private key is hidden whole, but a key is rarely copied
// whole into one string of a report: a line of a file holds one line of it (fingerprints hash
// lines, messages quote them), and a PEM carried in an environment variable, a Helm value or a
// JSON one-liner has its line breaks written as `\n`, so the whole text no longer matches while
// each line of its body still does. Each base64 body line is therefore hidden on its own too.
// A JWK keeps public members beside the private ones (the key's id, modulus, curve point): only
// the private members' values are secret, and only they are taken.

import { JWK_PRIVATE_MEMBERS } from '../knowledge/entities/sensitive-fields';

/**
 * The shortest body line hidden on its own. 16 base64 characters are 96 bits of a key: such a
 * line never occurs by chance elsewhere. The last line of a body can be a few characters
 * (`Ag==`), which would hide the same few characters wherever they appear.
 */
export const SHORTEST_HIDDEN_PEM_LINE = 16;

const BASE64_LINE = /^[A-Za-z0-9+/]+={0,2}$/;
/** A line break, or one written as the two characters `\n` (an escaped PEM in one line). */
const LINE_BREAK = /\r?\n|\\r\\n|\\n/;

/**
 * The base64 lines inside `-----BEGIN ...-----` / `-----END ...-----` blocks of `text`, at least
 * SHORTEST_HIDDEN_PEM_LINE long. Header lines of an encrypted PEM (`Proc-Type: 4,ENCRYPTED`,
 * `DEK-Info: ...`) are not base64 and stay out.
 */
export function pemBodyLines(text: string): string[] {
  const lines: string[] = [];
  let inBlock = false;
  for (const raw of text.split(LINE_BREAK)) {
    const line = raw.trim();
    if (line.startsWith('-----BEGIN ')) inBlock = true;
    else if (line.startsWith('-----END ')) inBlock = false;
    else if (inBlock && line.length >= SHORTEST_HIDDEN_PEM_LINE && BASE64_LINE.test(line)) lines.push(line);
  }
  return lines;
}

const PRIVATE = new Set(JWK_PRIVATE_MEMBERS.names);

/**
 * The values of a JWK's private members, `jwk` being the JSON text Kong stores (or, written by
 * hand in a declarative file, the object itself). undefined when the text is no JSON object: the
 * caller cannot tell its secret parts from the rest, and hides it whole.
 */
export function jwkPrivateValues(jwk: unknown): unknown[] | undefined {
  let parsed: unknown = jwk;
  if (typeof jwk === 'string') {
    try {
      parsed = JSON.parse(jwk);
    } catch {
      return undefined;
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const members = parsed as Record<string, unknown>;
  const values: unknown[] = [];
  for (const name of Object.keys(members)) if (PRIVATE.has(name)) values.push(members[name]);
  // `oth`: one record per further prime of a multi-prime RSA key, each wholly private.
  const others = members[JWK_PRIVATE_MEMBERS.otherPrimes];
  if (others !== undefined) values.push(others);
  return values;
}
