// Flags pg_ssl_version values that Enterprise 3.2.1.0 and later refuse at start-up (2.8's default
// `tlsv1` among them), and warns when the new TLS 1.2 default will apply to an SSL connection.

import { defineRule } from '../../src/engine/define-rule';
import { PG_SSL_VERSION_ENUM as FACT } from '../../src/knowledge/core-changes';

export default defineRule<'outsideEnum' | 'newDefault'>({
  id: 'conf/pg-ssl-version-enum',
  description: 'Flags pg_ssl_version and pg_ro_ssl_version values that Kong Enterprise refuses from 3.2.1.0.',
  severity: 'blocker',
  catalog: ['kong-conf-pg-ssl-version-enum'],
  inputs: ['kongConf'],
  gate: { introducedIn: FACT.introducedIn, editions: ['enterprise'] },
  messages: {
    outsideEnum: '`{{key}} = {{value}}` is refused at start from {{since}}; allowed: {{allowed}}.',
    newDefault: '`{{sslKey}} = on` without `{{key}}`: from {{since}} the default becomes {{newDefault}}, so a PostgreSQL server that offers only TLS 1.0/1.1 will be refused.',
  },
  remediation: 'Set pg_ssl_version (and pg_ro_ssl_version) to tlsv1_2 or tlsv1_3, and make sure the PostgreSQL server offers TLS 1.2 or later.',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [...FACT.sources],
  check(ctx) {
    const conf = ctx.input('kongConf');
    for (const key of FACT.properties) {
      const setting = conf.get(key);
      if (setting && !(FACT.allowedValues as readonly string[]).includes(setting.value)) {
        ctx.report({
          messageId: 'outsideEnum',
          at: setting.origin,
          data: { key, value: setting.value, since: FACT.introducedIn, allowed: FACT.allowedValues.join(', ') },
        });
      }
    }
    // pg_ssl_version only matters when SSL is on; pg_ro_* inherits pg_* values when unset. A
    // value read from a file at start (KONG_PG_SSL_VERSION_FILE) is set, just not readable here.
    const ssl = conf.get('pg_ssl');
    if (ssl?.value === 'on' && !conf.get('pg_ssl_version') && !conf.raw('pg_ssl_version')?.unreadableFrom) {
      ctx.report({
        messageId: 'newDefault',
        severity: 'warning',
        at: ssl.origin,
        data: { sslKey: 'pg_ssl', key: 'pg_ssl_version', since: FACT.introducedIn, newDefault: FACT.newDefault },
      });
    }
  },
});
