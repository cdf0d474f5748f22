// Partials rows of a Kong Enterprise 3.10+ database (fixtures/db/data/partials-3.10.sql on the
// 3.10.0.0 bootstrap), through the whole check: a Redis partial that turns certificate checks off
// is what 3.14 refuses (plugin-ssl-verify-false-3-14), read from the table as from a decK file.

import { runCli } from '../../support/cli';
import { sharedScenarioDatabase } from '../../support/postgres';

const SECRET_MARK = 'ee-secret-must-not-print';

interface Report {
  findings: { ruleId: string; messageId: string; message: string; severity: string; location: Record<string, unknown> }[];
  internalErrors: unknown[];
}

async function check(to: string): Promise<Report> {
  const db = await sharedScenarioDatabase('kong-ee-3.10.0.0-partials');
  const result = await runCli(['check', '--pg', db.url, '--to', to, '--format', 'json', '--fail-on', 'none']);
  expect([result.stderr, result.code]).toEqual(['', 0]);
  expect(result.stdout).not.toContain(SECRET_MARK);
  const report = JSON.parse(result.stdout) as Report;
  expect(report.internalErrors).toEqual([]);
  return report;
}

const partialFindings = (report: Report) => report.findings.filter((f) => f.location.table === 'partials');

describe('partials of an Enterprise 3.10 database', () => {
  it('going to 3.14: the partial with ssl_verify off is reported at its row, the verified one is not', async () => {
    const found = partialFindings(await check('3.14'));
    expect(found.map((f) => [f.ruleId, f.location.id])).toEqual([['entities/field-value-rejected', 'e10a0000-0000-4000-8000-00000000fa01']]);
    expect([found[0].messageId, found[0].severity]).toEqual(['rejected', 'blocker']);
    expect(found[0].message).toMatch(/^partial "shared-redis": `config\.ssl_verify` = false is not accepted from 3\.14\.0\.0/);
  });

  it('going to 3.12: nothing about partials (the refusal comes with 3.14)', async () => {
    expect(partialFindings(await check('3.12'))).toEqual([]);
  });
});
