import rule from '../../../rules/plugins/tls-verify-disabled';
import { ruleTester } from '../../support/rule-tester';
import { CLEAN_HANDLER, inlinePlugin } from './plugin-support';

const EE = { from: '3.10.0.0', to: '3.14.0.0', edition: 'enterprise' as const };

ruleTester.run(rule, {
  valid: [
    { name: 'verification on', ...EE,
      inputs: inlinePlugin({ 'handler.lua': 'local res = httpc:request_uri(url, { ssl_verify = true })\nsock:sslhandshake(nil, host, true)\n' + CLEAN_HANDLER }) },
    { name: 'off, but only in a comment and a string', ...EE,
      inputs: inlinePlugin({ 'handler.lua': '-- { ssl_verify = false }\nlocal doc = "sslhandshake(nil, host, false)"\n' + CLEAN_HANDLER }) },
    { name: 'off on a path before 3.14', from: '3.10.0.0', to: '3.13.0.0', edition: 'enterprise',
      inputs: inlinePlugin({ 'handler.lua': 'local o = { ssl_verify = false }\n' + CLEAN_HANDLER }) },
  ],
  invalid: [
    { name: 'ssl_verify = false and a false handshake argument', ...EE,
      inputs: inlinePlugin({ 'handler.lua': 'local res = httpc:request_uri(url, {\n  ssl_verify = false,\n})\nlocal ok = sock:sslhandshake(nil, host, false)\n' + CLEAN_HANDLER }),
      findings: [{ messageId: 'verifyOff', line: 2, column: 3, severity: 'warning', hop: '3.14' }, { messageId: 'verifyOff', line: 4, message: 'sslhandshake(..., false)' }] },
  ],
});
