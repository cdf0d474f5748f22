// Flags certificates whose public key OpenSSL 3.2's security level 2 refuses (RSA/DSA under 2048
// bits, EC under 224 bits): from 3.6 (and Enterprise 3.4.3.4, 3.5.0.4) TLS handshakes with them fail.
// A `cert` may carry its chain after the leaf; every certificate of it is judged, as OpenSSL
// applies the level to the chain certificates Kong adds beside the leaf.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel } from '../../src/engine/entity-facts';
import { digest } from '../../src/knowledge/entities/sources';
import { releaseForEdition } from '../../src/knowledge/releases';
import { SECLEVEL2_INTRODUCED_IN, SECLEVEL2_MIN_BITS, SECLEVEL2_SOURCES, seclevel2ReachedAt, weakestCertificate } from '../../src/knowledge/tls/seclevel2';
import type { Entity } from '../../src/model/entities';

export default defineRule<'weakKey'>({
  id: 'entities/certificate-weak-key',
  description: 'Reports certificates with keys that OpenSSL 3.2 security level 2 refuses.',
  severity: 'blocker',
  versionData: ['since'],
  // Which chain certificate is weak is part of the message, not of what the finding is about.
  volatileData: ['which'],
  catalog: ['openssl-seclevel2-weak-keys-entities'],
  inputs: ['entities'],
  changes: [{ id: 'openssl.seclevel2.entities', introducedIn: SECLEVEL2_INTRODUCED_IN, what: 'certificate and CA certificate key sizes (Enterprise also 3.4.3.4, 3.5.0.4)' }],
  messages: {
    weakKey: '{{entity}}: `{{field}}` has a {{bits}}-bit {{type}} key{{which}}; from {{since}} OpenSSL refuses {{type}} keys under {{minimum}} bits.',
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
      const weakest = weakestCertificate(pem);
      if (!weakest) return;
      // Subjects are public; naming the chain certificate saves opening the PEM to find it.
      const which = weakest.index === 0 ? '' : ` (certificate ${weakest.index + 1} of the chain${weakest.subject ? `: ${weakest.subject}` : ''})`;
      ctx.report({
        messageId: 'weakKey',
        at: entity.at([field]),
        since,
        data: { entity: entityLabel(entity), field, bits: weakest.bits, type: weakest.type.toUpperCase(), minimum: SECLEVEL2_MIN_BITS[weakest.type], which, since: releaseForEdition(since, ctx.plan.edition) },
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
