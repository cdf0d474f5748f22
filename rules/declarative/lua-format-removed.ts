// Flags declarative configuration written in Lua: 3.0 reads only YAML and JSON.

import { defineRule } from '../../src/engine/define-rule';
import { digest } from '../../src/knowledge/entities/sources';

export default defineRule<'luaFile'>({
  id: 'declarative/lua-format-removed',
  description: 'Reports declarative files in Lua format, which 3.0 no longer reads.',
  severity: 'blocker',
  catalog: ['declarative-lua-format-import-removed'],
  inputs: ['declarative'],
  gate: { introducedIn: '3.0.0' },
  messages: { luaFile: '{{file}} is a Lua declarative file; Kong 3.x reads only YAML or JSON (declarative_config, kong config db_import).' },
  remediation: 'Convert the file to YAML or JSON (for example from `kong config db_export` on the current version).',
  docsUrl: 'https://developer.konghq.com/gateway/breaking-changes/',
  sources: [digest('declarative-lua-format-import-removed')],
  check(ctx) {
    for (const file of ctx.input('declarative').unreadable) {
      if (file.reason === 'lua-format') ctx.report({ messageId: 'luaFile', at: file.origin, data: { file: file.file } });
    }
  },
});
