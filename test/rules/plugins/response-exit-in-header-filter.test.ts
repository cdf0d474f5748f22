import rule from '../../../rules/plugins/response-exit-in-header-filter';
import { ruleTester } from '../../support/rule-tester';
import { inlinePlugin } from './plugin-support';

const EE = { from: '3.12.0.0', to: '3.13.0.0', edition: 'enterprise' as const };
const handler = (body: string) => inlinePlugin({ 'handler.lua': `local H = { PRIORITY = 1, VERSION = "1.0.0" }\n${body}\nreturn H\n` });

ruleTester.run(rule, {
  valid: [
    { name: 'exit in access only', ...EE, inputs: handler('function H:access(conf)\n  return kong.response.exit(403)\nend\nfunction H:header_filter(conf)\n  kong.response.set_header("x", "1")\nend') },
    { name: 'exit after the header_filter function ends', ...EE,
      inputs: handler('function H:header_filter(conf)\n  if conf.x then kong.log.err("x") end\nend\nfunction H:body_filter()\n  kong.response.exit(500)\nend') },
  ],
  invalid: [
    { name: 'exit inside header_filter, nested in an if', ...EE,
      inputs: handler('function H:header_filter(conf)\n  if conf.deny then\n    return kong.response.exit(403, { message = "no" })\n  end\nend'),
      findings: [{ messageId: 'exitInHeaderFilter', line: 4, column: 12, severity: 'info' }] },
  ],
});
