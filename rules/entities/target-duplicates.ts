// Flags upstream targets listed twice: the 3.0 migration keeps only the newest row (maybe not the
// intended weight), and 3.x refuses duplicates in declarative files.

import { defineRule } from '../../src/engine/define-rule';
import { digest } from '../../src/knowledge/entities/sources';
import type { Entity } from '../../src/model/entities';

export default defineRule<'duplicate'>({
  id: 'entities/target-duplicates',
  description: 'Reports targets that appear twice for the same upstream.',
  severity: 'warning',
  catalog: ['database-duplicate-targets-pruned'],
  inputs: ['entities'],
  gate: { introducedIn: '3.0.0' },
  messages: {
    duplicate: 'target {{target}} of upstream {{upstream}} appears again (first at {{first}}); 3.0 keeps only one of them.',
  },
  remediation: 'Keep one target per address and upstream, with the intended weight.',
  docsUrl: 'https://developer.konghq.com/gateway/entities/target/',
  sources: [digest('database-duplicate-targets-pruned')],
  check(ctx) {
    const seen = new Map<string, Entity>();
    return {
      target(entity) {
        const upstream = upstreamOf(entity);
        const target = typeof entity.fields.target === 'string' ? entity.fields.target : undefined;
        if (!upstream || !target) return;
        const key = `${upstream}\u0000${target}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, entity);
          return;
        }
        const origin = first.at(['target']);
        const where = origin.kind === 'file' ? `${origin.file}:${origin.line}` : origin.kind === 'db' ? `${origin.table} row ${origin.id ?? ''}` : origin.kind;
        ctx.report({ messageId: 'duplicate', at: entity.at(['target']), data: { target, upstream, first: where } });
      },
    };
  },
});

/** The upstream a target belongs to, by id or name (nested, `upstream: name` or `{ id }`). */
function upstreamOf(entity: Entity): string | undefined {
  const ref = entity.parents?.upstream;
  return ref?.name ?? ref?.id;
}
