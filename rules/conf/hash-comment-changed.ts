// Flags values that a node reads differently once the path crosses 3.2, where Kong stopped
// treating `#` and `\#` in every value and now handles them only in the kong.conf file: a
// password written `pa\#ss` in KONG_PG_PASSWORD, or `pg_password = #secret` in the file, silently
// becomes another password after the upgrade.

import { defineRule } from '../../src/engine/define-rule';
import { valueBefore32 } from '../../src/inputs/kong-conf/before-3-2';
import { COMMENT_HANDLING_CHANGE as FACT } from '../../src/knowledge/conf/comment-handling';
import { printable } from '../../src/knowledge/conf/changes';
import { isSecretName } from '../../src/knowledge/conf/sensitive';

const FILE_REMEDIATION = 'Write `\\#` for a literal `#` and put whitespace before a trailing comment: every version then reads the same value.';
const ENV_REMEDIATION = 'Write a plain `#` in the variable: Kong before and after 3.2 reads it as `#`.';

export default defineRule<'changed' | 'changedSecret'>({
  id: 'conf/hash-comment-changed',
  description: 'Flags values with `#` or `\\#` that Kong reads differently from 3.2 on, where comment stripping moved to the kong.conf file reader.',
  severity: 'warning',
  inputs: ['kongConf'],
  gate: { introducedIn: FACT.introducedIn },
  messages: {
    changed: '`{{key}}` is read as {{before}} before 3.2 and as {{after}} from 3.2 on: {{why}}.',
    changedSecret: '`{{key}}` is read as a different value from 3.2 on: {{why}}. (The value is a secret and is not shown.)',
  },
  remediation: FILE_REMEDIATION,
  docsUrl: 'https://developer.konghq.com/gateway/configuration/',
  sources: [...FACT.sources],
  check(ctx) {
    const settings = ctx.input('kongConf').rawSettings();
    // A value that is also a secret's (two properties followed by the same comment text) is
    // hidden wherever the report shows it: it is named by the secret it equals instead.
    const secretValues = new Map<string, string>();
    for (const setting of settings) {
      if (!isSecretName(setting.key) || setting.unreadableFrom) continue;
      for (const value of [valueBefore32(setting), setting.value]) if (value !== '' && !secretValues.has(value)) secretValues.set(value, setting.key);
    }
    const shown = (key: string, value: string): string => {
      const secretKey = secretValues.get(value);
      if (value === '') return 'an empty value';
      return secretKey ? `the same text as \`${secretKey}\` (not shown: that property is a secret)` : `\`${printable(key, value)}\``;
    };
    for (const setting of settings) {
      if (setting.unreadableFrom) continue;
      const before = valueBefore32(setting);
      const after = setting.value;
      if (before === after) continue;
      const asVariable = setting.origin.kind === 'env' || setting.envName !== undefined;
      const why = asVariable
        ? 'Kong 3.2 and later take environment variables as they are, so `\\#` is no longer turned into `#`'
        : after === ''
          ? 'from 3.2 a `#` at the start of a file value begins a comment, so the property is left empty'
          : 'before 3.2 Kong also dropped the character in front of the first unescaped `#`';
      const secret = isSecretName(setting.key);
      ctx.report({
        messageId: secret ? 'changedSecret' : 'changed',
        at: setting.origin,
        since: FACT.introducedIn,
        data: { key: setting.key, why, ...(secret ? {} : { before: shown(setting.key, before), after: shown(setting.key, after) }) },
        remediation: asVariable ? ENV_REMEDIATION : FILE_REMEDIATION,
      });
    }
  },
});
