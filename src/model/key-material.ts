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

/**
 * The shortest element read as base64 of a PEM. A base64-encoded PEM private key runs to a few
 * hundred characters at least; a PEM body line (64) or an API key is far shorter and is never
 * decoded, which keeps this cheap over many secrets.
 */
const SHORTEST_ENCODED_PEM = 128;
/** Both base64 alphabets, with or without padding: Kong tries the standard one, then the URL-safe one. */
const ENCODED = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * What to hide, besides the whole value, of a kong.conf private key setting (`ssl_cert_key`,
 * `cluster_cert_key`, ...). Kong takes each element of one (the `*ssl_cert_key` ones are lists
 * split on `,`) as a path when that file exists, else as base64 of the key when it decodes
 * (standard alphabet, then URL-safe), else as PEM text (try_decode_base64 in
 * Kong/kong:kong/conf_loader/init.lua@3.4.2, lines 888-893, 924-926 and 1271-1273; kong/tools/utils.lua
 * lines 1691-1723). So a value can hold a key inline in three shapes, and a report may quote a
 * part of it: one element of a list, one line of a PEM, the PEM an encoded element decodes to.
 * Returns the body lines of every PEM in the value (pemBodyLines), and for each element that is
 * base64 of a PEM, the element and its decoded text with that text's body lines. A path yields
 * nothing: it names where the key is, and the whole value is hidden already.
 */
export function inlineKeyPieces(value: string): string[] {
  // Called for every secret value, the body lines of every entity's private key among them: text that
  // can hold neither shape costs two checks.
  const pieces = value.includes('-----BEGIN ') ? pemBodyLines(value) : [];
  if (value.length < SHORTEST_ENCODED_PEM) return pieces;
  for (const raw of value.split(',')) {
    const element = raw.trim();
    if (element.length < SHORTEST_ENCODED_PEM || !ENCODED.test(element)) continue;
    // Node's base64 decoder reads both alphabets, with or without padding.
    const decoded = Buffer.from(element, 'base64').toString('latin1');
    if (!decoded.includes('-----BEGIN ')) continue;
    pieces.push(element, decoded.trim(), ...pemBodyLines(decoded));
  }
  return pieces;
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
