import rule from '../../../rules/nginx/template-syntax';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

ruleTester.run(rule, {
  valid: [
    { name: 'the fixtures parse cleanly', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf', '3.0-wrapper.conf', '3.4-http-copy.conf', 'legacy-1x-loops.conf') },
  ],
  invalid: [
    {
      name: 'an unclosed block and a stray template end',
      from: '2.8.2', to: '3.4.2', inputs: inlineTemplate('http {\n  server_tokens off;\n> end\n', 'broken.conf'),
      findings: [
        { messageId: 'syntax', severity: 'warning', line: 1, message: 'block "http" opened here is never closed' },
        { messageId: 'syntax', severity: 'warning', line: 3, message: '> end' },
      ],
    },
  ],
});
