// The breaking-change catalogue and the platform facts: well-formed, sourced, and tied to rules.

import { builtinRules } from '../../rules';
import { defineRule } from '../../src/engine/define-rule';
import { RuleRegistry } from '../../src/engine/registry';
import { BREAKING_CHANGES, entryApplies } from '../../src/knowledge/breaking-changes';
import additions from '../../src/knowledge/breaking-changes/additions.json';
import generatedCatalog from '../../src/knowledge/breaking-changes/catalog.json';
import { HELM_CHART } from '../../src/knowledge/platform/helm-chart';
import { flavourAvailable } from '../../src/knowledge/platform/image-availability';
import { KONG_IMAGES } from '../../src/knowledge/platform/images';
import { findListing, OS_DROPS, osSupportMinors, parseEol } from '../../src/knowledge/platform/os-support';
import ossFixes from '../../src/knowledge/breaking-changes/oss-fixes.json';
import { minorInfo } from '../../src/knowledge/releases';
import { freezeStepsFor } from '../../src/knowledge/upgrade-checklist';
import { KongVersion } from '../../src/version/kong-version';

describe('breaking-change catalogue', () => {
  it('has unique ids and complete, sourced entries', () => {
    const ids = BREAKING_CHANGES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of BREAKING_CHANGES) {
      expect(KongVersion.tryParse(entry.introducedIn)).toBeDefined();
      for (const fix of entry.fixedIn ?? []) expect(KongVersion.parse(fix).gt(KongVersion.parse(entry.introducedIn))).toBe(true);
      expect(['blocker', 'warning', 'info']).toContain(entry.severity);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.remediation.length).toBeGreaterThan(0);
      expect(entry.docsUrl).toMatch(/^https:\/\//);
      expect(entry.sources.length).toBeGreaterThan(1);
    }
  });

  it('limits a known issue to targets before its fix in the same line', () => {
    const entry = BREAKING_CHANGES.find((e) => e.id === 'known-issue-incremental-sync-stream')!;
    const plan = (to: string) => ({ from: KongVersion.parse('3.4.3.12'), to: KongVersion.parse(to), edition: 'enterprise' as const });
    expect(entryApplies(entry, plan('3.10.0.3'))).toBe(true);
    expect(entryApplies(entry, plan('3.10.0.6'))).toBe(false);
    expect(entryApplies(entry, plan('3.11.0.2'))).toBe(true);
    expect(entryApplies(entry, plan('3.12.0.0'))).toBe(false);
  });

  it('limits the 3.10.0.0/3.10.0.1 connection pooling regression to those two targets', () => {
    const entry = BREAKING_CHANGES.find((e) => e.id === 'known-issue-3-10-connection-pool-regression')!;
    const plan = (to: string) => ({ from: KongVersion.parse('3.4.3.12'), to: KongVersion.parse(to), edition: 'enterprise' as const });
    expect(entryApplies(entry, plan('3.10.0.1'))).toBe(true);
    expect(entryApplies(entry, plan('3.10.0.2'))).toBe(false);
    expect(entryApplies(entry, plan('3.14.0.13'))).toBe(false);
  });

  // additions.json adds what the digest lacks; it must not shadow or repeat a digest entry.
  it('keeps the hand-curated additions apart from the generated entries, each with a source of its own', () => {
    const generated = new Set(generatedCatalog.entries.map((e) => e.id));
    for (const entry of additions.entries) {
      expect(generated.has(entry.id)).toBe(false);
      expect(entry.sources.every((s) => s.kind !== 'digest')).toBe(true);
    }
    for (const id of Object.keys(additions.backports)) expect(generated.has(id)).toBe(true);
    for (const [id, scope] of Object.entries(additions.roles)) {
      expect(generated.has(id)).toBe(true);
      expect(scope.roles.length).toBeGreaterThan(0);
      expect(scope.sources.length).toBeGreaterThan(0);
    }
  });

  it('lets a backported change reach an Enterprise target on the backport\'s line, not a source that carries it', () => {
    const entry = BREAKING_CHANGES.find((e) => e.id === 'plugin-service-protection-priority')!;
    const plan = (from: string, to: string, edition: 'enterprise' | 'oss' = 'enterprise') => ({ from: KongVersion.parse(from), to: KongVersion.parse(to), edition });
    expect(entryApplies(entry, plan('3.9.1.0', '3.12.0.11'))).toBe(true);
    expect(entryApplies(entry, plan('3.9.1.0', '3.12.0.5'))).toBe(false);
    expect(entryApplies(entry, plan('3.12.0.6', '3.14.0.13'))).toBe(false);
    expect(entryApplies(entry, plan('3.10.0.3', '3.14.0.13'))).toBe(true);
  });

  // OSS 3.6.1 carries the read_body revert (Kong/kong changelog/3.6.1/3.6.1.md, #12666); Enterprise
  // waited for 3.6.1.1. An OSS 3.6.1 target listed the issue as still open.
  it('counts a known issue\'s open-source fix on OSS, and the Enterprise one on Enterprise', () => {
    const entry = BREAKING_CHANGES.find((e) => e.id === 'known-issue-3-6-http2-body-content-length')!;
    const plan = (to: string, edition: 'oss' | 'enterprise') => ({ from: KongVersion.parse(edition === 'oss' ? '3.5.0' : '3.5.0.0'), to: KongVersion.parse(to), edition });
    expect(entryApplies(entry, plan('3.6.0', 'oss'))).toBe(true);
    expect(entryApplies(entry, plan('3.6.1', 'oss'))).toBe(false);
    expect(entryApplies(entry, plan('3.6.1.0', 'enterprise'))).toBe(true);
    expect(entryApplies(entry, plan('3.6.1.1', 'enterprise'))).toBe(false);
  });

  it('names open-source fixes only for known issues of the catalogue, as released OSS versions, with sources', () => {
    // An id that matches no entry would be dropped without a word.
    expect(BREAKING_CHANGES.filter((e) => e.ossFixedIn).map((e) => e.id).sort()).toEqual(ossFixes.entries.map((f) => f.id).sort());
    for (const entry of BREAKING_CHANGES.filter((e) => e.ossFixedIn)) {
      expect(entry.fixedIn).toBeDefined();
      for (const fix of entry.ossFixedIn!) expect(minorInfo(fix)?.oss.map((p) => p.version)).toContain(fix);
      expect(entry.sources.some((s) => s.ref.startsWith('Kong/kong:'))).toBe(true);
    }
  });

  it('every catalogue id a built-in rule names exists, and an unknown one is refused', () => {
    expect(() => new RuleRegistry(builtinRules)).not.toThrow();
    const bogus = defineRule<'x'>({
      id: 'test/bogus', description: 'Tests.', severity: 'info', inputs: [], messages: { x: 'x' }, remediation: 'r',
      docsUrl: 'https://example.com', sources: [{ kind: 'docs', ref: 'x' }], catalog: ['no-such-change'], check() {},
    });
    expect(() => new RuleRegistry([bogus])).toThrow(/unknown breaking change "no-such-change"/);
  });

  it('every platform entry is implemented by a rule or reviewed by hand on purpose', () => {
    const implemented = new Set(builtinRules.flatMap((r) => r.meta.catalog ?? []));
    const byHand = ['platform-bintray-repositories-retired', 'platform-openresty-1-21-4-required', 'known-issue-3-6-0-fd-limit',
      'known-issue-3-6-http2-body-content-length', 'proxy-duplicate-length-headers-502', 'platform-logrotate-config-preserved', 'platform-bundled-curl-removed',
      'known-issue-3-10-connection-pool-regression', 'known-issue-arm64-brotli-missing', 'known-issue-3-15-distroless-image'];
    for (const entry of BREAKING_CHANGES.filter((e) => e.artifact === 'platform')) {
      expect([entry.id, implemented.has(entry.id) || byHand.includes(entry.id)]).toEqual([entry.id, true]);
    }
  });
});

describe('platform-scoped changes', () => {
  it('name catalogue entries about the platform, with sources', async () => {
    const { PLATFORM_SCOPED_CHANGES } = await import('../../src/knowledge/platform/platform-scoped-changes');
    for (const change of PLATFORM_SCOPED_CHANGES) {
      expect([change.id, BREAKING_CHANGES.find((e) => e.id === change.id)?.artifact]).toEqual([change.id, 'platform']);
      expect(change.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('platform facts', () => {
  it('covers 2.8 to 3.15 in the support tables', () => {
    expect(osSupportMinors()).toEqual(expect.arrayContaining(['2.8', '3.4', '3.10', '3.14', '3.15']));
  });

  it('matches table versions the way hosts report them', () => {
    expect(findListing('3.4', 'RHEL', '9')?.version).toBe('9.x');
    expect(findListing('3.4', 'Ubuntu', '22.04')?.package).toBe(true);
    expect(findListing('3.4', 'Ubuntu', '20.04')).toMatchObject({ listedOnlyInOldDocs: true, package: false });
    expect(findListing('3.4', 'CentOS', '7')).toBeUndefined();
  });

  it('knows which image flavours each minor publishes', () => {
    const flavour = (suffix: string) => KONG_IMAGES.flavours.find((f) => f.suffix === suffix)!;
    expect(flavourAvailable('3.3', flavour('alpine'))).toBe(true);
    expect(flavourAvailable('3.4', flavour('alpine'))).toBe(false);
    expect(flavourAvailable('3.4', flavour('rhel'))).toBe(true);
    expect(flavourAvailable('3.15', flavour('amazonlinux-2'))).toBe(false);
    expect(flavourAvailable('3.12', flavour('distroless'))).toBe(true);
  });

  it('names a catalogue entry for every distribution drop', () => {
    const ids = new Set(BREAKING_CHANGES.map((e) => e.id));
    for (const drop of OS_DROPS) expect(ids.has(drop.catalog)).toBe(true);
  });

  it('reads the tables\' end dates', () => {
    expect(parseEol('2026-06-30')?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(parseEol('April 2025')?.toISOString()).toBe('2025-04-30T00:00:00.000Z');
    expect(parseEol('Sept 2025')?.toISOString()).toBe('2025-09-30T00:00:00.000Z');
    expect(parseEol('soon')).toBeUndefined();
  });

  // golang/go@1ed85ee2 src/text/template/exec.go: func isTrue at line 324, its String case at 330-331.
  it('cites Go\'s template truth at a commit and a line', () => {
    expect(HELM_CHART.templateTruth.ref).toMatch(/^golang\/go@[0-9a-f]{7,40}:src\/text\/template\/exec\.go:\d+$/);
    expect(HELM_CHART.templateTruth.note).toMatch(/isTrue/);
  });
});

describe('freeze steps', () => {
  // A controller-only release (Plan.gatewayElsewhere): the controller writes to the driven
  // gateway's database through its Admin API (developer.konghq.com kubernetes-ingress-controller
  // architecture.md@bc1cd742), so the steps name it and not "every node of a traditional cluster".
  it('names the driven gateway and its controller for a controller-only release', () => {
    const steps = freezeStepsFor({ role: 'traditional', gatewayElsewhere: 'deployment.kong.enabled is false at values.yaml:6' });
    expect(steps).toMatch(/runs only the ingress controller/);
    expect(steps).toMatch(/Kubernetes resources/);
    expect(steps).not.toMatch(/traditional/);
    expect(freezeStepsFor({ role: 'traditional' })).toMatch(/^Every node of a traditional cluster/);
    expect(freezeStepsFor({ role: 'control_plane' })).toMatch(/^In hybrid mode/);
  });
});
