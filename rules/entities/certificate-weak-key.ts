// Flags certificates whose public key OpenSSL 3.2's security level 2 refuses (RSA/DSA under 2048
// bits, EC under 224 bits): from 3.6 (and 3.4.3.5) TLS handshakes with them fail.

import { X509Certificate } from 'node:crypto';
import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { digest, docs } from '../../src/knowledge/entities/sources';
import type { Entity } from '../../src/model/entities';

const LIMITS = { rsa: 2048, dsa: 2048, ec: 224 } as const;
const EC_CURVE_BITS: Record<string, number> = { prime192v1: 192, secp192k1: 192, secp224r1: 224, prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521 };

/** The key type and size of the first certificate of a PEM bundle, or undefined when unreadable. */
export function keyStrength(pem: string): { type: string; bits: number } | undefined {
  try {
    const key = new X509Certificate(pem).publicKey;
    const type = key.asymmetricKeyType ?? 'unknown';
    const details = key.asymmetricKeyDetails ?? {};
    const bits = details.modulusLength ?? (details.namedCurve ? EC_CURVE_BITS[details.namedCurve] : undefined);
    return bits === undefined ? undefined : { type, bits };
  } catch {
    return undefined;
  }
}

export default defineRule<'weakKey'>({
  id: 'entities/certificate-weak-key',
  description: 'Reports certificates with keys that OpenSSL 3.2 security level 2 refuses.',
  severity: 'blocker',
  catalog: ['openssl-seclevel2-weak-keys-entities'],
  inputs: ['entities'],
  gate: { introducedIn: '3.6.0' },
  messages: {
    weakKey: '{{entity}}: `{{field}}` has a {{bits}}-bit {{type}} key; from 3.6 OpenSSL refuses {{type}} keys under {{minimum}} bits.',
  },
  remediation: 'Re-issue the certificate with a 2048-bit (or larger) RSA key or a P-256 (or larger) EC key.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [digest('openssl-seclevel2-weak-keys-entities'), docs('3.6.0.0 TLS changes; 3.4.3.5')],
  check(ctx) {
    const inspect = (entity: Entity, field: string) => {
      const pem = entity.fields[field];
      if (typeof pem !== 'string' || !pem.includes('BEGIN CERTIFICATE')) return;
      const strength = keyStrength(pem);
      if (!strength) return;
      const minimum = LIMITS[strength.type as keyof typeof LIMITS];
      if (minimum === undefined || strength.bits >= minimum) return;
      ctx.report({
        messageId: 'weakKey',
        at: entity.at([field]),
        data: { entity: entityLabel(entity), field, bits: strength.bits, type: strength.type.toUpperCase(), minimum },
      });
    };
    return {
      certificate(entity) {
        inspect(entity, 'cert');
        inspect(entity, 'cert_alt');
      },
      ca_certificate(entity) {
        inspect(entity, 'cert');
      },
    };
  },
});
