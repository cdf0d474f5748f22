// Key sizes of TLS material (certificates and Diffie-Hellman parameters) as OpenSSL's security
// levels judge them. Only public parts are read: a certificate's public key, DH's prime. Private
// keys are never opened, so nothing secret can reach a report.

import { X509Certificate } from 'node:crypto';

export interface KeyStrength {
  /** `rsa`, `dsa`, `ec`, `dh`, ... as Node names key types. */
  type: string;
  bits: number;
}

/** Named curves by their field size; unknown curves are left unjudged. */
const EC_CURVE_BITS: Readonly<Record<string, number>> = {
  prime192v1: 192, secp192k1: 192, secp224r1: 224, secp224k1: 224, prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521,
  brainpoolP256r1: 256, brainpoolP384r1: 384, brainpoolP512r1: 512,
};

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate of a PEM text (a bundle or a chain), in order. */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/** The key type and size of a PEM certificate, or undefined when unreadable or of an unknown curve. */
export function certificateKeyStrength(pem: string): KeyStrength | undefined {
  try {
    const key = new X509Certificate(pem).publicKey;
    const type = key.asymmetricKeyType ?? 'unknown';
    const details = key.asymmetricKeyDetails ?? {};
    // Ed25519 and Ed448 keys carry no size in Node's details; both are far above any level's floor.
    if (type === 'ed25519' || type === 'ed448') return { type, bits: type === 'ed25519' ? 256 : 456 };
    const bits = details.modulusLength ?? (details.namedCurve ? EC_CURVE_BITS[details.namedCurve] : undefined);
    return bits === undefined ? undefined : { type, bits };
  } catch {
    return undefined;
  }
}

/** The subject of a PEM certificate, for messages (public data), or undefined when unreadable. */
export function certificateSubject(pem: string): string | undefined {
  try {
    return new X509Certificate(pem).subject.replace(/\n/g, ', ');
  } catch {
    return undefined;
  }
}

const PEM_DH = /-----BEGIN DH PARAMETERS-----([\s\S]*?)-----END DH PARAMETERS-----/;

/**
 * The prime size of PEM Diffie-Hellman parameters (PKCS#3: a SEQUENCE whose first member is the
 * prime), or undefined when the text holds none. Node has no reader for them, and the DER walk is
 * three length fields long.
 */
export function dhParameterBits(text: string): number | undefined {
  const body = PEM_DH.exec(text)?.[1];
  if (body === undefined) return undefined;
  const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  let at = 0;
  const readHeader = (tag: number): number | undefined => {
    if (der[at] !== tag) return undefined;
    at++;
    let length = der[at++];
    if (length === undefined) return undefined;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 4) return undefined;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (der[at++] ?? 0);
    }
    return length;
  };
  if (readHeader(0x30) === undefined) return undefined;
  const primeLength = readHeader(0x02);
  if (primeLength === undefined || primeLength === 0 || at + primeLength > der.length) return undefined;
  // A leading zero byte only keeps the integer positive.
  let start = at;
  while (start < at + primeLength && der[start] === 0) start++;
  if (start === at + primeLength) return undefined;
  return (at + primeLength - start - 1) * 8 + (32 - Math.clz32(der[start]));
}
