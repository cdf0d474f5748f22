import rule from '../../../rules/plugins/priority-order-changed';
import { ruleTester } from '../../support/rule-tester';
import { inlinePlugin } from './plugin-support';

const handler = (priority: number) => inlinePlugin({ 'handler.lua': `local H = {}\nH.VERSION = "1.0.0"\nH.PRIORITY = ${priority}\nreturn H\n` });

ruleTester.run(rule, {
  valid: [
    { name: 'priority outside every changed range', from: '2.8', to: '3.4', conf: 'plugins = bundled\n', inputs: handler(5000) },
    { name: 'between key-auth values but key-auth not enabled', from: '2.8', to: '3.4', conf: 'plugins = my-plugin,cors\n', inputs: handler(1240) },
    { name: 'path after 3.0', from: '3.0', to: '3.4', conf: 'plugins = bundled\n', inputs: handler(1240) },
    { name: 'correlation-id kept priority 1 up to 3.8', from: '3.4', to: '3.8', conf: 'plugins = bundled\n', inputs: handler(900) },
    { name: 'Enterprise already ran correlation-id at 100001', from: '3.8.1.0', to: '3.9.1.0', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(900) },
    { name: 'correlation-id not enabled', from: '3.8', to: '3.9', conf: 'plugins = key-auth,my-plugin\n', inputs: handler(900) },
    // service-protection 915 -> 901 came with 3.14.0.2 and the backports 3.10.0.10 ... 3.13.0.3.
    { name: 'target 3.12.0.5 predates the 3.12 backport', from: '3.9.1.0', to: '3.12.0.5', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(905) },
    // saml 900 -> 1010 came with 3.5.0.2 and the 3.4 patch 3.4.3.1 (gateway.json, kong-ee).
    { name: 'source 3.4.3.1 already runs saml at 1010', from: '3.4.3.1', to: '3.10.0.0', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(950) },
    { name: 'source 3.12.0.6 already carries the backport', from: '3.12.0.6', to: '3.14.0.13', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(905) },
    // konnect-application-auth 950 -> 960 (Enterprise 3.12.0.0): not on open source, not before 3.12, not without `bundled`.
    { name: 'konnect-application-auth: open source has no such plugin', from: '3.10', to: '3.14', conf: 'plugins = bundled\n', inputs: handler(955) },
    { name: 'konnect-application-auth: 3.10 -> 3.11 does not reach 3.12.0.0', from: '3.10', to: '3.11', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(955) },
    { name: 'konnect-application-auth: plugins names no bundled set', from: '3.10', to: '3.14', edition: 'enterprise', conf: 'plugins = my-plugin\n', inputs: handler(955) },
    { name: 'konnect-application-auth: priority 960 is not between', from: '3.10', to: '3.14', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(960) },
  ],
  // Kong runs higher priorities first (kong/db/dao/plugins.lua@3.9.0): the message's two halves
  // have different subjects, so a flip reads 'X ran before Y; Y now runs before X'.
  invalid: [
    { name: 'between key-auth 1003 and 1250 with bundled plugins', from: '2.8', to: '3.4', conf: 'plugins = bundled\n', inputs: handler(1240),
      findings: [{ messageId: 'orderFlips', line: 3, column: 3, hop: '3.', message: 'ran before acme (1007 -> 1705), jwt (1005 -> 1450), key-auth (1003 -> 1250), oauth2 (1004 -> 1400)' }] },
    // A 2.x handler extending BasePlugin sets PRIORITY right before its first method; the value
    // ends where `function` starts, and the literal is read.
    { name: 'PRIORITY written just before a method definition', from: '2.8', to: '3.4', conf: 'plugins = bundled\n',
      inputs: inlinePlugin({ 'handler.lua': 'local H = {}\nH.VERSION = "1.0.0"\nH.PRIORITY = 1240\n\nfunction H:access(conf)\n  return\nend\n\nreturn H\n' }),
      findings: [{ messageId: 'orderFlips', line: 3, data: { priority: 1240 } }] },
    { name: 'between rate-limiting 901 and 910 without kong.conf uses the bundled default', from: '2.8', to: '3.0', inputs: handler(905),
      findings: [{ messageId: 'orderFlips', data: { priority: 905 }, message: 'rate-limiting (901 -> 910)' }] },
    { name: 'OSS 3.9 moved correlation-id from 1 to 100001 (no kong.conf: bundled default)', from: '3.8', to: '3.9', inputs: handler(900),
      findings: [{ messageId: 'orderFlips', line: 3, severity: 'info', hop: '3.9', message: 'PRIORITY 900) ran before correlation-id (1 -> 100001); from Kong 3.9.0 their new priorities make them run before it' }] },
    { name: 'Enterprise route-by-header moved below custom plugins', from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(900),
      findings: [{ messageId: 'orderFlips', message: 'ran after route-by-header (2000 -> 850); from Kong 3.0.0.0 their new priorities make them run after it.' }] },
    { name: 'service-protection priority reaches a 3.12 target through its backport', from: '3.9.1.0', to: '3.12.0.11', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(905),
      findings: [{ messageId: 'orderFlips', hop: '3.12', message: 'ran after service-protection (915 -> 901); from Kong 3.12.0.6 their new priorities make them run after it.' }] },
    // lts-changes-310-314.md@bc1cd742:177-184: custom plugins between 950 and 960 flip against it.
    { name: 'konnect-application-auth moved from 950 to 960 in Enterprise 3.12.0.0', from: '3.10', to: '3.14', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(955),
      findings: [{ messageId: 'orderFlips', severity: 'info', hop: '3.14', message: 'PRIORITY 955) ran before konnect-application-auth (950 -> 960); from Kong 3.12.0.0 their new priorities make them run before it.' }] },
    { name: 'saml priority reaches a 3.4 LTS patch target through its backport', from: '3.4.1.0', to: '3.4.3.5', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: handler(950),
      findings: [{ messageId: 'orderFlips', message: 'saml (900 -> 1010); from Kong 3.4.3.1' }] },
  ],
});
