// What a Kong 2.x-3.1 node reads for a setting, for rules about the `#` handling that changed in
// 3.2 (see comments.ts): `pg_password = abc#def` is `abc` from 3.2 on but was `ab` before.

import { envValueBefore32, stripCommentBefore32 } from './comments';
import type { ConfSetting } from './types';

/**
 * The value Kong 2.0-3.1 would have used for this setting (same file line or variable). A Helm
 * `env:` entry reaches Kong as a variable (`envName`), so it is read as one.
 */
export function valueBefore32(setting: ConfSetting): string {
  if (setting.origin.kind === 'env' || setting.envName !== undefined) return envValueBefore32(setting.rawValue);
  // A number-like value is a Lua number in every version: no comment to strip.
  if (setting.numberLike) return setting.value;
  return stripCommentBefore32(setting.rawValue);
}
