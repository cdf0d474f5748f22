import rule from '../../../rules/nginx/template-identified';
import { ruleTester } from '../../support/rule-tester';
import { fixtureTemplates, inlineTemplate } from './support';

ruleTester.run(rule, {
  valid: [
    // The rule reports for every template it gets; with none there is nothing to identify.
    { name: 'no template, no identification', from: '2.8.2', to: '3.4.2', inputs: () => ({ nginxTemplates: [] }) },
  ],
  invalid: [
    {
      name: '3.0 wrapper: identified with its customisations',
      from: '3.0.0', to: '3.4.2', inputs: fixtureTemplates('3.0-wrapper.conf'),
      findings: [{
        messageId: 'customised', severity: 'info', line: 2,
        data: { range: '3.0.0 - 3.0.2', tie: '' },
        message: 'only main-level changes carry over',
      }],
    },
    {
      name: '3.4 http copy: the tie across releases is said out loud',
      from: '3.4.2', to: '3.6.1', inputs: fixtureTemplates('3.4-http-copy.conf'),
      findings: [{ messageId: 'customised', data: { tie: ' (several releases match equally well)' }, message: 'nginx-kong.conf template' }],
    },
    {
      name: 'an unrelated nginx file is not passed off as a Kong template',
      from: '3.4.2', to: '3.6.1', inputs: inlineTemplate('worker_processes 4;\nhttp {\n  server {\n    listen 80;\n    root /srv/www;\n  }\n}\n'),
      findings: [{ messageId: 'unrecognised', data: { confidence: 'none' } }],
    },
  ],
});
