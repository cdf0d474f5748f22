// Flags declarative files whose `_format_version` is not 3.0 when the target is 3.x: decK
// refuses to sync them to a 3.x gateway, and Kong only upgrades them on the fly (adding `~` to
// regex paths) when it loads them itself.

import { defineRule } from '../../src/engine/define-rule';
import { deck, digest, docs } from '../../src/knowledge/entities/sources';
import { KongVersion } from '../../src/version/kong-version';

const CURRENT_FORMAT = '3.0';
const FORMAT_CHANGE = '3.0.0';

export default defineRule<'deckRefuses' | 'kongUpgradesOnLoad' | 'missing'>({
  id: 'declarative/format-version',
  description: 'Reports declarative files whose _format_version is not 3.0 for a 3.x target.',
  severity: 'blocker',
  catalog: ['declarative-format-version-3'],
  inputs: ['declarative'],
  messages: {
    deckRefuses: '`_format_version: {{version}}`: decK refuses to sync or diff this file against Kong 3.x; convert it to format 3.0.',
    kongUpgradesOnLoad: '`_format_version: {{version}}`: Kong 3.x upgrades the file when it loads it (regex paths get `~`), but every other tool reads it as written; convert it to format 3.0.',
    missing: 'no `_format_version`: Kong requires one and decK reads the file as format 1.1, which it refuses for Kong 3.x.',
  },
  remediation: 'Convert the file (kong-preflight --fix-output, or deck file convert) and set `_format_version: "3.0"`.',
  docsUrl: 'https://developer.konghq.com/deck/reference/3.0-upgrade/',
  sources: [digest('declarative-format-version-3'), docs('3.0.0.0 Declarative and DB-less'), deck('cmd/common.go', 'sync/diff refuse formats other than 3.0 for Kong 3.x')],
  check(ctx) {
    if (ctx.plan.to.lt(KongVersion.parse(FORMAT_CHANGE))) return;
    const since = ctx.crosses(FORMAT_CHANGE) ? FORMAT_CHANGE : undefined;
    for (const document of ctx.input('declarative').documents) {
      const version = document.formatVersion;
      if (!version) {
        ctx.report({ messageId: 'missing', at: document.at([]), since });
        continue;
      }
      if (version.value === CURRENT_FORMAT) continue;
      const deckFile = document.flavor === 'deck';
      ctx.report({
        messageId: deckFile ? 'deckRefuses' : 'kongUpgradesOnLoad',
        severity: deckFile ? 'blocker' : 'warning',
        at: version.origin,
        since,
        data: { version: version.value, flavor: document.flavor },
      });
    }
  },
});
