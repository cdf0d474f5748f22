// The baseline: --update-baseline records today's findings; afterwards only new findings fail,
// and the report counts what the baseline hid. Matching is by fingerprint, so moved lines match.

import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { REPO_ROOT, runCli } from '../support/cli';
import { tempDir } from '../support/temp';

const ARGS = ['--from', '2.8', '--to', '3.4', '--edition', 'oss', '--format', 'json'];

async function check(dir: string, extra: string[]) {
  const result = await runCli(['check', join(dir, 'kong.conf'), ...ARGS, ...extra], { cwd: dir });
  return { ...result, report: result.code === 2 ? undefined : JSON.parse(result.stdout) };
}

describe('baseline', () => {
  it('records findings, then fails only on new ones and counts the hidden ones', async () => {
    const dir = tempDir({ 'kong.conf': 'database = cassandra\n' });
    const first = await check(dir, ['--baseline', 'baseline.json', '--update-baseline']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/wrote \d+ finding\(s\) to the baseline baseline\.json/);
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8'));
    expect(baseline).toMatchObject({ tool: 'kong-preflight', version: 1 });
    expect(baseline.findings.some((e: { ruleId: string }) => e.ruleId === 'conf/cassandra-removed')).toBe(true);
    const recorded = baseline.findings.length;

    // Lines inserted above: same findings, still hidden.
    writeFileSync(join(dir, 'kong.conf'), '# moved down\n\ndatabase = cassandra\n');
    const same = await check(dir, ['--baseline', 'baseline.json']);
    expect(same.code).toBe(0);
    expect(same.report.findings).toEqual([]);
    expect(same.report.summary.suppressed.baseline).toBe(recorded);
    expect(same.report.suppressed.every((f: { suppression: { kind: string } }) => f.suppression.kind === 'baseline')).toBe(true);
    // The extended report (suppressed, fingerprints, summary.suppressed) still follows the schema.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/report.schema.json'), 'utf8')));
    expect(validate(same.report) ? [] : validate.errors).toEqual([]);
    const text = await runCli(['check', join(dir, 'kong.conf'), '--from', '2.8', '--to', '3.4', '--edition', 'oss', '--baseline', 'baseline.json'], { cwd: dir });
    expect(text.stdout).toMatch(new RegExp(`not counted: ${recorded} in baseline, 0 suppressed inline, 0 ignored by configuration`));

    // A new blocker is not in the baseline: it fails the run.
    writeFileSync(join(dir, 'kong.conf'), '# moved down\n\ndatabase = cassandra\npg_ssl_version = tlsv1\n');
    const newer = await check(dir, ['--baseline', 'baseline.json', '--edition', 'enterprise']);
    expect(newer.report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('conf/pg-ssl-version-enum');
    expect(newer.code).toBe(1);
    expect(newer.report.findings.some((f: { ruleId: string }) => f.ruleId === 'conf/cassandra-removed')).toBe(false);
  });

  it('without the baseline the same installation fails', async () => {
    const dir = tempDir({ 'kong.conf': 'database = cassandra\n' });
    expect((await check(dir, [])).code).toBe(1);
  });

  it('each baseline entry hides one finding: a second identical finding is new', async () => {
    const dir = tempDir({ 'kong.conf': 'cassandra_port = 9042\n' });
    await check(dir, ['--baseline', 'b.json', '--update-baseline']);
    writeFileSync(join(dir, 'kong.conf'), 'cassandra_port = 9042\ncassandra_port = 9042\n');
    const again = await check(dir, ['--baseline', 'b.json', '--fail-on', 'info']);
    const dead = again.report.findings.filter((f: { ruleId: string }) => f.ruleId === 'conf/cassandra-removed');
    // Kong keeps the last duplicate: whichever finding remains, the count of hidden ones is 1 per entry.
    expect(again.report.summary.suppressed.baseline).toBeGreaterThanOrEqual(1);
    expect(dead.length + again.report.suppressed.filter((f: { ruleId: string }) => f.ruleId === 'conf/cassandra-removed').length).toBeGreaterThanOrEqual(1);
  });

  it('a missing or foreign baseline file is an input error naming it', async () => {
    const dir = tempDir({ 'kong.conf': 'database = cassandra\n', 'other.json': '{"version": 3}' });
    const missing = await check(dir, ['--baseline', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the baseline: no such file; create it with --update-baseline/);
    const foreign = await check(dir, ['--baseline', 'other.json']);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/other\.json: not a kong-preflight baseline/);
  });

  it('keeps a baselined "backup older than kong.conf" hidden when the files are touched again', async () => {
    const dump = readFileSync(join(REPO_ROOT, 'fixtures/backups/kong-pg_dump.sql'));
    const dir = tempDir({ 'kong.conf': 'database = postgres\n' });
    writeFileSync(join(dir, 'backup.sql'), dump);
    const touch = (backupAt: string, confAt: string) => {
      utimesSync(join(dir, 'backup.sql'), new Date(backupAt), new Date(backupAt));
      utimesSync(join(dir, 'kong.conf'), new Date(confAt), new Date(confAt));
    };
    const older = (report: { findings: { messageId: string }[] }) => report.findings.filter((f) => f.messageId === 'olderThanConfig');
    touch('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z');
    const first = await check(dir, ['--backup', 'backup.sql', '--no-db', '--baseline', 'baseline.json', '--update-baseline']);
    expect(first.stderr).toMatch(/^wrote \d+ finding/);
    expect(first.report.summary.suppressed.baseline).toBeGreaterThan(0);
    // Both files edited since: new dates in the message, the same finding.
    touch('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    const later = await check(dir, ['--backup', 'backup.sql', '--no-db', '--baseline', 'baseline.json']);
    expect(older(later.report)).toEqual([]);
    const hidden = later.report.suppressed.filter((f: { messageId: string }) => f.messageId === 'olderThanConfig');
    expect(hidden).toHaveLength(1);
    expect(hidden[0].message).toContain('2026-03-01');
    // Without the baseline the finding is there, so the test above is not empty by accident.
    const plain = await check(dir, ['--backup', 'backup.sql', '--no-db']);
    expect(older(plain.report)).toHaveLength(1);
  });

  it('--update-baseline without a file is a usage error', async () => {
    const dir = tempDir({ 'kong.conf': 'database = cassandra\n' });
    const result = await check(dir, ['--update-baseline']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--update-baseline needs --baseline FILE/);
  });
});
