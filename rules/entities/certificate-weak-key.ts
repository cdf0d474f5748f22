// Flags certificates whose public key OpenSSL 3.2's security level 2 refuses (RSA/DSA under 2048
// bits, EC under 224 bits): from 3.6 (and Enterprise 3.4.3.5, 3.5.0.4) TLS handshakes with them fail.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { certificateKeyStrength } from '../../src/inputs/tls/key-strength';
import { digest } from '../../src/knowledge/entities/sources';
import { releaseForEdition } from '../../src/knowledge/releases';
import { refusedAtSeclevel2, SECLEVEL2_INTRODUCED_IN, SECLEVEL2_MIN_BITS, SECLEVEL2_SOURCES, seclevel2ReachedAt } from '../../src/knowledge/tls/seclevel2';
import type { Entity } from '../../src/model/entities';

export default defineRule<'weakKey'>({
  id: 'entities/certificate-weak-key',
  description: 'Reports certificates with keys that OpenSSL 3.2 security level 2 refuses.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['openssl-seclevel2-weak-keys-entities'],
  inputs: ['entities'],
  changes: [{ id: 'openssl.seclevel2.entities', introducedIn: SECLEVEL2_INTRODUCED_IN, what: 'certificate and CA certificate key sizes (Enterprise also 3.4.3.5, 3.5.0.4)' }],
  messages: {
    weakKey: '{{entity}}: `{{field}}` has a {{bits}}-bit {{type}} key; from {{since}} OpenSSL refuses {{type}} keys under {{minimum}} bits.',
  },
  remediation: 'Re-issue the certificate with a 2048-bit (or larger) RSA key or a P-256 (or larger) EC key.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [digest('openssl-seclevel2-weak-keys-entities'), ...SECLEVEL2_SOURCES.slice(1)],
  check(ctx) {
    const since = seclevel2ReachedAt(ctx.plan);
    if (!since) return;
    const inspect = (entity: Entity, field: string) => {
      const pem = entity.fields[field];
      if (typeof pem !== 'string' || !pem.includes('BEGIN CERTIFICATE')) return;
      const strength = certificateKeyStrength(pem);
      if (!strength || !refusedAtSeclevel2(strength.type, strength.bits)) return;
      ctx.report({
        messageId: 'weakKey',
        at: entity.at([field]),
        since,
        data: { entity: entityLabel(entity), field, bits: strength.bits, type: strength.type.toUpperCase(), minimum: SECLEVEL2_MIN_BITS[strength.type], since: releaseForEdition(since, ctx.plan.edition) },
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
