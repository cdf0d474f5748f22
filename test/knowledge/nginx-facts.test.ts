// Guards on the shipped nginx facts: generated data carries sources and no template text, and
// the hand-written change lists name versions, elements and sources that exist.

import fingerprints from '../../src/knowledge/nginx/fingerprints.json';
import elements from '../../src/knowledge/nginx/elements.json';
import { DIRECTIVE_CHANGES } from '../../src/knowledge/nginx-directives';
import { TEMPLATE_OBSOLETE, TEMPLATE_REQUIREMENTS } from '../../src/knowledge/nginx-template-changes';
import { stockVariants, stockElements } from '../../src/knowledge/nginx-templates';
import { KongVersion } from '../../src/version/kong-version';

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
      const previous = `${before.major}.${before.minor - 1}`;
      expect([req.id, req.anyOf.some((p) => present(req.introducedIn, p))]).toEqual([req.id, true]);
      // The first probe is the element itself: absent from the minor before it was introduced.
      const listed = !['lua', 'variable'].includes(req.anyOf[0].kind);
      if (before.minor > 0 && listed) expect([req.id, present(previous, req.anyOf[0])]).toEqual([req.id, false]);
    }
  });
});
