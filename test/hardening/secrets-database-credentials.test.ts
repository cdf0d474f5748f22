// A credential's secret (key-auth key, basic-auth password, HMAC, JWT and OAuth2 secrets) never
// reaches a rule: the entity walk selects no credential column. The same text written elsewhere
// (a route's name, a tag, a regex path, a plugin's header value) used to be printed as it stood.
// The check now reads those columns' values, read-only and for the hiding alone
// (src/inputs/database/credential-secrets.ts). The fixture (fixtures/db/data/credential-reuse-2.8.sql)
// writes every credential secret where findings quote text; every output format the tool has is searched.
// A role that may not read the columns, and a database without the tables, still get a report.

import { randomBytes } from 'node:crypto';
import { FORMATS } from '../../src/cli/output';
import { runCli } from '../support/cli';
import { scenarioDatabase } from '../support/database-input';
import { adminClient, createScenarioDatabase, type TestDatabase } from '../support/postgres';
import { tempDir } from '../support/temp';

const SCENARIO = 'kong-2.8.5-credential-reuse';
const MARK = 'cr3dreuse';
const SECRETS = {
  keyauth: 'cr3dreuse-keyauth-key',
  basicauth: 'cr3dreuse-basicauth-password',
  oauth2: 'cr3dreuse-oauth2-client-secret',
  jwt: 'cr3dreuse-jwt-secret',
  hmac: 'cr3dreuse-hmac-secret',
};
/** Credential tables of a 2.8 database and their secret columns. */
const CREDENTIAL_TABLES = {
  keyauth_credentials: 'key',
  basicauth_credentials: 'password',
  hmacauth_credentials: 'secret',
  jwt_secrets: 'secret',
  oauth2_credentials: 'client_secret',
};
const check = (url: string, ...more: string[]) => ['check', '--pg', url, '--to', '3.4', '--no-config', ...more];

interface JsonReport { findings: { ruleId: string; message: string }[] }

/** Runs the check as JSON with the default --fail-on: the exit code and the report. */
async function jsonCheck(url: string): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const result = await runCli(check(url, '-f', 'json'));
  return { code: result.code, report: result.stdout ? JSON.parse(result.stdout) as JsonReport : { findings: [] }, stderr: result.stderr };
}

const ruleIds = (report: JsonReport) => report.findings.map((f) => f.ruleId).sort();

describe('credential secrets written elsewhere in a Kong database never appear in any output', () => {
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    const db = await scenarioDatabase(SCENARIO);
    const dir = tempDir({}, 'kp-credential-reuse-');
    for (const format of FORMATS) {
      const result = await runCli(check(db.url, '--fail-on', 'none', '-f', format), { cwd: dir });
      expect(result.code).toBe(0);
      outputs[format] = `${result.stdout}${result.stderr}`;
    }
  });

  it('the findings quoting them are there, with the secrets hidden', () => {
    const messages = (JSON.parse(outputs.json) as JsonReport).findings.map((f) => f.message).join('\n');
    // The route named by the key-auth key, one finding per regex path: the path beside them shows.
    expect(messages).toContain('route "(hidden)": stored path `/visible-reuse-path/\\d+$` becomes');
    expect(messages.match(/route "\(hidden\)": stored path `\/\(hidden\)\/\\d\+\$` becomes/g)).toHaveLength(5);
  });

  it.each(FORMATS)('%s prints none of them', (format) => {
    const leaks = Object.entries(SECRETS).filter(([, value]) => outputs[format].includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
    expect(outputs[format]).not.toContain(MARK);
  });
});

describe('a database whose credential columns cannot be read', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases.splice(0)) await db.drop();
  });

  /** A private copy of the scenario, changed by `change` as the administrator; its URL. */
  async function privateCopy(change: (admin: import('pg').Client, db: TestDatabase) => Promise<void>): Promise<string> {
    const db = await createScenarioDatabase(SCENARIO);
    databases.push(db);
    const admin = await adminClient(db.database);
    try {
      await change(admin, db);
      return db.url;
    } finally {
      await admin.end();
    }
  }

  it('a role without SELECT on the secret columns gets the same report and exit code as one with it', async () => {
    // Two roles on one copy, so that every other privilege finding (CREATE on public) is the same.
    const roles: string[] = [];
    await privateCopy(async (admin, db) => {
      for (const withheld of [false, true]) {
        const role = `kong_reader_${randomBytes(3).toString('hex')}`;
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader-pw'`);
        await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
        if (withheld) {
          for (const [table, column] of Object.entries(CREDENTIAL_TABLES)) {
            // The table's other columns stay readable: only the secret is withheld.
            await admin.query(`REVOKE SELECT ON ${table} FROM ${role}`);
            await admin.query(`GRANT SELECT (id, consumer_id, created_at, ws_id) ON ${table} TO ${role}`);
            const { rows } = await admin.query("SELECT has_column_privilege($1, $2, $3, 'SELECT') AS can", [role, table, column]);
            expect(rows[0].can).toBe(false);
          }
        }
        roles.push(`postgres://${role}:reader-pw@${db.host}:${db.port}/${db.database}`);
      }
    });
    const [reading, limited] = [await jsonCheck(roles[0]), await jsonCheck(roles[1])];
    expect(limited.stderr).not.toMatch(/failed|permission denied/i);
    expect(limited.code).toBe(reading.code);
    expect(ruleIds(limited.report)).toEqual(ruleIds(reading.report));
    expect(ruleIds(limited.report)).toContain('entities/route-regex-path-without-tilde');
    // The role that reads the columns hides the key; the other cannot know it is one.
    expect(JSON.stringify(reading.report)).not.toContain(SECRETS.keyauth);
  });

  it('a database without the credential tables (plugins never installed) gets a normal report', async () => {
    const reference = await jsonCheck((await scenarioDatabase(SCENARIO)).url);
    const url = await privateCopy(async (admin) => {
      for (const table of Object.keys(CREDENTIAL_TABLES)) await admin.query(`DROP TABLE ${table} CASCADE`);
    });
    const without = await jsonCheck(url);
    expect(without.stderr).not.toMatch(/failed/i);
    expect(without.code).toBe(reference.code);
    expect(ruleIds(without.report)).toEqual(ruleIds(reference.report));
    expect(ruleIds(without.report)).toContain('entities/route-regex-path-without-tilde');
  });
});
