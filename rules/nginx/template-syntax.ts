// Reports what the nginx template parser could not make sense of (a block never closed, an
// unterminated quote, an `> end` without its `> if`): Kong would fail to render or nginx to load it.

import { defineRule } from '../../src/engine/define-rule';
import { NGINX_TEMPLATE_DOCS } from '../../src/knowledge/nginx-template-changes';
import { originAt, templatesToCheck } from './template-utils';

export default defineRule<'syntax'>({
  id: 'nginx/template-syntax',
  description: 'Reports syntax problems in a custom nginx template that would stop Kong from rendering or nginx from loading it.',
  severity: 'warning',
  inputs: ['nginxTemplates'],
  messages: { syntax: '{{file}}: {{problem}}.' },
  remediation: 'Fix the template syntax; `kong prepare --nginx-conf FILE` followed by `nginx -t -p <prefix>` shows nginx\'s own verdict.',
  docsUrl: NGINX_TEMPLATE_DOCS,
  sources: [{ kind: 'docs', ref: 'https://nginx.org/en/docs/beginners_guide.html#conf_structure' }],
  check(ctx) {
    // A rendered file was written by Kong and loaded by nginx already: what our parser trips on
    // there is our problem, not the upgrade's.
    for (const template of templatesToCheck(ctx.input('nginxTemplates'))) {
      for (const problem of template.parsed.problems) {
        ctx.report({
          messageId: 'syntax',
          at: originAt(template, problem.at),
          // A parser of ours may misread exotic input: never a blocker on its word alone.
          severity: problem.severity === 'error' ? 'warning' : 'info',
          data: { file: template.file, problem: problem.message },
        });
      }
    }
  },
});
