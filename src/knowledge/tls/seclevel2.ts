// OpenSSL 3.2's default security level 2 (openssl NEWS.md, 3.2.0: the default level went from 1 to
// 2): RSA, DSA and DH keys under 2048 bits and EC keys under 224 bits are refused, as are RC4
// cipher suites. Kong ships OpenSSL 3.2.1 from 3.6.0 (.requirements@3.6.0; 3.5.0 builds 3.1.4) and
// sets no @SECLEVEL of its own outside ssl_cipher_suite = old. Enterprise moved its older lines to
// OpenSSL 3.2 in 3.4.3.4 (3.1.4 to 3.2.1) and 3.5.0.4 (3.1.4 to 3.2.0) (developer.konghq.com
// app/_data/changelogs/gateway.json). The docs date the 3.4 line's change at 3.4.3.5
// (app/_includes/upgrade/lts-changes-28-34.md), the release whose notes first describe it, but
// the library that refuses the keys is already in 3.4.3.4.

import { type BackportPlan, reachedWithBackports } from '../enterprise-backports';
import { certificateKeyStrength, certificateSubject, pemCertificates } from '../../inputs/tls/key-strength';
import type { FactSource } from '../../model/source';

export const SECLEVEL2_INTRODUCED_IN = '3.6.0.0';

/** Enterprise patch releases of older lines that ship the same OpenSSL. */
export const SECLEVEL2_BACKPORTS = ['3.4.3.4', '3.5.0.4'] as const;

/** The smallest key each type may have at level 2; types not listed are not judged. */
export const SECLEVEL2_MIN_BITS: Readonly<Record<string, number>> = { rsa: 2048, 'rsa-pss': 2048, dsa: 2048, dh: 2048, ec: 224 };

export const SECLEVEL2_SOURCES: FactSource[] = [
  { kind: 'digest', ref: 'kong-facts/breaking-changes.json#openssl-seclevel2-weak-keys-entities' },
  { kind: 'docs', ref: 'https://developer.konghq.com/gateway/breaking-changes/ (3.6.0.0 TLS changes)' },
  { kind: 'docs', ref: 'https://developer.konghq.com/gateway/upgrade/lts-upgrade/ (app/_includes/upgrade/lts-changes-28-34.md: applies to 3.4.3.5 and later)' },
  { kind: 'repo', ref: 'Kong/kong:.requirements@3.6.0', note: 'OPENSSL=3.2.1 (3.5.0: 3.1.4)' },
  { kind: 'changelog', ref: 'Kong/developer.konghq.com:app/_data/changelogs/gateway.json@bc1cd742', note: 'Enterprise 3.4.3.4 bumps OpenSSL from 3.1.4 to 3.2.1, 3.5.0.4 from 3.1.4 to 3.2.0; 3.4.3.5 only adds the note on security level 2' },
  { kind: 'docs', ref: 'https://github.com/openssl/openssl/blob/openssl-3.2.0/NEWS.md', note: '3.1 to 3.2.0: the default SSL/TLS security level changed from 1 to 2' },
];

/**
 * The release on the path that first refuses weak keys, or undefined when the path stays below
 * it or an Enterprise source already runs a backport. An Enterprise path meets the change at a
 * backport when a hop ends on the 3.4 or 3.5 line.
 */
export function seclevel2ReachedAt(plan: BackportPlan): string | undefined {
  return reachedWithBackports(plan, SECLEVEL2_INTRODUCED_IN, SECLEVEL2_BACKPORTS);
}

/** True when a key of this type and size is refused at level 2. */
export function refusedAtSeclevel2(type: string, bits: number): boolean {
  const minimum = SECLEVEL2_MIN_BITS[type];
  return minimum !== undefined && bits < minimum;
}

/** A certificate of a PEM text that level 2 refuses. */
export interface WeakCertificate {
  type: string;
  bits: number;
  subject?: string;
  /** Position in the text (0: the leaf of a chain, or the first CA of a bundle). */
  index: number;
}

/**
 * The certificate of a PEM text (a chain or a bundle) that falls furthest below its type's
 * minimum, if any does. OpenSSL applies the level to every certificate it is handed, not only
 * the leaf: a chain certificate added beside the leaf (ngx.ssl's set_cert, nginx's
 * ssl_certificate file) is refused when its key is too small.
 */
export function weakestCertificate(text: string): WeakCertificate | undefined {
  let weakest: WeakCertificate | undefined;
  let worstShortfall = 0;
  pemCertificates(text).forEach((pem, index) => {
    const strength = certificateKeyStrength(pem);
    if (!strength || !refusedAtSeclevel2(strength.type, strength.bits)) return;
    const shortfall = SECLEVEL2_MIN_BITS[strength.type] / strength.bits;
    if (shortfall > worstShortfall) {
      worstShortfall = shortfall;
      weakest = { ...strength, subject: certificateSubject(pem), index };
    }
  });
  return weakest;
}
