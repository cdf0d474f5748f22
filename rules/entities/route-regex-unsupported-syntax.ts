// Flags route regexes the 3.x target refuses: any that does not compile (every 3.x compiles a
// `~` path with PCRE before storing or loading it), and, under the atc router flavors, PCRE
// syntax the Rust regex engine rejects (look-around, backreferences, atomic groups, \K, \Z and
// other PCRE-only escapes, literal `{`, comments, verbs...), as the target's regex-syntax does:
// some escapes are refused to 3.3 (0.6) or 3.5 (0.7) only. From 2.x the whole 3.0 change applies;
// from 3.0.x/3.1.x the routes schema's own atc validation (3.2 for traditional_compatible, 3.4 for
// expressions) is the change.

import { defineRule } from '../../src/engine/define-rule';
import { entityLabel, fromDatabase } from '../../src/engine/entity-facts';
import { ROUTE_PATH_FACTS as FACTS } from '../../src/knowledge/entities/route-paths';
import { BREAKING_CHANGES_PAGE } from '../../src/knowledge/entities/sources';
import type { Entity, FieldPath } from '../../src/model/entities';
import { isRegexIn2x } from '../../src/knowledge/entities/route-path-migration';
import { ATC_REGEX_FACTS } from '../../src/knowledge/entities/atc-regex';
import { atcRefusals } from './atc-regex-utils';
import { ownValue } from '../../src/own-key';

/**
 * A pattern without brackets or alternation can only fail to compile (JavaScript, no `u` flag)
 * through a quantifier with nothing to repeat or a trailing backslash: most regex paths
 * (`/items/\d+$`) skip the compile. Over-matching only costs a compile.
 */
const MAY_NOT_COMPILE = /[()[\]{}|]|(?:^|[\^$]|\\[bB])[*+?]|[*+?][*+]|[*+?]\?[*+?]|\\$/;

/**
 * Why `pattern` does not compile, when that is decidable without PCRE itself: JavaScript's
 * RegExp refuses it and it holds no syntax only PCRE knows (for those, the compile says nothing).
 */
function compileError(pattern: string): string | undefined {
  if (!MAY_NOT_COMPILE.test(pattern)) return undefined;
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    if (FACTS.pcreOnlySyntax.test(pattern)) return undefined;
    return (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '').toLowerCase();
  }
}

type MessageId = 'invalid' | 'unsupported' | 'unsupportedFrom3x' | 'storedUnsupported' | 'storedUnsupportedHybrid';

export default defineRule<MessageId>({
  id: 'entities/route-regex-unsupported-syntax',
  description: 'Reports route regexes the 3.x target refuses: ones that do not compile, and constructs the atc router (Rust regex) rejects.',
  severity: 'blocker',
  catalog: ['router-atc-regex-unsupported-syntax'],
  inputs: ['entities'],
  versionData: ['since'],
  // From 2.x the 3.0 router change; from 3.0.x/3.1.x the schema's atc validation (3.2 or 3.4).
  messages: {
    invalid: '{{entity}}: regex `{{pattern}}` does not compile ({{reason}}): Kong validates regex paths with PCRE (every 3.x for a `~` path, as 2.x did for its regexes) and refuses this one, so a file holding it does not load or sync.',
    unsupported: '{{entity}}: regex `{{pattern}}` uses {{construct}}, which the {{flavor}} router (Rust regex) rejects.',
    unsupportedFrom3x: '{{entity}}: regex `{{pattern}}` uses {{construct}}, which Rust regex rejects: the {{flavor}} router before {{since}} leaves this route out (it never matches), and from {{since}} the routes schema refuses it, so loading or syncing this file fails.',
    storedUnsupported: '{{entity}}: stored regex `{{pattern}}` uses {{construct}}, which Rust regex rejects: the {{flavor}} router leaves this route out before and after the upgrade, and from {{since}} any Admin API or decK write of the route is refused.',
    storedUnsupportedHybrid: '{{entity}}: stored regex `{{pattern}}` uses {{construct}}, which Rust regex rejects: from {{since}} the routes schema refuses it, and data planes refuse the whole configuration the control plane sends with it.',
  },
  remediation: 'Rewrite the regex so it compiles, and without look-around or backreferences (split the route, or match more broadly and filter in a plugin); spell PCRE-only syntax the Rust way (`\\z` for `\\Z`, `\\{` for a literal brace, `\\x1B` for `\\e`, no needless escapes before 3.4); or run router_flavor = traditional for the Rust-only limits.',
  docsUrl: BREAKING_CHANGES_PAGE,
  sources: [...FACTS.sources, ...ATC_REGEX_FACTS.sources],
  check(ctx) {
    const flavor = ctx.optionalInput('kongConf')?.get('router_flavor')?.value ?? 'traditional_compatible';
    const atc = flavor !== FACTS.traditionalFlavor;
    const from2x = ctx.crosses(FACTS.routerChangeIn);
    // A 3.0.x/3.1.x source: its regexes already compile with PCRE; only the schema's atc check is new.
    const atcSince = ownValue(FACTS.atcValidatedIn, flavor);
    const from3x = !from2x && atcSince !== undefined && ctx.crosses(atcSince);
    if (!from2x && !from3x) return;
    const report3x = (entity: Entity, pattern: string, construct: string, path: FieldPath) => {
      const data = { entity: entityLabel(entity), pattern, construct, flavor, since: atcSince! };
      const at = entity.at(path);
      if (!fromDatabase(entity)) ctx.report({ messageId: 'unsupportedFrom3x', since: atcSince, at, data });
      else if (ctx.plan.topology === 'hybrid') ctx.report({ messageId: 'storedUnsupportedHybrid', since: atcSince, at, data });
      else ctx.report({ messageId: 'storedUnsupported', severity: 'warning', since: atcSince, at, data });
    };
    const since = FACTS.routerChangeIn;
    // The first construct the target's Rust regex refuses; some are accepted from a later 3.x.
    const refusedConstruct = (pattern: string, header: boolean): string | undefined => {
      for (const refusal of atcRefusals(pattern, header)) {
        if (!refusal.acceptedFrom) return refusal.name;
        if (!ctx.crosses(refusal.acceptedFrom)) return `${refusal.name} (accepted from ${refusal.acceptedFrom})`;
      }
      return undefined;
    };
    return {
      route(entity) {
        const check = (pattern: string, path: FieldPath, isPath: boolean) => {
          if (from2x && isPath) {
            const reason = compileError(pattern);
            if (reason) {
              ctx.report({ messageId: 'invalid', since, at: entity.at(path), data: { entity: entityLabel(entity), pattern, reason } });
              return;
            }
          }
          if (!atc) return;
          const found = refusedConstruct(pattern, !isPath);
          if (!found) return;
          if (from3x) report3x(entity, pattern, found, path);
          else ctx.report({ messageId: 'unsupported', since, at: entity.at(path), data: { entity: entityLabel(entity), pattern, flavor, construct: found } });
        };
        const paths = entity.fields.paths;
        if (Array.isArray(paths)) {
          for (let index = 0; index < paths.length; index++) {
            const path: unknown = paths[index];
            if (typeof path !== 'string') continue;
            // Plain paths are never compiled: most paths stop at these two tests.
            if (path.startsWith('~')) check(path.slice(1), ['paths', index], true);
            else if (from2x && isRegexIn2x(path)) check(path, ['paths', index], true);
          }
        }
        const headers = entity.fields.headers;
        if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
          for (const [name, values] of Object.entries(headers)) {
            if (!Array.isArray(values)) continue;
            values.forEach((value, index) => {
              if (typeof value === 'string' && value.startsWith('~*')) check(value.slice(2), ['headers', name, index], false);
            });
          }
        }
      },
    };
  },
});
