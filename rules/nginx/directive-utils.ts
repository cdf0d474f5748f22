// Judges one nginx directive (name and value) against the directive facts for a target version.
// Shared by the template rule and the kong.conf injection rule, which differ only in where the
// directive comes from.

import { DIRECTIVE_CHANGES, DISABLED_TLS_VERSIONS, type DirectiveChange } from '../../src/knowledge/nginx-directives';
import { KongVersion } from '../../src/version/kong-version';

export interface DirectiveVerdict {
  change: DirectiveChange;
  /** The offending word for value checks (`TLSv1.1`, `http2`). */
  word?: string;
}

/** Every directive fact that applies to `name value` on the way to `target`. */
export function judgeDirective(name: string, words: readonly string[], target: KongVersion): DirectiveVerdict[] {
  const verdicts: DirectiveVerdict[] = [];
  for (const change of DIRECTIVE_CHANGES) {
    if (!change.directives.includes(name)) continue;
    const since = KongVersion.parse(change.introducedIn);
    switch (change.kind) {
      case 'obsolete':
        if (target.gte(since)) verdicts.push({ change });
        break;
      case 'unknown-before':
        if (target.lt(since)) verdicts.push({ change });
        break;
      case 'listen-flag':
        if (target.gte(since) && words.includes('http2')) verdicts.push({ change, word: 'http2' });
        break;
      case 'protocol-disabled': {
        const old = words.find((w) => DISABLED_TLS_VERSIONS.some((v) => v.toLowerCase() === w.toLowerCase()));
        if (target.gte(since) && old) verdicts.push({ change, word: old });
        break;
      }
    }
  }
  return verdicts;
}

/** Fills `{{directive}}` in a fact's reason. */
export function reasonFor(change: DirectiveChange, directive: string): string {
  return change.reason.replace('{{directive}}', directive);
}

/**
 * The fix a fact's `replacement` gives, as a sentence. Replacements are written as imperative
 * clauses (`use large_client_header_buffers ... instead`, `remove it`), so they read alone.
 */
export function remediationFor(change: DirectiveChange): { remediation: string } | Record<string, never> {
  const text = change.replacement;
  return text ? { remediation: `${text[0].toUpperCase()}${text.slice(1)}.` } : {};
}
