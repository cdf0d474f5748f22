// Configured ignores hide findings while they are valid; past `expires` they hide nothing and
// are reported as meta/expired-ignore at their line in .kong-preflight.yml.

import { checkJson } from '../../support/check-json';

const ARGS = ['--from', '2.8', '--to', '3.4', '--edition', 'oss'];
const CONF = 'database = cassandra\n';
const config = (expires: string) => [
  'rules:',
  '  backup/backup-evidence: off',
  'ignores:',
  '  - rule: conf/cassandra-removed',
  '    reason: "migration to PostgreSQL is scheduled (OPS-77)"',
  `    expires: "${expires}"`,
  '',
].join('\n');

describe('meta/expired-ignore', () => {
  it('an ignore before its expiry hides the finding', async () => {
    const { code, findings, suppressed, report } = await checkJson({ 'kong.conf': CONF, '.kong-preflight.yml': config('2026-12-31') }, ARGS, { now: new Date('2026-11-21T12:00:00Z') });
    expect(code).toBe(0);
    expect(findings.filter((f) => f.ruleId.startsWith('meta/') || f.ruleId === 'conf/cassandra-removed')).toEqual([]);
    expect(suppressed[0]).toMatchObject({ ruleId: 'conf/cassandra-removed', suppression: { kind: 'config', expires: '2026-12-31', reason: 'migration to PostgreSQL is scheduled (OPS-77)' } });
    expect(report.summary.suppressed.config).toBe(1);
  });

  it('on its expiry day it still holds; the day after, the finding is back with a meta finding at the entry', async () => {
    const onDay = await checkJson({ 'kong.conf': CONF, '.kong-preflight.yml': config('2026-11-21') }, ARGS, { now: new Date('2026-11-21T23:00:00Z') });
    expect(onDay.code).toBe(0);
    const after = await checkJson({ 'kong.conf': CONF, '.kong-preflight.yml': config('2026-11-20') }, ARGS, { now: new Date('2026-11-21T12:00:00Z') });
    expect(after.code).toBe(1);
    expect(after.findings.some((f) => f.ruleId === 'conf/cassandra-removed')).toBe(true);
    const expired = after.findings.find((f) => f.ruleId === 'meta/expired-ignore')!;
    expect(expired.message).toContain('expired on 2026-11-20');
    expect(expired.location).toMatchObject({ line: 4 });
    expect(expired.location.file).toMatch(/\.kong-preflight\.yml$/);
  });

  it('paths select the files an ignore covers', async () => {
    const cfg = 'ignores:\n  - rule: conf/*\n    paths: ["*.conf"]\n    reason: "all kong.conf files here"\n';
    const { findings, suppressed } = await checkJson({ 'kong.conf': CONF, '.kong-preflight.yml': cfg }, ARGS);
    expect(findings.some((f) => f.ruleId === 'conf/cassandra-removed')).toBe(false);
    expect(suppressed.some((f) => f.ruleId === 'conf/cassandra-removed')).toBe(true);
  });

  it('paths limit an ignore to matching files', async () => {
    const cfg = 'ignores:\n  - rule: conf/*\n    paths: ["other/**"]\n    reason: "only the other gateway"\n';
    const { findings } = await checkJson({ 'kong.conf': CONF, '.kong-preflight.yml': cfg }, ARGS);
    expect(findings.some((f) => f.ruleId === 'conf/cassandra-removed')).toBe(true);
  });
});
