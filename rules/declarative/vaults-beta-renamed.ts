// Flags the 2.8 `vaults_beta` collection: 3.0 calls it `vaults` and rejects the old key.

import { defineRule } from '../../src/engine/define-rule';
import { repo } from '../../src/knowledge/entities/sources';

export default defineRule<'renamed'>({
  id: 'declarative/vaults-beta-renamed',
  description: 'Reports the vaults_beta collection, renamed vaults in 3.0.',
  severity: 'blocker',
  inputs: ['declarative'],
  gate: { introducedIn: '3.0.0' },
  messages: { renamed: '`vaults_beta` is called `vaults` from 3.0; Kong 3.x rejects the old collection name.' },
  remediation: 'Rename the vaults_beta key to vaults.',
  docsUrl: 'https://developer.konghq.com/gateway/entities/vault/',
  sources: [
    repo('kong/db/schema/entities/vaults_beta.lua', '2.8.5', 'the 2.8 entity'),
    repo('kong/db/schema/entities/vaults.lua', '3.0.0', 'renamed in 3.0'),
  ],
  check(ctx) {
    for (const document of ctx.input('declarative').documents) {
      const collection = document.collections.find((c) => c.value === 'vaults_beta');
      if (collection) ctx.report({ messageId: 'renamed', at: collection.origin });
    }
  },
});
