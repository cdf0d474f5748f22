// No secret read from (or kept in) a Kong database leaves the tool. The fixture
// (fixtures/db/data/secrets-2.8.sql, on a database Kong 2.8.5's migrations made) holds a secret
// in every place Kong keeps one: key-auth keys, basic-auth passwords, OAuth2 client secrets, JWT
// and HMAC secrets, a certificate's private key, a Redis password,
// an `encrypted` aws-lambda secret, credential headers of http-log, opentelemetry and
// request-transformer, a vault token. The plugin and vault secrets are also written where findings
// quote text (a route's name, its regex paths). Every output format is searched for all of them,
// and fingerprints must not change when only the secret values do.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { scenarioDatabase } from '../support/database-input';
import { createDatabaseFromFixture, type TestDatabase } from '../support/postgres';
import { tempDir } from '../support/temp';
import { outputInEveryFormat, REPORT_FORMATS as FORMATS } from './support';

const SCENARIO = 'kong-2.8.5-secrets';
const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'db', 'data', 'secrets-2.8.sql');
const MARK = 'dbs3cr3t';
/** Every secret of the fixture, by the name of what holds it. */
const SECRETS = {
  keyauth: 'dbs3cr3t-keyauth-key',
  basicauth: 'dbs3cr3t-basicauth-password',
  oauth2: 'dbs3cr3t-oauth2-client-secret',
  jwt: 'dbs3cr3t-jwt-secret',
  hmac: 'dbs3cr3t-hmac-secret',
  certificate: 'dbs3cr3t-certificate-key',
  redis: 'dbs3cr3t-redis-password',
  awsLambda: 'dbs3cr3t-aws-secret',
  httpLogHeader: 'dbs3cr3t-http-log-token',
  otelHeader: 'dbs3cr3t-otel-vendor-key',
  transformerHeader: 'dbs3cr3t-transformer-key',
  session: 'dbs3cr3t-session-secret',
  vault: 'dbs3cr3t-vault-token',
};
const check = (db: TestDatabase, ...more: string[]) =>
  ['check', '--pg', db.url, '--to', '3.4', '--no-config', '--fail-on', 'none', ...more];

describe('secrets of a Kong database never appear in any output', () => {
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    const db = await scenarioDatabase(SCENARIO);
    const dir = tempDir({}, 'kp-secrets-db-');
    Object.assign(outputs, await outputInEveryFormat(check(db), { cwd: dir, expectCode: 0 }));
    // The baseline file holds each finding's message and location.
    const baseline = join(dir, 'baseline.json');
    const updated = await runCli(check(db, '--baseline', baseline, '--update-baseline'), { cwd: dir });
    outputs.baseline = `${readFileSync(baseline, 'utf8')}${updated.stderr}`;
  });

  it('the check reads the rows: findings are about the route, plugins and vault that hold them', () => {
    const json = JSON.parse(outputs.json) as { findings: { ruleId: string; message: string; location: unknown }[] };
    const messages = json.findings.map((f) => f.message).join('\n');
    // The route named by the aws-lambda secret, whose regex paths hold the plugin and vault secrets:
    // one finding per path, each shown with the secret hidden.
    expect(messages.match(/route "\(hidden\)": stored path `\/\(hidden\)\/\\d\+\$` becomes/g)).toHaveLength(6);
    expect(messages).toContain('route "(hidden)": stored path `/visible-db-path/\\d+$` becomes');
    // An ordinary header value of http-log is no secret: quoted, it stays visible.
    expect(messages).toContain('stored path `/types/application/json/\\d+$` becomes');
    // Findings about the plugins holding secrets are there (their values are not quoted).
    expect(messages).toContain('plugin "session"');
    expect(messages).toContain('plugin "http-log": stored `config.headers`');
  });

  it.each([...FORMATS, 'baseline'])('%s prints none of them', (name) => {
    const leaks = Object.entries(SECRETS).filter(([, value]) => outputs[name].includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
    expect(outputs[name]).not.toContain(MARK);
  });

  it('fingerprints do not change when only the secret values do', async () => {
    const fingerprints = async (db: TestDatabase) => {
      const sarif = await runCli(check(db, '-f', 'sarif'));
      const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[];
      return results.map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints).join()}`).sort();
    };
    // A database finding's fingerprint hashes its table, row and field, not its data
    // (src/report/fingerprint.ts): this keeps it so. The same rows with other secret values:
    const dir = tempDir({ 'secrets-other.sql': readFileSync(FIXTURE, 'utf8').replaceAll(MARK, 'xOtherx') }, 'kp-secrets-db-fp-');
    const other = await createDatabaseFromFixture('secrets-other', ['kong/kong-2.8.5.sql', join(dir, 'secrets-other.sql')]);
    try {
      const [original, changed] = [await fingerprints(await scenarioDatabase(SCENARIO)), await fingerprints(other)];
      expect(original.length).toBeGreaterThan(0);
      expect(changed).toEqual(original);
    } finally {
      await other.drop();
    }
  });
});

// The fixture must keep holding every secret the test looks for, or the test proves nothing.
test('the fixture holds every secret the test searches for', () => {
  const sql = readFileSync(FIXTURE, 'utf8');
  for (const value of Object.values(SECRETS)) expect(sql).toContain(value);
});
