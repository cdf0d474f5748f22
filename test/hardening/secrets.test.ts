// No secret ever leaves the tool: every sensitive kong.conf property (Kong's own list and the
// Enterprise credentials), vault tokens and license data are set, also in shapes that make rules
// talk about them (a removed property, a malformed vault reference, a `#` cut, an env override),
// and every report format, the baseline file and stderr are searched for them.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTERPRISE_SECRET_PROPERTIES, KONG_CONF_SENSITIVE, SECRET_ENVIRONMENT, SHORTEST_HIDDEN_ANYWHERE } from '../../src/knowledge/conf/sensitive';
import { runCli } from '../support/cli';
import { scenarioDatabase } from '../support/database-input';
import type { TestDatabase } from '../support/postgres';
import { tempDir } from '../support/temp';
import { outputInEveryFormat, REPORT_FORMATS } from './support';

const MARK = 's3cr3t';
const secretFor = (name: string) => `${MARK}-${name.replace(/_/g, '-')}-value`;

/** A kong.conf value that Kong accepts for the property, holding the marker. */
function valueFor(key: string): string {
  if (key === 'proxy_server') return `http://ops:${secretFor(key)}@proxy.internal:3128`;
  if (key === 'declarative_config_string') return JSON.stringify({ _format_version: '3.0', consumers: [{ username: 'u', keyauth_credentials: [{ key: secretFor(key) }] }] });
  if (key.endsWith('_cert_key') || key.endsWith('private_key') || key === 'audit_log_signing_key') {
    return `-----BEGIN PRIVATE KEY-----\\n${secretFor(key)}\\n-----END PRIVATE KEY-----`;
  }
  return secretFor(key);
}

describe('secrets never appear in any output', () => {
  const properties = [...KONG_CONF_SENSITIVE.properties, ...ENTERPRISE_SECRET_PROPERTIES.properties];
  const license = JSON.stringify({ license: { payload: { customer: 'ACME', license_expiration_date: '2030-01-01' }, signature: secretFor('license-signature'), version: '1' } });

  const conf = [
    'database = postgres',
    'role = control_plane',
    'cluster_cert = /etc/kong/cluster.crt',
    'vaults = bundled,hcv',
    ...properties.map((key) => `${key} = ${valueFor(key)}`),
    // Shapes that make rules speak about a secret's line:
    `pg_ro_password = ${secretFor('hash-cut')}#${secretFor('after-hash')}`,  // 3.2+ cuts at `#`
    `pg_password = {vault://hcv/${secretFor('vault-path')}`,                   // malformed reference (wins: last line)
    'log_level = visible-control-value',                                     // not secret: must be visible
  ].join('\n');
  const declarative = [
    '_format_version: "2.1"',
    'consumers:',
    '- username: alice',
    `  keyauth_credentials: [{key: ${secretFor('keyauth')}}]`,
    `  basicauth_credentials: [{username: alice, password: ${secretFor('basicauth')}}]`,
    'plugins:',
    '- name: rate-limiting',
    `  config: {minute: 5, policy: redis, redis_host: redis.internal, redis_password: ${secretFor('redis')}}`,
    '- name: session',
    `  config: {secret: ${secretFor('session')}}`,
    // 2.x header lists, which 3.0 refuses: the finding must not quote them (an Authorization header).
    '- name: http-log',
    `  config: {http_endpoint: "http://logs.internal", headers: {Authorization: ["Bearer ${secretFor('http-log-header')}"]}}`,
    'vaults:',
    `- {name: hcv, prefix: corp, config: {token: ${secretFor('vault-entity-token')}, host: vault.internal}}`,
  ].join('\n');

  const dir = tempDir({ 'kong.conf': `${conf}\n`, 'kong.yml': `${declarative}\n` }, 'kp-secrets-');
  const env = {
    KONG_LICENSE_DATA: license,
    KONG_VAULT_HCV_TOKEN: secretFor('env-vault-token'),
    KONG_PG_PASSWORD: secretFor('env-pg-password'),
    KONG_KEYRING_VAULT_TOKEN: secretFor('env-keyring-token'),
  };

  let outputs: Record<string, string> = {};

  beforeAll(async () => {
    const formats = ['json', 'sarif', 'markdown', 'junit', 'gitlab'];
    const result = await runCli([
      'check', join(dir, 'kong.conf'), '--declarative', join(dir, 'kong.yml'), '--from', '2.8.2.4', '--to', '3.10.0.0',
      '--edition', 'enterprise', '--no-db', '--no-config', '--fail-on', 'none', '-f', 'text',
      ...formats.flatMap((f) => ['-O', `${f}=${join(dir, `report.${f}`)}`]),
    ], { env, cwd: dir });
    outputs = { stdout: result.stdout, stderr: result.stderr };
    // The baseline in a second run (with it, every finding would be hidden from the reports).
    const baseline = await runCli(['check', join(dir, 'kong.conf'), '--declarative', join(dir, 'kong.yml'), '--from', '2.8.2.4', '--to', '3.10.0.0',
      '--edition', 'enterprise', '--no-db', '--no-config', '--fail-on', 'none', '--baseline', join(dir, 'baseline.json'), '--update-baseline'], { env, cwd: dir });
    outputs.stderr += baseline.stderr;
    for (const name of readdirSync(dir)) {
      if (name.startsWith('report.') || name === 'baseline.json') outputs[name] = readFileSync(join(dir, name), 'utf8');
    }
    outputs.exit = String(result.code);
  });

  it('runs and writes every format', () => {
    expect(outputs.exit).toBe('0');
    expect(Object.keys(outputs).sort()).toEqual(['baseline.json', 'exit', 'report.gitlab', 'report.json', 'report.junit', 'report.markdown', 'report.sarif', 'stderr', 'stdout']);
  });

  it('the check sees the values (a non-secret value in the same file is quoted)', () => {
    expect(outputs.stdout).toContain('visible-control-value');
    expect(outputs['report.json']).toContain('visible-control-value');
  });

  it.each(['stdout', 'stderr', 'report.json', 'report.sarif', 'report.markdown', 'report.junit', 'report.gitlab', 'baseline.json'])('%s holds no secret', (name) => {
    const text = outputs[name];
    const leaks = text.split('\n').filter((line) => line.includes(MARK));
    expect(leaks).toEqual([]);
  });

  it('covers Kong\'s whole sensitive list and the secret environment', () => {
    expect(properties).toEqual(expect.arrayContaining(['pg_password', 'pg_ro_password', 'proxy_server', 'declarative_config_string', 'cluster_cert_key', 'ssl_cert_key', 'debug_ssl_cert_key', 'vault_hcv_token']));
    expect(Object.keys(env)).toEqual(expect.arrayContaining([...SECRET_ENVIRONMENT.variables]));
  });
});

describe('--print-config never prints a secret either', () => {
  it('the PostgreSQL URL stays in its environment variable', async () => {
    const dir = tempDir({ '.kong-preflight.yml': 'pg: {urlEnv: KONG_PREFLIGHT_PG}\nto: "3.4"\n' }, 'kp-secrets-config-');
    writeFileSync(join(dir, 'kong.conf'), 'database = postgres\n');
    const result = await runCli(['check', join(dir, 'kong.conf'), '--print-config'], { cwd: dir, env: { KONG_PREFLIGHT_PG: `postgres://kong:${secretFor('url')}@db.internal/kong` } });
    expect(result.code).toBe(0);
    expect(`${result.stdout}${result.stderr}`).not.toContain(MARK);
  });
});

// A run that stops on bad input ends with one line naming the place: never the text written there.
describe('one-line input errors never quote a secret', () => {
  it('a postgres:// URL written into pg.urlEnv instead of a variable name', async () => {
    const dir = tempDir({ '.kong-preflight.yml': `pg: {urlEnv: "postgres://kong:${secretFor('urlenv')}@db.internal/kong"}\nto: "3.4"\n`, 'kong.conf': 'database = postgres\n' }, 'kp-secrets-urlenv-');
    const result = await runCli(['check', join(dir, 'kong.conf'), '--print-config'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.kong-preflight\.yml:1: pg\.urlEnv: must be the name of an environment variable/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(MARK);
  });

  it('a --pg password with a literal % is an input error, not a tool bug', async () => {
    const result = await runCli(['check', '--pg', `postgres://kong:${secretFor('pct')}%zz@127.0.0.1:1/kong`, '--to', '3.4', '--no-config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('kong-preflight: error: --pg: the password in the URL has a % that is not followed by two hex digits (write a literal % as %25)\n');
  });

  // The query's keywords were checked with kong.conf's wording (`port = abc is not a positive
  // integer`), which named no input.
  it.each([
    ['?port=abc', 'the port= keyword'],
    ['?port=0x10', 'the port= keyword'],
    ['?port=0', 'the port= keyword'],
  ])('a --pg URL with %s names --pg and the part, not its text', async (query, part) => {
    const result = await runCli(['check', '--pg', `postgres://kong:${secretFor('query')}@127.0.0.1:1/kong${query}`, '--to', '3.4', '--no-config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`kong-preflight: error: --pg: ${part} of the URL is not a positive whole number\n`);
  });

  it.each(['?connect_timeout=abc', '?sslmode=require&connect_timeout=1.5'])('a --pg URL with %s names --pg and the keyword, not its text', async (query) => {
    const result = await runCli(['check', '--pg', `postgres://kong:${secretFor('timeout')}@127.0.0.1:1/kong${query}`, '--to', '3.4', '--no-config']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('kong-preflight: error: --pg: the connect_timeout= keyword of the URL is not a whole number of seconds\n');
  });

  it('a JSON declarative file with an unquoted credential', async () => {
    const dir = tempDir({ 'kong.json': `{"_format_version": "3.0", "consumers": [{"username": "a", "keyauth_credentials": [{"key": ${secretFor('json-key')}}]}]}` }, 'kp-secrets-json-');
    const result = await runCli(['check', '--declarative', join(dir, 'kong.json'), '--to', '3.4', '--no-db', '--no-config'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/kong\.json:1:92: malformed JSON/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(MARK);
  });
});

// Rules hide a secret setting's value by its name; the same text reaching the report under another
// name (one compose .env variable for the password and the database, a Dockerfile ENV copying
// the password) is hidden by value before any format is written.
describe('a secret copied into another setting is hidden there too', () => {
  const dir = tempDir({
    'Dockerfile': 'FROM kong:3.4.2\nENV KONG_PG_PASSWORD=CopiedSecret42\nENV KONG_PG_USER=$KONG_PG_PASSWORD\nENV KONG_LOG_LEVEL=${KONG_PG_PASSWORD}x\n',
    'compose/compose.yml': 'services:\n  kong:\n    image: kong:3.4.2\n    environment:\n      KONG_PG_PASSWORD: ${PGPW}\n      KONG_PG_DATABASE: ${PGPW}\n      KONG_LOG_LEVEL: ${PGPW}\n',
    'compose/.env': 'PGPW=ComposeShared77\n',
    // Kubernetes expands `$(NAME)` from earlier entries of the container's env.
    'k8s/kong.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: kong}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: proxy',
      '        image: kong:3.4.2',
      '        env:',
      '        - {name: KONG_PG_PASSWORD, value: K8sCopied123}',
      '        - {name: KONG_PG_USER, value: $(KONG_PG_PASSWORD)}',
      '        - {name: KONG_LOG_LEVEL, value: $(KONG_PG_PASSWORD)x}',
    ].join('\n'),
  });

  it.each([
    ['Dockerfile', 'CopiedSecret42'],
    ['compose/compose.yml', 'ComposeShared77'],
    ['k8s/kong.yaml', 'K8sCopied123'],
  ])('%s: no format prints the value, and the finding about the copy still shows', async (file, secret) => {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab']) {
      const result = await runCli(['check', '--image-file', join(dir, file), '--to', '3.9', '--no-db', '--no-config', '--fail-on', 'none', '-f', format]);
      expect(result.stderr).toBe('');
      expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
      if (format === 'text') expect(result.stdout).toMatch(/`log_level = \(hidden\)x?` is not an allowed value/);
    }
  });

  // A five-letter password is common text ("kong", "admin"): only longer values are hidden this way.
  it('leaves short values alone, so a password like `kong` does not hide the product name', async () => {
    const short = tempDir({ 'Dockerfile': 'FROM kong:3.4.2\nENV KONG_PG_PASSWORD=kong\nENV KONG_PG_USER=kong\n' });
    const result = await runCli(['check', '--image-file', join(short, 'Dockerfile'), '--to', '3.9', '--no-db', '--no-config', '--fail-on', 'none']);
    expect(result.stdout).toContain('pg_dump -U kong');
    expect(result.stdout).not.toContain('(hidden)');
  });
});

// A password that is an ordinary word also spells words of the rules' own messages: those stay
// as the rule wrote them (`the settings read here`), the value a finding quotes is hidden.
describe('a secret that is an ordinary word leaves the rules\' own words whole', () => {
  it('hides the quoted value, not the word of the message', async () => {
    const dir = tempDir({ 'kong.conf': 'pg_password = setting\nlog_level = setting\n' });
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runCli(['check', join(dir, 'kong.conf'), '--from', '3.4', '--to', '3.9', '--no-db', '--no-config', '--fail-on', 'none', '-f', format]);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('which the settings read here do not override');
      expect(result.stdout).not.toContain('(hidden)s read here');
      expect(result.stdout).toMatch(/log_level = \(hidden\)/);
      expect(result.stdout).not.toMatch(/(?:log_level|pg_password) = setting/);
    }
  });
});

// A fingerprint hashes the finding's data and the line it is about, and everything else in the
// hash is in the report: a fingerprint that changed with a password would let anyone holding a
// SARIF upload, a GitLab artifact or a baseline test guesses of the password offline.
describe('fingerprints do not depend on a secret\'s value', () => {
  const fingerprintsFor = async (files: Record<string, string>, args: string[]) => {
    // Run inside the folder: fingerprints hash file paths relative to it, so two folders compare.
    const dir = tempDir(files, 'kp-secrets-fp-');
    const common = [...args.map((arg) => (arg in files ? join(dir, arg) : arg)), '--no-db', '--no-config', '--fail-on', 'none'];
    const sarif = await runCli(['check', ...common, '-f', 'sarif'], { cwd: dir });
    const gitlab = await runCli(['check', ...common, '-f', 'gitlab'], { cwd: dir });
    await runCli(['check', ...common, '--baseline', join(dir, 'baseline.json'), '--update-baseline'], { cwd: dir });
    const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[];
    const baseline = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { findings: { ruleId: string; fingerprint: string }[] };
    return {
      sarif: results.map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints).join()}`).sort(),
      gitlab: (JSON.parse(gitlab.stdout) as { fingerprint: string }[]).map((issue) => issue.fingerprint).sort(),
      baseline: baseline.findings.map((f) => `${f.ruleId} ${f.fingerprint}`).sort(),
    };
  };

  // Too short for the hiding by value: the line of a secret key keeps its key only.
  it('a short pg_password on the line a finding is about', async () => {
    const conf = (password: string) => ({ 'kong.conf': `database = postgres\npg_password = "${password}"\n` });
    const args = ['kong.conf', '--from', '3.4.3.5', '--to', '3.10'];
    const [one, other] = [await fingerprintsFor(conf('pw1'), args), await fingerprintsFor(conf('pw2'), args)];
    expect(one.sarif.some((line) => line.startsWith('conf/file-syntax'))).toBe(true);
    expect(other).toEqual(one);
  });

  // A secret copied under another name: the finding's data and line hold it.
  it('a password copied into another setting', async () => {
    const dockerfile = (password: string) => ({ 'Dockerfile': `FROM kong:3.4.2\nENV KONG_PG_PASSWORD=${password}\nENV KONG_LOG_LEVEL=${password}x\n` });
    const args = ['--image-file', 'Dockerfile', '--to', '3.9'];
    const [one, other] = [await fingerprintsFor(dockerfile('CopiedSecret42'), args), await fingerprintsFor(dockerfile('OtherSecret999'), args)];
    expect(one.sarif.some((line) => line.startsWith('conf/value-invalid'))).toBe(true);
    expect(other).toEqual(one);
  });

  it('a password copied into another variable of a Kubernetes container', async () => {
    const manifest = (password: string) => ({ 'kong.yaml': [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: kong}', 'spec:', '  containers:', '  - name: proxy', '    image: kong:3.4.2', '    env:',
      `    - {name: KONG_PG_PASSWORD, value: ${password}}`, '    - {name: KONG_LOG_LEVEL, value: $(KONG_PG_PASSWORD)x}',
    ].join('\n') });
    const args = ['--image-file', 'kong.yaml', '--to', '3.9'];
    const [one, other] = [await fingerprintsFor(manifest('CopiedSecret42'), args), await fingerprintsFor(manifest('OtherSecret999'), args)];
    expect(one.sarif.some((line) => line.startsWith('conf/value-invalid'))).toBe(true);
    expect(other).toEqual(one);
  });
});

// The --pg password reaches no input, so the hiding by kong.conf's secret settings never saw it:
// the same text elsewhere (a kong.conf line, an image's ENV) was printed. The connection's password
// is handed to the hiding, from the URL, its `?password=` keyword or PGPASSWORD.
describe('the database password is hidden wherever else it appears', () => {
  const formats = ['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab'];
  const withPassword = (db: TestDatabase, where: 'netloc' | 'query' | 'environment'): { url: string; env: Record<string, string> } => {
    const base = `postgres://${db.user}@${db.host}:${db.port}/${db.database}`;
    if (where === 'netloc') return { url: db.url, env: {} };
    if (where === 'query') return { url: `${base}?password=${encodeURIComponent(db.password)}`, env: {} };
    return { url: base, env: { PGPASSWORD: db.password } };
  };

  it.each(['netloc', 'query', 'environment'] as const)('password in the %s: no format prints it, the finding about the copy still shows', async (where) => {
    const db = await scenarioDatabase('clean-3.4');
    expect(db.password.length).toBeGreaterThanOrEqual(SHORTEST_HIDDEN_ANYWHERE);
    const dir = tempDir({ 'kong.conf': `database = postgres\nlog_level = ${db.password}\n# the password is ${db.password}\n` }, 'kp-secrets-pg-');
    const { url, env } = withPassword(db, where);
    for (const format of formats) {
      const result = await runCli(['check', join(dir, 'kong.conf'), '--pg', url, '--to', '3.9', '--no-config', '--fail-on', 'none', '-f', format], { env, cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(`${result.stdout}${result.stderr}`).not.toContain(db.password);
      if (format === 'text') expect(result.stdout).toContain('log_level = (hidden)');
    }
  });

  it('fingerprints do not change with the password', async () => {
    const db = await scenarioDatabase('clean-3.4');
    const fingerprints = async (password: string) => {
      const dir = tempDir({ 'kong.conf': `database = postgres\nlog_level = ${password}\n` }, 'kp-secrets-pg-fp-');
      const url = `postgres://${db.user}@${db.host}:${db.port}/${db.database}?password=${encodeURIComponent(db.password)}`;
      const sarif = await runCli(['check', join(dir, 'kong.conf'), '--pg', url, '--to', '3.9', '--no-config', '--fail-on', 'none', '-f', 'sarif'], { cwd: dir, env: {} });
      const results = JSON.parse(sarif.stdout).runs[0].results as { ruleId: string; partialFingerprints: Record<string, string> }[];
      return results.map((r) => `${r.ruleId} ${Object.values(r.partialFingerprints).join()}`).sort();
    };
    // The test server has one password: the line holding it must hash as the line holding what
    // the report shows in its place, so no guess of the password can be tested against the hash.
    const [asPassword, asShown] = [await fingerprints(db.password), await fingerprints('(hidden)')];
    expect(asPassword.some((line) => line.startsWith('conf/value-invalid'))).toBe(true);
    expect(asPassword).toEqual(asShown);
  });
});

// A one-shot container's command is quoted in the inputs list ("it runs ..."); a client tool's
// password given under a short option (glued `-pX`, redis-cli `-a X`, curl `-u user:X`) is hidden
// in every format, and the ports beside it are not.
describe('a container command\'s client-tool passwords', () => {
  const command = 'until redis-cli -h redis -p 6379 -a RedisSecret77 ping; do sleep 1; done; mysql -h legacy -uroot -pGluedSecret88 -e select; curl -fsu admin:CurlSecret99 http://kong:8001/ ; kong migrations bootstrap';
  const dir = tempDir({ 'compose.yml': ['services:', '  kong-migrations:', '    image: kong:3.9.1', `    command: sh -c "${command}"`, '  kong:', '    image: kong:3.9.1', '    environment: {KONG_DATABASE: postgres}'].join('\n') });

  it.each(['text', 'json', 'sarif', 'markdown', 'junit', 'gitlab'])('%s shows the command without them', async (format) => {
    const result = await runCli(['check', '--image-file', join(dir, 'compose.yml'), '--to', '3.9', '--no-db', '--no-config', '--fail-on', 'none', '-f', format]);
    expect(result.stderr).toBe('');
    for (const secret of ['RedisSecret77', 'GluedSecret88', 'CurlSecret99']) expect(result.stdout).not.toContain(secret);
    if (format === 'json') expect(result.stdout).toContain('redis-cli -h redis -p 6379 -a (hidden) ping');
  });
});

// Entity secrets (credentials, private keys, plugin and vault settings Kong marks sensitive) are
// hidden by value too: each value below is also written where findings quote text (a regex path
// without `~`, a route's name), and no format, nor the --fix-output log, may print it.
describe('entity secrets of a declarative file are hidden wherever they appear', () => {
  const values = {
    keyauth: secretFor('keyauth-key'),
    topKeyauth: secretFor('top-level-keyauth-key'),
    basicauth: secretFor('basicauth-password'),
    hmac: secretFor('hmac-secret'),
    jwt: secretFor('jwt-secret'),
    oauth2: secretFor('oauth2-client-secret'),
    redis: secretFor('redis-password'),
    session: secretFor('session-secret'),
    lambda: secretFor('aws-lambda-secret'),
    oidc: secretFor('oidc-client-secret'),
    header: secretFor('http-log-header'),
    otelHeader: secretFor('otel-vendor-key'),
    transformerHeader: secretFor('transformer-api-key'),
    vault: secretFor('vault-token'),
    approle: secretFor('vault-approle-secret-id'),
  };
  const declarative = [
    '_format_version: "2.1"',
    'services:',
    '- name: orders',
    '  url: http://orders.internal',
    '  routes:',
    `  - name: ${values.keyauth}`,
    `    paths: ["/visible-orders/\\\\d+", "/types/application/json/\\\\d+", ${Object.values(values).map((v) => `"/${v}/\\\\d+"`).join(', ')}]`,
    'consumers:',
    '- username: alice',
    `  keyauth_credentials: [{key: ${values.keyauth}}]`,
    `  basicauth_credentials: [{username: alice, password: ${values.basicauth}}]`,
    `  hmacauth_credentials: [{username: alice-hmac, secret: ${values.hmac}}]`,
    `  jwt_secrets: [{key: alice-issuer, secret: ${values.jwt}}]`,
    `  oauth2_credentials: [{name: app, client_id: visible-client-id, client_secret: ${values.oauth2}, redirect_uris: ["https://app.example.com/cb"]}]`,
    'keyauth_credentials:',
    `- {consumer: alice, key: ${values.topKeyauth}}`,
    'plugins:',
    `- {name: rate-limiting, config: {minute: 5, policy: redis, redis_host: redis.internal, redis_password: ${values.redis}}}`,
    `- {name: session, config: {secret: ${values.session}}}`,
    `- {name: aws-lambda, config: {aws_key: visible-key-id, aws_secret: ${values.lambda}, aws_region: eu-west-1, function_name: f}}`,
    `- {name: openid-connect, config: {issuer: "https://idp.example.com", client_secret: [${values.oidc}]}}`,
    `- {name: http-log, config: {http_endpoint: "http://logs.internal", headers: {Authorization: "Bearer ${values.header}", Accept: application/json}}}`,
    // Kong marks opentelemetry header values referenceable: a vendor's own key header is hidden.
    `- {name: opentelemetry, config: {endpoint: "http://otel.internal:4318/v1/traces", headers: {X-Honeycomb-Team: ${values.otelHeader}, Accept: application/json}}}`,
    `- {name: request-transformer, config: {add: {headers: ["X-Api-Key:${values.transformerHeader}", "Content-Type:application/json"]}}}`,
    'vaults:',
    `- {name: hcv, prefix: corp, config: {token: ${values.vault}, approle_secret_id: ${values.approle}, host: vault.internal}}`,
  ].join('\n');
  const formats = REPORT_FORMATS;
  const dir = tempDir({ 'kong.yml': `${declarative}\n` }, 'kp-secrets-entities-');
  const outputs: Record<string, string> = {};

  beforeAll(async () => {
    const common = ['check', '--declarative', join(dir, 'kong.yml'), '--from', '2.8.2.4', '--to', '3.10.0.0', '--edition', 'enterprise', '--no-db', '--no-config', '--fail-on', 'none'];
    Object.assign(outputs, await outputInEveryFormat(common, { cwd: dir }));
    const fixed = await runCli([...common, '--fix-output', join(dir, 'kong.fixed.yml')], { cwd: dir });
    outputs['fix-output log'] = fixed.stderr;
  });

  it('the findings that would quote them are there, with the values hidden', () => {
    // One path finding per value, the route named by the key-auth key.
    expect(outputs.text.match(/route "\(hidden\)": path `\/\(hidden\)\/\\d\+` is a regex/g)).toHaveLength(Object.keys(values).length);
    expect(outputs['fix-output log']).toContain('(hidden)');
  });

  it.each([...formats, 'fix-output log'])('%s prints none of the values', (name) => {
    const leaks = Object.entries(values).filter(([, value]) => outputs[name].includes(value)).map(([what]) => what);
    expect(leaks).toEqual([]);
    expect(outputs[name]).not.toContain(MARK);
  });

  it('a public value beside them stays visible', () => {
    for (const format of formats) expect(outputs[format]).toContain('/visible-orders/');
  });

  // Every header value of http-log and opentelemetry was hidden, so `application/json` (an
  // Accept header there) showed as `(hidden)` wherever a report quoted it.
  it('an ordinary header value of those plugins stays visible where it is quoted', () => {
    expect(outputs.text).toContain('path `/types/application/json/\\d+` is a regex');
  });
});
