// The license rows of Kong Enterprise 3.10.0.0 databases (fixtures/db/kong/kong-ee-3.10.0.0.sql
// with license rows), through the whole check: the database input, the license input and
// license/enterprise-license. The CLI's clock reads 2026-11-21 (test/support/cli.ts).

import { runCli } from '../../support/cli';
import { sharedScenarioDatabase } from '../../support/postgres';

const SECRET_MARK = 'ee-secret-must-not-print';

interface Report {
  installation: { edition: { value: string; reason: string } };
  findings: { ruleId: string; messageId: string; message: string; severity: string; location: Record<string, unknown> }[];
  internalErrors: unknown[];
}

async function check(scenario: string): Promise<Report> {
  const db = await sharedScenarioDatabase(scenario);
  const result = await runCli(['check', '--pg', db.url, '--to', '3.14', '--format', 'json', '--fail-on', 'none']);
  expect([result.stderr, result.code]).toEqual(['', 0]);
  expect(result.stdout).not.toContain(SECRET_MARK);
  const report = JSON.parse(result.stdout) as Report;
  expect(report.internalErrors).toEqual([]);
  return report;
}

const licenseFindings = (report: Report) => report.findings.filter((f) => f.ruleId === 'license/enterprise-license');

describe('license rows of an Enterprise 3.10 database', () => {
  it('an expired row is the expired-license blocker, pointing at the row', async () => {
    const found = licenseFindings(await check('kong-ee-3.10.0.0-license-expired'));
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['expired', 'blocker']]);
    expect(found[0].message).toContain('expired on 2026-01-31');
    expect(found[0].location).toMatchObject({ table: 'licenses', id: 'e10a0000-0000-4000-8000-00000000c0e1' });
  });

  it('a row expiring within the warning window is a warning with the days left', async () => {
    const found = licenseFindings(await check('kong-ee-3.10.0.0-license-expiring'));
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['expiresSoon', 'warning']]);
    expect(found[0].message).toContain('expires on 2026-12-10, in 19 day(s)');
  });

  it('the in-use scenario\'s license (2027-06-30) raises nothing', async () => {
    expect(licenseFindings(await check('kong-ee-3.10.0.0-in-use'))).toEqual([]);
  });

  // Kong loads only the row updated last (filter_latest_license, license_helpers.lua@FTI-6378).
  it('an expired row left beside its renewal is not the node\'s license', async () => {
    expect(licenseFindings(await check('kong-ee-3.10.0.0-license-renewed'))).toEqual([]);
  });

  // keyring_encrypt_license stores the payload behind the keyring's `$ke$1$` marker.
  it('a keyring-encrypted row cannot be dated here, which is said as such', async () => {
    const found = licenseFindings(await check('kong-ee-3.10.0.0-license-keyring-encrypted'));
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['unverifiable', 'info']]);
    expect(found[0].message).toContain('keyring-encrypted');
  });

  // An Enterprise database without a license row (free mode before 3.10) still has every
  // Enterprise table: it is Enterprise, and its missing license is the finding.
  it('an Enterprise database without a license row is Enterprise, with no license', async () => {
    const report = await check('kong-ee-3.10.0.0');
    expect(report.installation.edition.value).toBe('enterprise');
    expect(report.installation.edition.reason).toContain('in the database');
    const found = licenseFindings(report);
    expect(found.map((f) => [f.messageId, f.severity])).toEqual([['missing', 'blocker']]);
    expect(found[0].message).toContain('the database has no license row');
  });
});
