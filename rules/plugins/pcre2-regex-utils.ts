// The PCRE 8.45 / PCRE2 10.43 differences in a pattern literal of plugin code, as phrases for
// plugins/pcre2-regex. The scan itself is shared with the route and plugin-field rule.

import { PCRE2_DIFFERENCES } from '../../src/knowledge/entities/pcre2-regex';
import { pcre2Findings } from '../entities/pcre2-regex-utils';

/** Human descriptions of each difference found in `pattern`. */
export function pcre2Differences(pattern: string): string[] {
  return pcre2Findings(pattern).map(({ id, text }) => `\`${text}\`, ${PCRE2_DIFFERENCES[id].reading}`);
}
