// Connection settings from kong.conf (pg_* with KONG_PG_* overrides) and from --pg, against the
// test PostgreSQL: the anchor is the pg_host line, errors name it, the password never shows.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { connectionSettings, databaseSkipReason, loadDatabase } from '../../../src/inputs/database';
import { loadKongConf } from '../../../src/inputs/kong-conf';
import { sharedScenarioDatabase, type TestDatabase } from '../../support/postgres';

let db: TestDatabase;
beforeAll(async () => { db = await sharedScenarioDatabase('clean-3.4'); });

function confFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kp-db-conf-')), 'kong.conf');
  writeFileSync(file, text);
  return file;
}

const confText = (password: string) =>
  `# Kong for the orders cluster\ndatabase = postgres\npg_host = ${db.host}\npg_port = ${db.port}\n` +
  `pg_user = ${db.user}\npg_password = ${password}\npg_database = ${db.database}\npg_timeout = 2000\n`;

describe('settings from kong.conf', () => {
  it('connects with pg_* and anchors database origins at the pg_host line', async () => {
    const file = confFile(confText(db.password));
    const input = await loadDatabase({ kongConf: loadKongConf(file, {}) });
    try {
      expect(input.anchor).toEqual({ kind: 'file', file, line: 3, column: 1 });
      expect(input.origin('routes', 'r1')).toEqual({ kind: 'db', table: 'routes', id: 'r1', anchor: input.anchor });
      expect(input.label).toBe(`postgres ${db.user}@${db.host}:${db.port}/${db.database}`);
    } finally {
      await input.close();
    }
  });

  it('KONG_PG_PASSWORD overrides the file, as Kong does', async () => {
    const file = confFile(confText('wrong-in-file'));
    const input = await loadDatabase({ kongConf: loadKongConf(file, { KONG_PG_PASSWORD: db.password }) });
    await input.close();
  });

  it('a wrong password fails with file and line, host and database, and no password', async () => {
    const file = confFile(confText('Hunter2-Wrong'));
    const error = await loadDatabase({ kongConf: loadKongConf(file, {}) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const line = (error as InputError).oneLine();
    expect(line).toBe(`${file}:3: cannot connect to PostgreSQL ${db.user}@${db.host}:${db.port}/${db.database}: password authentication failed for user "${db.user}"`);
    expect(line).not.toContain('Hunter2');
  });

  it("falls back to Kong's defaults and to the file's first line as anchor", () => {
    const file = confFile('# only comments\nlog_level = notice\n');
    const settings = connectionSettings({ kongConf: loadKongConf(file, {}) });
    expect(settings).toMatchObject({ host: '127.0.0.1', port: 5432, user: 'kong', database: 'kong', timeoutMs: 5000 });
    expect(settings.anchor).toEqual({ kind: 'file', file, line: 1, column: 1 });
  });

  it('reads pg_ssl and pg_schema', () => {
    const file = confFile('pg_ssl = on\npg_ssl_verify = on\npg_schema = kong_data\n');
    expect(connectionSettings({ kongConf: loadKongConf(file, {}) })).toMatchObject({ ssl: { verify: true }, schema: 'kong_data' });
  });

  // Kong Enterprise's mutual TLS against PostgreSQL (developer.konghq.com app/_data/kong-conf/3.4.json:
  // pg_ssl_cert, pg_ssl_cert_key); libpq's sslcert, sslkey and sslrootcert keywords for --pg.
  it('reads the client certificate and key PostgreSQL may require, from kong.conf and from --pg keywords', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-db-tls-'));
    writeFileSync(join(dir, 'client.crt'), 'CERTIFICATE TEXT');
    writeFileSync(join(dir, 'client.key'), 'KEY TEXT');
    writeFileSync(join(dir, 'root.crt'), 'ROOT TEXT');
    const conf = join(dir, 'kong.conf');
    writeFileSync(conf, `pg_ssl = on\npg_ssl_cert = ${join(dir, 'client.crt')}\npg_ssl_cert_key = client.key\n`);
    // A relative path is read from kong.conf's folder, as the other files kong.conf names.
    expect(connectionSettings({ kongConf: loadKongConf(conf, {}) }).ssl).toMatchObject({ verify: false, cert: 'CERTIFICATE TEXT', key: 'KEY TEXT' });
    const url = `postgres://kong@db/kong?sslmode=verify-full&sslrootcert=${join(dir, 'root.crt')}&sslcert=${join(dir, 'client.crt')}&sslkey=${join(dir, 'client.key')}`;
    expect(connectionSettings({ url }).ssl).toEqual({ verify: true, ca: ['ROOT TEXT'], cert: 'CERTIFICATE TEXT', key: 'KEY TEXT' });
    // Without TLS the files are not read at all.
    writeFileSync(conf, 'pg_ssl_cert = /nowhere/client.crt\npg_ssl_cert_key = /nowhere/secret-place.key\n');
    expect(connectionSettings({ kongConf: loadKongConf(conf, {}) }).ssl).toBeUndefined();
  });

  it('a client certificate or key that cannot be read is a one-line error naming the setting, never the key\'s path', () => {
    const conf = confFile('pg_ssl = on\npg_ssl_cert = /nowhere/client.crt\npg_ssl_cert_key = /nowhere/secret-place.key\n');
    const error = (() => { try { connectionSettings({ kongConf: loadKongConf(conf, {}) }); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe('pg_ssl_cert names /nowhere/client.crt, which cannot be read here (the client certificate PostgreSQL asks of Kong)');
    const dir = mkdtempSync(join(tmpdir(), 'kp-db-tls-'));
    writeFileSync(join(dir, 'client.crt'), 'CERTIFICATE TEXT');
    const keyMissing = confFile(`pg_ssl = on\npg_ssl_cert = ${join(dir, 'client.crt')}\npg_ssl_cert_key = /nowhere/secret-place.key\n`);
    expect(() => connectionSettings({ kongConf: loadKongConf(keyMissing, {}) })).toThrow(/^pg_ssl_cert_key names a file, which cannot be read here/);
    expect(() => connectionSettings({ kongConf: loadKongConf(keyMissing, {}) })).not.toThrow(/secret-place/);
    expect(() => connectionSettings({ kongConf: loadKongConf(confFile(`pg_ssl = on\npg_ssl_cert = ${join(dir, 'client.crt')}\n`), {}) })).toThrow('pg_ssl_cert names a client certificate but pg_ssl_cert_key names no key for it');
  });

  // Kong resolves vault references in kong.conf at start (kong/pdk/vault.lua@3.9.3).
  it('resolves an env vault reference in the connection settings from the check\'s environment, and names any other', async () => {
    const conf = confFile(`pg_host = ${db.host}\npg_port = ${db.port}\npg_user = ${db.user}\npg_password = {vault://env/pg-secret}\npg_database = ${db.database}\n`);
    const settings = connectionSettings({ kongConf: loadKongConf(conf, {}), env: { PG_SECRET: db.password } });
    expect(settings.password).toBe(db.password);
    const input = await loadDatabase({ kongConf: loadKongConf(conf, {}), env: { PG_SECRET: db.password } });
    await input.close();
    const aws = confFile('pg_password = {vault://aws/kong/pg?region=eu-west-1}\n');
    expect(() => connectionSettings({ kongConf: loadKongConf(aws, {}), env: {} })).toThrow('pg_password is the vault reference {vault://aws/kong/pg?region=eu-west-1}, which refers to the vault `aws`, which kong-preflight does not read: the database cannot be signed in to from here');
  });

  it('reads pg_ssl as Kong reads a boolean: `yes` and `ON` leave TLS off', () => {
    for (const value of ['yes', 'ON', '1']) {
      const file = confFile(`pg_ssl = ${value}\n`);
      expect(connectionSettings({ kongConf: loadKongConf(file, {}) }).ssl).toBeUndefined();
    }
    expect(connectionSettings({ kongConf: loadKongConf(confFile('pg_ssl = true\n'), {}) }).ssl).toBeDefined();
  });

  it('--pg replaces the kong.conf settings but keeps the anchor', () => {
    const file = confFile(confText('x'));
    const settings = connectionSettings({ kongConf: loadKongConf(file, {}), url: 'postgres://ro:pw@db.internal:6432/kong_prod?sslmode=verify-full' });
    expect(settings).toMatchObject({ host: 'db.internal', port: 6432, user: 'ro', database: 'kong_prod', ssl: { verify: true } });
    expect(settings.anchor?.line).toBe(3);
  });

  it('--pg keywords in the query replace the URL parts they name, as libpq reads them', () => {
    const settings = connectionSettings({ url: 'postgres://kong@db.internal/kong?password=q%40ery-pw&user=ro&host=replica.internal&port=6433&dbname=kong_ro' });
    expect(settings).toMatchObject({ host: 'replica.internal', port: 6433, user: 'ro', database: 'kong_ro', password: 'q@ery-pw' });
    expect(settings.label).toBe('ro@replica.internal:6433/kong_ro');
    expect(connectionSettings({ url: 'postgres://kong:netloc-pw@db.internal/kong' }).password).toBe('netloc-pw');
    expect(() => connectionSettings({ url: 'postgres://db.internal/kong?port=abc' })).toThrow(InputError);
  });

  // libpq's connect_timeout bounds connecting only; zero or below waits without a bound, and 1 s
  // is raised to 2 s. It used to set the statement timeout too, and 0 was refused.
  it('reads connect_timeout as libpq does, leaving statements to pg_timeout', () => {
    const bound = (query: string) => connectionSettings({ url: `postgres://kong@db.internal/kong${query}` });
    expect(bound('?connect_timeout=10')).toMatchObject({ connectTimeoutMs: 10_000, timeoutMs: 5000 });
    expect(bound('?connect_timeout=1').connectTimeoutMs).toBe(2000);
    expect(bound('?connect_timeout=0').connectTimeoutMs).toBe(0);
    expect(bound('?connect_timeout=-5').connectTimeoutMs).toBe(0);
    expect(bound('').connectTimeoutMs).toBeUndefined();
    expect(() => bound('?connect_timeout=1.5')).toThrow('--pg: the connect_timeout= keyword of the URL is not a whole number of seconds');
  });

  it('a ?password= connects, and a wrong one fails like any other, without printing it', async () => {
    const good = await loadDatabase({ url: `postgres://${db.user}@${db.host}:${db.port}/${db.database}?password=${encodeURIComponent(db.password)}` });
    await good.close();
    const url = `postgres://${db.user}@${db.host}:${db.port}/${db.database}?password=query-password-wrong`;
    const error = await loadDatabase({ url }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/password authentication failed/);
    expect(String((error as Error).message)).not.toContain('query-password-wrong');
  });

  it('skips DB-less and Cassandra nodes', () => {
    expect(databaseSkipReason({ kongConf: loadKongConf(confFile('database = off\n'), {}) })).toMatch(/DB-less/);
    expect(databaseSkipReason({ kongConf: loadKongConf(confFile('database = cassandra\n'), {}) })).toMatch(/only PostgreSQL/);
    expect(databaseSkipReason({ kongConf: loadKongConf(confFile('database = postgres\n'), {}) })).toBeUndefined();
  });

  // Kong Enterprise signs in with a cloud token and ignores pg_password (developer.konghq.com
  // app/_data/kong-conf/3.4.json pg_iam_auth, 3.12 pg_azure_auth, 3.13 pg_gcp_auth, 3.14 pg_oauth_auth).
  it('does not try a password where Kong signs in with a cloud token, and says which switch', () => {
    const iam = databaseSkipReason({ kongConf: loadKongConf(confFile('pg_host = db.rds.amazonaws.com\npg_iam_auth = on\n'), {}) });
    expect(iam).toMatch(/^pg_iam_auth = on \(.*kong\.conf:2:1\): Kong signs in to PostgreSQL with a token from AWS IAM, which kong-preflight does not obtain/);
    expect(databaseSkipReason({ kongConf: loadKongConf(confFile('pg_host = db\n'), { KONG_PG_GCP_AUTH: 'true' }) })).toMatch(/^pg_gcp_auth = true \(env KONG_PG_GCP_AUTH\): .* Google Cloud/);
    // Switched off, or a value Kong reads as false: the password is used.
    expect(databaseSkipReason({ kongConf: loadKongConf(confFile('pg_iam_auth = off\npg_azure_auth = yes\n'), {}) })).toBeUndefined();
    // --pg names the way in: nothing is set aside.
    expect(databaseSkipReason({ url: 'postgres://kong:pw@db/kong', kongConf: loadKongConf(confFile('pg_iam_auth = on\n'), {}) })).toBeUndefined();
  });
});

describe('pg_schema', () => {
  it('reads Kong tables from the configured schema, and says where it looked otherwise', async () => {
    const other = await sharedScenarioDatabase('clean-2.8-schema-kong');
    const input = await loadDatabase({ url: `${other.url}?schema=kong` });
    const routes: string[] = [];
    await input.entities.each('route', (r) => routes.push(r.name ?? ''));
    await input.close();
    expect(input.installed.label).toBe('2.8.x');
    expect(routes).toHaveLength(3);
    await expect(loadDatabase({ url: other.url })).rejects.toThrow(/has no tables: Kong was never bootstrapped here/);
  });
});

// libpq (and the pg driver) fall back to PGPASSWORD when no password is given. The settings take
// it themselves, so that errors are scrubbed of it and reports hide it.
describe('PGPASSWORD', () => {
  it('is the password when the URL and kong.conf give none', () => {
    expect(connectionSettings({ url: 'postgres://kong@db/kong', env: { PGPASSWORD: 'From-Env-1' } }).password).toBe('From-Env-1');
    expect(connectionSettings({ env: { PGPASSWORD: 'From-Env-1' } }).password).toBe('From-Env-1');
  });

  it('does not replace a password the URL or kong.conf gives', () => {
    expect(connectionSettings({ url: 'postgres://kong:In-Url-1@db/kong', env: { PGPASSWORD: 'From-Env-1' } }).password).toBe('In-Url-1');
    expect(connectionSettings({ url: 'postgres://kong@db/kong?password=In-Query-1', env: { PGPASSWORD: 'From-Env-1' } }).password).toBe('In-Query-1');
    expect(connectionSettings({ env: { KONG_PG_PASSWORD: 'Kong-Env-1', PGPASSWORD: 'From-Env-1' } }).password).toBe('Kong-Env-1');
  });
});

// The report hides the password in every form the --pg URL gives it: the same text copied into a
// compose file or a script is as often the encoded form as the decoded one.
describe('the password as the --pg URL writes it', () => {
  it.each([
    ['postgres://kong:p%40ss-word@db/kong', 'p@ss-word', 'p%40ss-word'],
    ['postgres://kong@db/kong?password=p%40ss-word', 'p@ss-word', 'p%40ss-word'],
    ['postgres://kong@db/kong?sslmode=disable&password=a+b%2Bc', 'a b+c', 'a+b%2Bc'],
  ])('%s: decoded and written forms', (url, password, written) => {
    const settings = connectionSettings({ url, env: {} });
    expect(settings.password).toBe(password);
    expect(settings.passwordAsWritten).toBe(written);
  });

  it('has no second form when the URL writes the password plainly', () => {
    expect(connectionSettings({ url: 'postgres://kong:plain-word@db/kong', env: {} }).passwordAsWritten).toBeUndefined();
  });
});
