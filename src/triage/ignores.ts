// Applies the `ignores` of .kong-preflight.yml: each entry hides the findings of one rule (or of
// an area, `conf/*`), optionally only in some files, and must say why. An entry past its
// `expires` date hides nothing and becomes a meta/expired-ignore finding at its line.

import { relative, resolve, sep } from 'node:path';
import expiredIgnore from '../../rules/meta/expired-ignore';
import { asList, type LoadedConfig } from '../config/types';
import type { Finding } from '../model/finding';
import { fileOrigin } from '../model/origin';
import type { SuppressedFinding } from '../report/report';
import { metaFinding, type MetaPolicy } from './meta-findings';

export interface IgnoreResult {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  meta: Finding[];
}

export function applyConfigIgnores(findings: readonly Finding[], loaded: LoadedConfig | undefined, now: Date, policy: MetaPolicy): IgnoreResult {
  const entries = loaded?.config.ignores ?? [];
  if (!loaded || entries.length === 0) return { kept: [...findings], suppressed: [], meta: [] };
  const today = now.toISOString().slice(0, 10);
  const meta: Finding[] = [];
  const active = entries.flatMap((entry, index) => {
    if (entry.expires && entry.expires < today) {
      const line = loaded.lineOf(['ignores', index]) ?? 1;
      const f = metaFinding(expiredIgnore, 'expired', fileOrigin(loaded.file, line), { rule: entry.rule, expires: entry.expires, reason: entry.reason }, policy);
      if (f) meta.push(f);
      return [];
    }
    const globs = asList(entry.paths).map(globToRegExp);
    return [{ entry, index, globs }];
  });

  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const hit = active.find(({ entry, globs }) => ruleMatches(entry.rule, f.ruleId) && pathMatches(globs, f, loaded.dir));
    if (!hit) {
      kept.push(f);
      continue;
    }
    suppressed.push({
      ...f,
      suppression: {
        kind: 'config',
        reason: hit.entry.reason,
        source: `${loaded.file} ignores[${hit.index}]`,
        ...(hit.entry.expires ? { expires: hit.entry.expires } : {}),
      },
    });
  }
  return { kept, suppressed, meta };
}

function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern.endsWith('/*') ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;
}

/** No globs: every finding. With globs: only findings in a file that matches one. */
function pathMatches(globs: RegExp[], f: Finding, dir: string): boolean {
  if (globs.length === 0) return true;
  if (f.location.kind !== 'file') return false;
  const rel = relative(dir, resolve(f.location.file)).split(sep).join('/');
  return globs.some((g) => g.test(rel));
}

/** `**` any folders, `*` within one folder, `?` one character; anchored at the config folder. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      out += g[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += g[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
