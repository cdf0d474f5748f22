import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deckMountedObjects, isDeckContainer } from '../../../src/inputs/declarative/deck-workloads';
import type { ManifestDocument } from '../../../src/inputs/declarative/manifest-documents';
import { runCli } from '../../support/cli';

const doc = (root: Record<string, unknown>, number = 1): ManifestDocument => ({ number, root, at: () => ({ kind: 'file', file: 'm.yaml', line: 1, column: 1 }) });

describe('isDeckContainer', () => {
  it.each([
    [{ image: 'kong/deck:v1.40.0' }],
    [{ image: 'docker.io/kong/deck@sha256:0123' }],
    [{ image: 'ghcr.io/acme/tools:1', command: ['/usr/local/bin/deck'], args: ['gateway', 'diff', 'kong.yaml'] }],
    [{ image: 'alpine', command: ['sh', '-c'], args: ['apk add curl && deck gateway sync /cfg/kong.yaml'] }],
    [{ image: 'alpine', args: ['sh', '-c', 'deck file validate /cfg/kong.yaml'] }],
  ])('runs decK: %j', (container) => expect(isDeckContainer(container)).toBe(true));

  it.each([
    [{ image: 'kong:3.4' }],
    [{ image: 'kong/kong-gateway:3.4.3.2', args: ['kong', 'start'] }],
    [{ image: 'acme/deck-builder:1' }],
    [{ image: 'alpine', args: ['sh', '-c', 'echo deck is not called here'] }],
    [{ image: 'busybox', args: ['sh', '-c', 'cat /cfg/deck.yaml'] }],
  ])('does not run decK: %j', (container) => expect(isDeckContainer(container)).toBe(false));
});

describe('deckMountedObjects', () => {
  const cronJob = {
    kind: 'CronJob', metadata: { name: 'nightly-sync' },
    spec: { jobTemplate: { spec: { template: { spec: {
      initContainers: [{ name: 'sync', image: 'kong/deck:v1.38', volumeMounts: [{ name: 'state' }] }],
      containers: [{ name: 'notify', image: 'curlimages/curl', volumeMounts: [{ name: 'other' }] }],
      volumes: [
        { name: 'state', projected: { sources: [{ configMap: { name: 'kong-state' } }, { secret: { name: 'kong-state-secret' } }] } },
        { name: 'other', secret: { secretName: 'webhook' } },
      ],
    } } } } },
  };

  it('names ConfigMaps and Secrets (projected ones included) that a decK container mounts, with the workload', () => {
    expect(deckMountedObjects([doc(cronJob)])).toEqual(new Map([
      ['ConfigMap/kong-state', 'CronJob nightly-sync'],
      ['Secret/kong-state-secret', 'CronJob nightly-sync'],
    ]));
  });

  it('leaves out an object a container that does not run decK also mounts, and volumes nobody mounts', () => {
    const pod = { kind: 'Pod', metadata: { name: 'kong' }, spec: {
      containers: [{ name: 'kong', image: 'kong:3.4', volumeMounts: [{ name: 'cfg' }] }],
      volumes: [{ name: 'cfg', configMap: { name: 'kong-state' } }, { name: 'unused', configMap: { name: 'spare' } }],
    } };
    expect(deckMountedObjects([doc(cronJob), doc(pod, 2)])).toEqual(new Map([['Secret/kong-state-secret', 'CronJob nightly-sync']]));
  });

  it('ignores objects that are no workloads and malformed specs', () => {
    expect(deckMountedObjects([doc({ kind: 'ConfigMap', data: {} }), doc({ kind: 'Job', spec: 'x' }), doc({ kind: 'Job', spec: { template: { spec: { containers: 'x', volumes: [null, 1] } } } })])).toEqual(new Map());
  });
});

describe('check: a ConfigMap that a decK Job mounts', () => {
  it('names decK as its reader in the inputs and holds a 1.1 file to what decK refuses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-deck-job-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kong-config\ndata:\n  kong.yml: |\n    _format_version: "1.1"\n    services: []\n');
    writeFileSync(join(dir, 'job.yaml'), 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: deck-sync\nspec:\n  template:\n    spec:\n      containers:\n      - {name: deck, image: "kong/deck:v1.40.0", args: [gateway, sync, /config/kong.yml], volumeMounts: [{name: config, mountPath: /config}]}\n      volumes:\n      - {name: config, configMap: {name: kong-config}}\n');
    const result = await runCli(['check', '--declarative', '.', '--from', '2.8.4', '--to', '3.4', '--no-db', '--no-config', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout);
    expect(report.installation.inputs).toEqual(expect.arrayContaining([expect.objectContaining({ label: '`data.kong.yml` of ConfigMap kong-config in cm.yaml (read by decK in Job deck-sync)' })]));
    const formatFindings = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'declarative/format-version');
    expect(formatFindings).toEqual([expect.objectContaining({ messageId: 'deckRefuses', severity: 'blocker', location: expect.objectContaining({ file: 'cm.yaml', line: 7 }) })]);
    expect(result.code).toBe(1);
  });
});
