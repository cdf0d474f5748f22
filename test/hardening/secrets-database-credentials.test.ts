// A credential's secret (key-auth key, basic-auth password, HMAC, JWT and OAuth2 secrets) and a
// private key (a certificate's key and key_alt, a key entity's JWK and PEM) never reach a rule:
// the entity walk selects none of their columns. The same text written elsewhere (a route's name,
// a tag, a regex path, a plugin's header value) used to be printed as it stood. The check now
// reads those columns' values, read-only and for the hiding alone
// (src/inputs/database/secret-columns.ts). The fixtures (fixtures/db/data/credential-reuse-2.8.sql,
// key-material-3.4.sql) write every such secret where findings quote text, a private key also
// line by line and by JWK member; every output format the tool has is searched.
// A role that may not read the columns, and a database without the tables, still get a report,
// which says once which columns it could not read.

import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
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
const UNREADABLE = 'db/unreadable-secret-columns';

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

  it('a role without SELECT on the secret columns gets the same report and exit code as one with it, and a note naming the columns', async () => {
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
    // The same findings, and one more: the note that these columns could not be read.
    expect(ruleIds(limited.report)).toEqual([...ruleIds(reading.report), UNREADABLE].sort());
    expect(ruleIds(reading.report)).not.toContain(UNREADABLE);
    expect(ruleIds(limited.report)).toContain('entities/route-regex-path-without-tilde');
    const notes = limited.report.findings.filter((f) => f.ruleId === UNREADABLE);
    expect(notes).toHaveLength(1);
    for (const [table, column] of Object.entries(CREDENTIAL_TABLES)) expect(notes[0].message).toContain(`${table}.${column}`);
    expect(notes[0].message).toMatch(/may show in this report/);
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

const KEY_SCENARIO = 'kong-3.4.2-key-material';
const checkKeys = (url: string, ...more: string[]) => ['check', '--pg', url, '--to', '3.9', '--no-config', ...more];

/** The base64 lines of a PEM's body that the report hides on their own (16 characters or more). */
const bodyLines = (pem: string) => pem.split('\n').filter((line) => line.length >= 16 && !line.startsWith('-----'));

/**
 * The private key material of the key scenario, read from the database itself as the
 * administrator: each PEM whole and by body line, each private JWK member. The public modulus too.
 */
async function keyMaterial(admin: Client): Promise<{ secrets: Record<string, string>; publicModulus: string }> {
  const secrets: Record<string, string> = {};
  const certificates = await admin.query<{ key: string; key_alt: string }>('SELECT key, key_alt FROM certificates');
  const keys = await admin.query<{ jwk: string | null; private_key: string | null }>("SELECT jwk, pem ->> 'private_key' AS private_key FROM keys");
  const pems = [...certificates.rows.flatMap((r) => [r.key, r.key_alt]), ...keys.rows.map((r) => r.private_key)].filter((v): v is string => v !== null);
  pems.forEach((pem, n) => {
    secrets[`pem ${n}`] = pem.trim();
    bodyLines(pem).forEach((line, i) => { secrets[`pem ${n} line ${i}`] = line; });
  });
  let publicModulus = '';
  for (const { jwk } of keys.rows) {
    if (jwk === null) continue;
    const parsed = JSON.parse(jwk) as Record<string, string>;
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) secrets[`jwk ${member}`] = parsed[member];
    publicModulus = parsed.n.slice(0, 40);
  }
  return { secrets, publicModulus };
}

describe('private keys written elsewhere in a Kong database never appear in any output', () => {
  const outputs: Record<string, string> = {};
  let material: Awaited<ReturnType<typeof keyMaterial>>;

  beforeAll(async () => {
    const db = await scenarioDatabase(KEY_SCENARIO);
    const admin = await adminClient(db.database);
    try {
      material = await keyMaterial(admin);
    } finally {
      await admin.end();
    }
    const dir = tempDir({}, 'kp-key-material-');
    for (const format of FORMATS) {
      const result = await runCli(checkKeys(db.url, '--fail-on', 'none', '-f', format), { cwd: dir });
      expect(result.code).toBe(0);
      outputs[format] = `${result.stdout}${result.stderr}`;
    }
  });

  it('the fixture holds what the test looks for: three PEMs, their lines, the JWK\'s six private members', () => {
    expect(Object.keys(material.secrets).filter((name) => /^pem \d+$/.test(name))).toHaveLength(3);
    expect(Object.keys(material.secrets).filter((name) => name.startsWith('jwk '))).toHaveLength(6);
    expect(Object.keys(material.secrets).length).toBeGreaterThan(30);
  });

  it('the findings quoting them are there, with the keys hidden and the public modulus shown', () => {
    const messages = (JSON.parse(outputs.json) as JsonReport).findings.filter((f) => f.ruleId === 'entities/route-regex-pcre2').map((f) => f.message);
    // Nine regex paths on the route named by the certificate's PEM: one visible, one the JWK's
    // public modulus, seven copies of private key material.
    expect(messages).toHaveLength(9);
    expect(messages.every((m) => m.startsWith('route "(hidden)": stored regex path `/'))).toBe(true);
    expect(messages.filter((m) => m.includes('`/(hidden)/\\q\\d+$`'))).toHaveLength(7);
    expect(messages.filter((m) => m.includes('/visible-key-path/'))).toHaveLength(1);
    expect(messages.filter((m) => m.includes(material.publicModulus))).toHaveLength(1);
  });

  it.each(FORMATS)('%s prints no private key, no line of one, no private JWK member', (format) => {
    const leaks = Object.entries(material.secrets).filter(([, value]) => outputs[format].includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
  });

  it('a role that may not read the key columns is told so once, and sees the same findings otherwise', async () => {
    const copy = await createScenarioDatabase(KEY_SCENARIO);
    try {
      // Two roles on one copy, so that every other privilege finding (CREATE on public) is the same.
      const [reader, role] = [`kong_reader_${randomBytes(3).toString('hex')}`, `kong_reader_${randomBytes(3).toString('hex')}`];
      const admin = await adminClient(copy.database);
      try {
        for (const name of [reader, role]) {
          await admin.query(`CREATE ROLE ${name} LOGIN PASSWORD 'reader-pw'`);
          await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${name}`);
        }
        // The tables' other columns stay readable: only the keys are withheld.
        await admin.query(`REVOKE SELECT ON certificates, keys FROM ${role}`);
        await admin.query(`GRANT SELECT (id, cert, cert_alt, tags, ws_id, created_at, updated_at) ON certificates TO ${role}`);
        await admin.query(`GRANT SELECT (id, set_id, name, cache_key, ws_id, kid, tags, created_at, updated_at) ON keys TO ${role}`);
      } finally {
        await admin.end();
      }
      const urlOf = (name: string) => `postgres://${name}:reader-pw@${copy.host}:${copy.port}/${copy.database}`;
      const limited = await runCli(checkKeys(urlOf(role), '--fail-on', 'none', '-f', 'json'));
      const full = await runCli(checkKeys(urlOf(reader), '--fail-on', 'none', '-f', 'json'));
      expect(limited.stderr).not.toMatch(/failed|permission denied/i);
      const [limitedReport, fullReport] = [JSON.parse(limited.stdout) as JsonReport, JSON.parse(full.stdout) as JsonReport];
      expect(ruleIds(limitedReport)).toEqual([...ruleIds(fullReport), UNREADABLE].sort());
      const notes = limitedReport.findings.filter((f) => f.ruleId === UNREADABLE);
      expect(notes.map((f) => f.message)).toEqual([expect.stringContaining(`"${role}" may not read certificates.key, certificates.key_alt, keys.jwk, keys.pem:`)]);
      // It cannot hide what it could not read: the copies show, which is what the note warns of.
      expect(limited.stdout).toContain(material.secrets['jwk d']);
      expect(full.stdout).not.toContain(material.secrets['jwk d']);
    } finally {
      await copy.drop();
    }
  });
});
