// An example third-party rule for `kong-preflight check --rules-dir examples/rules`.
// Team policy, not a Kong fact: during an upgrade the Admin API must not listen on every
// interface, so nobody can change the configuration while writes are frozen.
//
// A rule module is CommonJS (.js or .cjs) exporting { meta, check }, or an array of them, with
// the same contract as the built-in rules (src/engine/define-rule.ts). Write it in TypeScript if
// you like, but compile it to JavaScript first: the tool loads JavaScript only.
'use strict';

module.exports = {
  meta: {
    id: 'acme/admin-listen-public',
    description: 'Flags an Admin API that listens on every interface while configuration writes should be frozen.',
    severity: 'warning',
    inputs: ['kongConf'],
    messages: {
      publicAdmin: '`admin_listen` binds {{address}}: anyone who reaches the host can change the configuration during the upgrade.',
    },
    remediation: 'Bind admin_listen to 127.0.0.1 (or a management network) for the duration of the upgrade.',
    docsUrl: 'https://developer.konghq.com/gateway/configuration/#admin-listen',
    sources: [{ kind: 'docs', ref: 'ACME platform policy PLAT-12 (example)' }],
  },
  check(context) {
    const setting = context.input('kongConf').get('admin_listen');
    if (!setting) return;
    for (const part of setting.value.split(',')) {
      const address = part.trim().split(/\s+/)[0];
      if (/^(0\.0\.0\.0|\[::\]|\*)(:|$)/.test(address)) {
        context.report({ messageId: 'publicAdmin', at: setting.origin, data: { address } });
      }
    }
  },
};
