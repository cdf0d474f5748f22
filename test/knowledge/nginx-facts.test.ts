// Guards on the shipped nginx facts: generated data carries sources and no template text, and
// the hand-written change lists name versions, elements and sources that exist.

import fingerprints from '../../src/knowledge/nginx/fingerprints.json';
import elements from '../../src/knowledge/nginx/elements.json';
import { DIRECTIVE_CHANGES } from '../../src/knowledge/nginx-directives';
import { TEMPLATE_OBSOLETE, TEMPLATE_REQUIREMENTS } from '../../src/knowledge/nginx-template-changes';
import { stockVariants, stockElements } from '../../src/knowledge/nginx-templates';
import { KongVersion } from '../../src/version/kong-version';
import { lineHash } from '../../src/inputs/nginx/normalize';

describe('generated nginx facts', () => {
  it('fingerprints hold hashes and release tags only, with their sources', () => {
    expect(fingerprints.sources.length).toBeGreaterThan(0);
    expect(fingerprints.hashes.every((h) => /^[0-9a-f]{16}$/.test(h))).toBe(true);
    for (const v of fingerprints.variants) {
      expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(v.tags.every((t) => /^\d+\.\d+\.\d+$/.test(t))).toBe(true);
      expect(v.lines.every((i) => Number.isInteger(i) && i >= 0 && i < fingerprints.hashes.length)).toBe(true);
    }
  });

  it('covers every file kind from 2.0 to 3.9', () => {
    const files = new Set(stockVariants().map((v) => v.file));
    expect([...files].sort()).toEqual(['inlined', 'nginx.lua', 'nginx_inject.lua', 'nginx_kong.lua', 'nginx_kong_gui_include.lua', 'nginx_kong_inject.lua', 'nginx_kong_stream.lua', 'nginx_kong_stream_inject.lua']);
    const tags = stockVariants().flatMap((v) => v.tags);
    expect(tags).toEqual(expect.arrayContaining(['2.0.0', '2.8.5', '3.4.2', '3.9.3']));
  });

  it('element lists carry no multi-line text and name their sources', () => {
    expect(elements.sources.length).toBeGreaterThan(0);
    const strings: string[] = [];
    const walk = (x: unknown): void => {
      if (typeof x === 'string') strings.push(x);
      else if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') Object.values(x).forEach(walk);
    };
    walk(elements.versions);
    expect(strings.filter((s) => s.includes('\n'))).toEqual([]);
    expect(stockElements(KongVersion.parse('3.4.2'))!.requiredDicts).toContain('kong_secrets');
    expect(stockElements(KongVersion.parse('3.3.1'))!.requiredDicts).not.toContain('kong_secrets');
    expect(stockElements(KongVersion.parse('1.5.0'))).toBeUndefined();
  });
});

describe('hand-written nginx change facts', () => {
  const all = [...TEMPLATE_REQUIREMENTS, ...TEMPLATE_OBSOLETE, ...DIRECTIVE_CHANGES];

  it('have unique ids, parsable versions and at least one source each', () => {
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
    for (const fact of all) {
      expect(KongVersion.tryParse(fact.introducedIn)).toBeDefined();
      expect(fact.sources.length).toBeGreaterThan(0);
    }
  });

  it('a requirement is covered only by one listed before it (the rule reports in list order)', () => {
    for (const [index, req] of TEMPLATE_REQUIREMENTS.entries()) {
      if (!req.coveredBy) continue;
      const coveringIndex = TEMPLATE_REQUIREMENTS.findIndex((r) => r.id === req.coveredBy);
      expect([req.id, coveringIndex >= 0 && coveringIndex < index]).toEqual([req.id, true]);
    }
  });

  it('required elements agree with the stock element lists of the version that introduced them', () => {
    const present = (version: string, probe: (typeof TEMPLATE_REQUIREMENTS)[number]['anyOf'][number]): boolean => {
      const files = Object.values(stockElements(KongVersion.parse(version))!.files);
      return files.some((f) => {
        switch (probe.kind) {
          case 'dict': return f!.dicts.some((d) => d.name === probe.name);
          case 'server': return f!.servers.some((s) => s.name === probe.name);
          case 'include': return f!.includes.some((i) => i.target === probe.target);
          case 'handler': return f!.handlers.some((h) => h.calls.includes(probe.name));
          case 'directive': return Object.values(f!.directives).some((names) => names.includes(probe.name));
          case 'placeholder': return f!.placeholders.includes(probe.name);
          default: return true; // lua text is not in the element lists
        }
      });
    };
    for (const req of TEMPLATE_REQUIREMENTS) {
      const before = KongVersion.parse(req.introducedIn);
      // Element lists start at 2.0; older facts are checked against the fingerprints below.
      if (before.major < 2) continue;
      const previous = `${before.major}.${before.minor - 1}`;
      expect([req.id, req.anyOf.some((p) => present(req.introducedIn, p))]).toEqual([req.id, true]);
      // The first probe is the element itself: absent from the minor before it was introduced.
      const listed = !['lua', 'variable'].includes(req.anyOf[0].kind);
      if (before.minor > 0 && listed) expect([req.id, present(previous, req.anyOf[0])]).toEqual([req.id, false]);
    }
  });

  it('variables required before 2.0 appear in the stock nginx_kong.lua from the release that introduced them', () => {
    // The line each stock template has, as the fingerprints hash it (normalised text).
    const stockLine: Record<string, string> = { upstream_te: "set $upstream_te '';", kong_proxy_mode: "set $kong_proxy_mode 'http';" };
    const has = (tag: string, hash: string): boolean => {
      const variant = stockVariants().find((v) => v.file === 'nginx_kong.lua' && v.tags.includes(tag));
      expect([tag, variant !== undefined]).toEqual([tag, true]);
      return variant!.lines.includes(hash);
    };
    const older = TEMPLATE_REQUIREMENTS.filter((r) => KongVersion.parse(r.introducedIn).major < 2);
    expect(older.map((r) => r.id).sort()).toEqual(['nginx.variable.kong-proxy-mode', 'nginx.variable.upstream-te']);
    for (const req of older) {
      const probe = req.anyOf[0];
      if (probe.kind !== 'variable') throw new Error(`${req.id}: expected a variable probe`);
      const hash = lineHash(stockLine[probe.name]);
      // Present at the introducing release and at 1.5.1 (latest 1.x), absent from the last patch before it.
      const v = KongVersion.parse(req.introducedIn);
      const lastBefore = stockVariants().filter((x) => x.file === 'nginx_kong.lua').flatMap((x) => x.tags)
        .map((t) => KongVersion.parse(t)).filter((t) => t.lt(v)).sort((a, b) => a.compare(b)).pop()!.toString();
      expect([req.id, has(req.introducedIn, hash), has('1.5.1', hash), has(lastBefore, hash)]).toEqual([req.id, true, true, false]);
    }
  });

  it('the 0.x lowercase handler global is in stock templates up to 0.13 and gone from 0.14', () => {
    const fact = TEMPLATE_OBSOLETE.find((f) => f.id === 'nginx.lowercase-kong-global')!;
    expect(fact.introducedIn).toBe('0.14.0');
    const kongFile = (tag: string) => stockVariants().find((v) => v.file === 'nginx_kong.lua' && v.tags.includes(tag))!.lines;
    expect(kongFile('0.13.1')).toContain(lineHash('kong.init()'));
    expect(kongFile('0.14.0')).not.toContain(lineHash('kong.init()'));
    expect(kongFile('0.14.0')).toContain(lineHash('Kong.init()'));
  });
});
