// Builds the nginxTemplates input for rule tests from fixture files or inline template text.

import { join } from 'node:path';
import type { Inputs } from '../../../src/engine/inputs';
import { loadNginxTemplates, readNginxTemplate } from '../../../src/inputs/nginx/load';

export const NGINX_FIXTURES = join(__dirname, '../../../fixtures/nginx');

/** `inputs` for a rule-tester case: fixture files by name. */
export function fixtureTemplates(...names: string[]): () => Inputs {
  return () => ({ nginxTemplates: loadNginxTemplates(names.map((n) => join(NGINX_FIXTURES, n))) });
}

/** `inputs` for a rule-tester case: one template written inline. */
export function inlineTemplate(text: string, file = 'custom.conf'): () => Inputs {
  return () => ({ nginxTemplates: [readNginxTemplate(file, text)] });
}
