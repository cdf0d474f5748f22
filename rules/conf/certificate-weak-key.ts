// Flags certificates and DH parameters named in kong.conf whose keys OpenSSL 3.2's default
// security level 2 refuses (Kong 3.6.0.0; Enterprise 3.4.3.4 and 3.5.0.4), and RC4 in a custom
// cipher list. Served certificates are loaded by nginx before any `@SECLEVEL=0` setting applies
// (nginx applies ssl_conf_command last), so a weak one stops Kong from starting whatever the
// cipher suite. Files that live only on the Kong host are named as not checked.

import { defineRule } from '../../src/engine/define-rule';
import { splitKongArray } from '../../src/inputs/kong-conf/values';
import type { ConfSetting } from '../../src/inputs/kong-conf/types';
import { readConfMaterial } from '../../src/inputs/tls/conf-material';
import { dhParameterBits } from '../../src/inputs/tls/key-strength';
import { printable } from '../../src/knowledge/conf/changes';
import { confCatalog } from '../../src/knowledge/conf/catalog';
import { releaseForEdition } from '../../src/knowledge/releases';
import { refusedAtSeclevel2, SECLEVEL2_INTRODUCED_IN, SECLEVEL2_MIN_BITS, SECLEVEL2_SOURCES, seclevel2ReachedAt, weakestCertificate } from '../../src/knowledge/tls/seclevel2';

/** How Kong uses a certificate setting decides what a weak key breaks. */
type Role = 'served' | 'trusted' | 'cluster-ca';

interface CertificateSetting {
  key: string;
  role: Role;
  /** Array properties take several comma-separated elements (kong/conf_loader/constants.lua). */
  list: boolean;
}

const CERTIFICATE_SETTINGS: readonly CertificateSetting[] = [
  { key: 'ssl_cert', role: 'served', list: true },
  { key: 'admin_ssl_cert', role: 'served', list: true },
  { key: 'admin_gui_ssl_cert', role: 'served', list: true },
  { key: 'status_ssl_cert', role: 'served', list: true },
  { key: 'debug_ssl_cert', role: 'served', list: true },
  { key: 'cluster_cert', role: 'served', list: false },
  { key: 'client_ssl_cert', role: 'served', list: false },
  { key: 'cluster_ca_cert', role: 'cluster-ca', list: false },
  { key: 'lua_ssl_trusted_certificate', role: 'trusted', list: true },
];

/** nginx's built-in finite-field groups Kong accepts by name for ssl_dhparam (all 2048 bits or more). */
const PREDEFINED_DH_GROUPS = new Set(['ffdhe2048', 'ffdhe3072', 'ffdhe4096', 'ffdhe6144', 'ffdhe8192']);

const RE_ISSUE = 'Re-issue the certificate (and any weak certificate of its chain) with a 2048-bit or larger RSA key, or a P-256 or larger EC key.';
const CHECK_ON_HOST = 'On the Kong host, read the key size (openssl x509 -noout -text -in FILE) and re-issue anything under 2048 bits (RSA, DSA) or 224 bits (EC); or run this check there.';

const IMPACT: Record<Role, string> = {
  served: 'nginx refuses to load it, so Kong does not start',
  'cluster-ca': 'hybrid nodes can no longer verify each other, so data planes lose the control plane',
  trusted: 'TLS peers whose chain ends at it fail verification',
};

export default defineRule<'weakCertificate' | 'weakDhParameters' | 'rc4Ciphers' | 'notChecked'>({
  id: 'conf/certificate-weak-key',
  description: 'Flags certificates and DH parameters named in kong.conf with keys OpenSSL security level 2 refuses, and RC4 in a custom cipher list.',
  severity: 'blocker',
  versionData: ['since'],
  catalog: ['openssl-seclevel2-weak-keys-conf'],
  inputs: ['kongConf'],
  changes: [{ id: 'openssl.seclevel2.conf', introducedIn: SECLEVEL2_INTRODUCED_IN, what: 'certificate, CA and DH key sizes in kong.conf (Enterprise also 3.4.3.4, 3.5.0.4)' }],
  messages: {
    weakCertificate: '`{{key}}` ({{source}}) holds a {{bits}}-bit {{type}} certificate{{subject}}; from {{since}} OpenSSL refuses {{type}} keys under {{minimum}} bits: {{impact}}.',
    weakDhParameters: '`ssl_dhparam` ({{source}}) holds {{bits}}-bit DH parameters; from {{since}} OpenSSL refuses DH keys under 2048 bits, so nginx does not start with them.',
    rc4Ciphers: '`{{key}}` enables RC4 ({{ciphers}}); from {{since}} OpenSSL refuses RC4, so clients that offer nothing else fail to connect.',
    notChecked: '`{{key}}` names {{source}}, absent on this machine, so its key size is not checked; from {{since}} keys under 2048 bits (RSA, DSA) or 224 bits (EC) are refused.',
  },
  remediation: 'Re-issue the certificate with a 2048-bit (or larger) RSA key or a P-256 (or larger) EC key; generate DH parameters of at least 2048 bits or use ffdhe2048; drop RC4 from the cipher list.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [
    ...SECLEVEL2_SOURCES,
    { kind: 'digest', ref: 'kong-facts/breaking-changes.json#openssl-seclevel2-weak-keys-conf' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.6.1', note: 'certificate settings: an existing file, else base64-decoded, else PEM text; predefined DH groups' },
  ],
  check(ctx) {
    const since = seclevel2ReachedAt(ctx.plan);
    if (!since) return;
    // Kept in data as the edition numbers its releases (3.6.0 on open source), as these findings
    // always carried it; `since` itself places the hop.
    const shown = releaseForEdition(since, ctx.plan.edition);
    const conf = ctx.input('kongConf');
    const catalog = confCatalog();
    const known = (key: string) => catalog.property(key, ctx.plan.to, ctx.plan.edition) !== undefined;
    // A file only the Kong host has: named, so the operator checks it there.
    const notChecked = (setting: ConfSetting, path: string) => ctx.report({
      messageId: 'notChecked', at: setting.origin, since, severity: 'info', data: { key: setting.key, source: printable(setting.key, path), since: shown }, remediation: CHECK_ON_HOST,
    });

    for (const { key, role, list } of CERTIFICATE_SETTINGS) {
      const setting = conf.get(key);
      if (!setting || !known(key)) continue;
      for (const element of list ? splitKongArray(setting.value) : [setting.value]) {
        const material = readConfMaterial(element, conf.dir);
        if (material.kind === 'absent') {
          notChecked(setting, material.path);
          continue;
        }
        if (material.kind !== 'file' && material.kind !== 'inline') continue;
        const weakest = weakestCertificate(material.text);
        if (!weakest) continue;
        ctx.report({
          messageId: 'weakCertificate',
          remediation: RE_ISSUE,
          at: setting.origin,
          since,
          severity: role === 'trusted' ? 'warning' : 'blocker',
          data: {
            key,
            source: material.kind === 'file' ? printable(key, element.trim()) : 'an inline certificate',
            bits: weakest.bits,
            type: weakest.type.toUpperCase(),
            minimum: SECLEVEL2_MIN_BITS[weakest.type],
            subject: weakest.subject ? ` (${weakest.subject}${weakest.index > 0 ? `, certificate ${weakest.index + 1} of the file` : ''})` : '',
            since: shown,
            impact: IMPACT[role],
          },
        });
      }
    }

    checkDhParameters();
    for (const key of ['ssl_ciphers', 'nginx_http_ssl_ciphers', 'nginx_stream_ssl_ciphers']) {
      // Every suite but custom writes its own cipher list over ssl_ciphers (parse.lua@3.6.1).
      if (key === 'ssl_ciphers' && conf.get('ssl_cipher_suite')?.value !== 'custom') continue;
      const setting = conf.get(key);
      const rc4 = setting ? enabledRc4(setting.value) : [];
      if (setting && rc4.length > 0) {
        ctx.report({ messageId: 'rc4Ciphers', at: setting.origin, since, severity: 'warning', data: { key, ciphers: rc4.join(':'), since: shown }, remediation: `Remove the RC4 suites from ${key}.` });
      }
    }

    function checkDhParameters(): void {
      const setting = conf.get('ssl_dhparam');
      if (!setting || PREDEFINED_DH_GROUPS.has(setting.value.trim())) return;
      const material = readConfMaterial(setting.value, conf.dir);
      if (material.kind === 'absent') {
        notChecked(setting, material.path);
        return;
      }
      if (material.kind !== 'file' && material.kind !== 'inline') return;
      const bits = dhParameterBits(material.text);
      if (bits === undefined || !refusedAtSeclevel2('dh', bits)) return;
      const source = material.kind === 'file' ? setting.value.trim() : 'inline parameters';
      ctx.report({
        messageId: 'weakDhParameters', at: setting.origin, since, data: { source, bits, since: shown },
        remediation: 'Generate DH parameters of 2048 bits or more (openssl dhparam 2048), or set ssl_dhparam = ffdhe2048.',
      });
    }
  },
});

/**
 * Cipher-list elements that turn RC4 suites on: RC4 itself or a suite name holding it, not
 * ones that remove it (`!RC4`, `-RC4`) or only reorder (`+RC4`).
 */
function enabledRc4(value: string): string[] {
  return value.split(/[:\s,]+/).filter((element) => /RC4/i.test(element) && !/^[!+-]/.test(element));
}
