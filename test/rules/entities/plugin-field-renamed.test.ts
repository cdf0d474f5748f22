import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/entities/plugin-field-renamed';
import { runOnFiles, runRuleOnText, summarize, type PlanOptions } from '../../support/declarative-harness';
import { checkJson } from '../../support/check-json';
import { runCli } from '../../support/cli';

describe('entities/plugin-field-renamed', () => {
  it('valid: allow instead of whitelist', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: acl, config: {allow: [a]}}]\n')).toEqual([]);
  });
  // An Enterprise 2.4 request-transformer-advanced writes whitelist.body (sweep 7,
  // somethingwentwell/kong-learning reqtransadvtemplate.yaml); the 3.4 schema has only allow.
  it('invalid: request-transformer-advanced whitelist (a warning: when it went is not documented)', async () => {
    const text = 'plugins:\n- name: request-transformer-advanced\n  config:\n    replace: {uri: /a}\n    whitelist:\n      body: null\n';
    const plan = { from: '2.8.4.14', to: '3.4.3.2', edition: 'enterprise' as const };
    expect(await runRuleOnText(rule, plan, text)).toEqual(['removed warning @6']);
    expect(await runRuleOnText(rule, plan, text.replace('whitelist', 'allow'))).toEqual([]);
  });
  it('valid: whitelist on another plugin', async () => {
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, 'plugins: [{name: my-plugin, config: {whitelist: [a]}}]\n')).toEqual([]);
  });
  // kong/db/schema/init.lua refuses a field the schema no longer has even when it is null (only
  // data planes skip it); decK dumps of 2.x write unset fields as null.
  it('invalid: a removed field written as null or as an empty list', async () => {
    const text = 'plugins:\n- name: post-function\n  config:\n    functions: null\n    access: [a]\n- name: pre-function\n  config:\n    functions: []\n    access: [b]\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual(['removed blocker @4', 'removed blocker @8']);
  });
  // Kong 3.8 ignores a null alias beside a set replacement (kong/db/schema/init.lua,
  // null_aware_table_merge); 3.6-3.7 apply the alias last, so the null unsets the replacement.
  it('valid: a deprecated (still known) alias left null is simply unset from 3.8', async () => {
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.8.0' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: redis, redis_host: null, redis: {host: b}}\n')).toEqual([]);
  });
  it('invalid: a null alias unsets its replacement on 3.6-3.7', async () => {
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: redis, redis_host: null, redis: {host: b}}\n')).toEqual(['aliasApplied warning @3']);
  });
  it('valid: a null alias beside an unset replacement', async () => {
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: local, redis_host: null, redis: {host: null}}\n')).toEqual([]);
  });

  // Enterprise 3.8 turned openid-connect's session_redis_* into shorthands of config.redis.*
  // (plugins-ee/openid-connect/.../schema.lua@0395a2d8f3); the 3.7 host/port defaults
  // (127.0.0.1, 6379) are not those of the 3.8 record (none), so a dump's defaults are reported too.
  const oidcRedis = 'plugins:\n- name: openid-connect\n  config:\n    issuer: https://idp.example.com\n    session_redis_host: 127.0.0.1\n    session_redis_port: 6379\n    session_redis_cluster_nodes: null\n';
  const ee38 = { from: '3.4.3.2', to: '3.8.0.0', edition: 'enterprise' as const };
  it('invalid: openid-connect session_redis_* settings crossing 3.8', async () => {
    expect(await runRuleOnText(rule, ee38, oidcRedis)).toEqual(['renamedFields info @5']);
  });
  it('valid: openid-connect session_redis_* on a path that stays below 3.8', async () => {
    expect(await runRuleOnText(rule, { ...ee38, to: '3.7.1.0' }, oidcRedis)).toEqual([]);
  });
  // Kong does not translate host and port beside cluster nodes, and the Redis record refuses them together.
  it('invalid: openid-connect session_redis_host and port beside cluster nodes are ignored, not renamed', async () => {
    const clustered = oidcRedis.replace('session_redis_cluster_nodes: null', 'session_redis_cluster_nodes: [{ip: 10.0.0.1, port: 6379}]');
    expect(await runRuleOnText(rule, ee38, clustered)).toEqual(['ignoredFields info @5', 'renamed info @7']);
  });

  // A 3.5 rate-limiting plugin with its Redis settings flat: every one is an alias from 3.6
  // (kong/plugins/rate-limiting/schema.lua@3.9.3, shorthand_fields), reported as one finding.
  const flatRedis = 'plugins:\n- name: rate-limiting\n  config:\n    minute: 10\n    policy: redis\n    redis_host: redis.internal\n    redis_port: 6380\n    redis_password: s3cret\n    redis_timeout: 500\n    redis_database: 2\n';
  it('invalid: the flat redis_* settings of one rate-limiting plugin make one finding naming each', async () => {
    const result = await runOnText({ from: '3.4.0', to: '3.6.0' }, flatRedis);
    expect(summarize(result.findings)).toEqual(['entities/plugin-field-renamed renamedFields info @6']);
    const [finding] = result.findings;
    expect(finding.message).toBe('plugin "rate-limiting": 5 fields are deprecated from 3.6.0: `config.redis_host` (use `config.redis.host`), `config.redis_port` (use `config.redis.port`), '
      + '`config.redis_password` (use `config.redis.password`), `config.redis_timeout` (use `config.redis.timeout`), `config.redis_database` (use `config.redis.database`). '
      + 'Redis settings moved into the shared config.redis record in 3.6; the flat names remain deprecated aliases (removal planned for 4.0).');
    expect(finding.data).toMatchObject({ count: 5, from: 'config.redis_host, config.redis_port, config.redis_password, config.redis_timeout, config.redis_database' });
    expect(finding.remediation).toContain('Move config.redis_database to config.redis.database.');
  });
  it('valid: one deprecated redis field keeps its own message and data (the fingerprint of a lone field does not change)', async () => {
    const result = await runOnText({ from: '3.4.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config:\n    minute: 10\n    policy: redis\n    redis_host: redis.internal\n');
    expect(summarize(result.findings)).toEqual(['entities/plugin-field-renamed renamed info @6']);
    expect(result.findings[0].message).toMatch(/^plugin "rate-limiting": `config\.redis_host` is deprecated from 3\.6\.0; use `config\.redis\.host`\. /);
    expect(result.findings[0].data).toMatchObject({ from: 'config.redis_host', to: 'config.redis.host', fact: 'plugin.rate-limiting.redis_host.renamed' });
  });
  it('invalid: a grouped finding keeps every other field as a further place (alsoAt), in file order', async () => {
    const result = await runOnText({ from: '3.4.0', to: '3.6.0' }, flatRedis);
    const [finding] = result.findings;
    expect(finding.location).toMatchObject({ kind: 'file', line: 6 });
    expect(finding.alsoAt?.map((at) => (at.kind === 'file' ? at.line : -1))).toEqual([7, 8, 9, 10]);
  });
  it('valid: a lone field names no further place', async () => {
    const result = await runOnText({ from: '3.4.0', to: '3.6.0' }, 'plugins:\n- name: rate-limiting\n  config:\n    minute: 10\n    policy: redis\n    redis_host: redis.internal\n');
    expect(result.findings[0].alsoAt).toBeUndefined();
  });
  // Before fields were grouped, a comment above redis_port hid redis_port's own finding; the
  // grouped finding sits at redis_host, and the comment must still reach it.
  it('a suppression comment above any grouped field hides the grouped finding (check --format json)', async () => {
    const lines = flatRedis.split('\n');
    lines.splice(6, 0, '    # kong-preflight-disable-next-line entities/plugin-field-renamed -- moved to config.redis in PLAT-12');
    const files = { 'kong.yml': lines.join('\n') };
    const args = ['--declarative', 'kong.yml', '--from', '3.4.0', '--to', '3.6.0', '--no-db', '--no-config'];
    const { findings, suppressed } = await checkJson(files, args);
    expect(findings.filter((f) => f.ruleId.startsWith('entities/plugin-field-renamed') || f.ruleId.startsWith('meta/'))).toEqual([]);
    expect(suppressed).toEqual([expect.objectContaining({ ruleId: 'entities/plugin-field-renamed', messageId: 'renamedFields', suppression: expect.objectContaining({ reason: 'moved to config.redis in PLAT-12' }) })]);
  });
  it('SARIF links the further fields of a grouped finding as related locations', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-rule-'));
    writeFileSync(join(dir, 'kong.yml'), flatRedis);
    const result = await runCli(['check', '--declarative', 'kong.yml', '--from', '3.4.0', '--to', '3.6.0', '--no-db', '--no-config', '--format', 'sarif'], { cwd: dir });
    const results = JSON.parse(result.stdout).runs[0].results as { ruleId: string; relatedLocations?: { physicalLocation: { region: { startLine: number } } }[] }[];
    const grouped = results.find((r) => r.ruleId === 'entities/plugin-field-renamed');
    expect(grouped?.relatedLocations?.map((l) => l.physicalLocation.region.startLine)).toEqual([7, 8, 9, 10]);
  });
  // Fields of another kind stay apart too: see the openid-connect ignored/renamed case above.
  it('valid: the fields of two plugins stay apart', async () => {
    const two = `${flatRedis}- name: acl\n  config:\n    whitelist: [a]\n    blacklist: [b]\n`;
    const result = await runOnText({ from: '2.8.2', to: '3.6.0' }, two);
    expect(summarize(result.findings)).toEqual([
      'entities/plugin-field-renamed removedFields blocker @13', 'entities/plugin-field-renamed renamedFields info @6',
    ]);
  });

  // What `deck gateway dump` writes for rate-limiting on 3.6-3.13: Kong returns every alias beside
  // its replacement with the same value, and unset ones as null on both sides.
  const dump = [
    'plugins:', '- name: rate-limiting', '  config:', '    minute: 10', '    policy: redis',
    '    redis_host: redis.internal', '    redis_port: 6379', '    redis_database: 0', '    redis_ssl: false',
    '    redis_ssl_verify: false', '    redis_timeout: 2000', '    redis_password: null', '    redis_username: null',
    '    redis:', '      host: redis.internal', '      port: 6379', '      database: 0', '      ssl: false',
    '      ssl_verify: false', '      timeout: 2000', '      password: null', '      username: null', '',
  ].join('\n');
  it('valid: alias and replacement with equal values (a decK dump)', async () => {
    expect(await runRuleOnText(rule, { from: '3.0.0', to: '3.9.0' }, dump)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.5.0', to: '3.6.0' }, dump)).toEqual([]);
  });
  it('valid: equal lists, compared through the new shape', async () => {
    const text = [
      'plugins:', '- name: rate-limiting-advanced', '  config:', '    redis:',
      '      cluster_addresses: ["10.0.0.1:6379", "10.0.0.2:6379"]',
      '      cluster_nodes: [{ip: 10.0.0.1, port: 6379}, {ip: 10.0.0.2, port: 6379}]',
      '      timeout: 2000', '      connect_timeout: 2000', '      send_timeout: 2000', '      read_timeout: 2000', '',
    ].join('\n');
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' }, text)).toEqual([]);
    const differing = text.replace('read_timeout: 2000', 'read_timeout: 5000').replace('10.0.0.2, port: 6379', '10.0.0.2, port: 6380');
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' }, differing)).toEqual(['refused blocker @5', 'refused blocker @7']);
  });

  it('valid: equal sentinel lists, whose nodes are { host, port } records', async () => {
    const text = [
      'plugins:', '- name: rate-limiting-advanced', '  config:', '    redis:',
      '      sentinel_addresses: ["s1.internal:26379"]',
      '      sentinel_nodes: [{host: s1.internal, port: 26379}]', '',
    ].join('\n');
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' }, text)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise' }, text.replace('host: s1', 'host: s2'))).toEqual(['refused blocker @5']);
  });

  const differing = 'plugins:\n- name: rate-limiting\n  config: {minute: 1, policy: redis, redis_host: a, redis_port: 6379, redis: {host: b, port: 6379}}\n';
  it('invalid: different values before 3.8, where the alias wins', async () => {
    const result = await runOnText({ from: '3.5.0', to: '3.7.1' }, differing);
    expect(summarize(result.findings)).toEqual(['entities/plugin-field-renamed aliasApplied warning @3']);
    expect(result.findings[0].message).toBe('plugin "rate-limiting": `config.redis_host` and its replacement `config.redis.host` disagree; Kong 3.7.1 applies `config.redis_host` over `config.redis.host` (from 3.8.0 Kong refuses the difference).');
  });
  it('invalid: different values on 3.8 and later are refused', async () => {
    const result = await runOnText({ from: '3.5.0', to: '3.9.0' }, differing);
    expect(summarize(result.findings)).toEqual(['entities/plugin-field-renamed refused blocker @3']);
    expect(result.findings[0].message).toContain('which Kong refuses from 3.8.0');
  });
  it('invalid: crossing 3.14 the difference stays refused unless schema_alias_conflict_mode = warn', async () => {
    const plan = { from: '3.4.1.0', to: '3.14.0.0', edition: 'enterprise' as const };
    expect(await runRuleOnText(rule, plan, differing)).toEqual(['refused blocker @3']);
    expect(await runRuleOnText(rule, plan, differing, { conf: 'schema_alias_conflict_mode = warn\n' })).toEqual(['replacementApplied warning @3']);
    expect(await runRuleOnText(rule, plan, differing, { conf: 'schema_alias_conflict_mode = error\n' })).toEqual(['refused blocker @3']);
  });
  it('invalid: an alias Kong does not check against its replacement', async () => {
    const text = 'plugins:\n- name: session\n  config: {cookie_lifetime: 3600, rolling_timeout: 60}\n';
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.9.0' }, text)).toEqual(['conflict warning @3']);
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.9.0' }, text.replace('rolling_timeout: 60', 'rolling_timeout: 3600'))).toEqual([]);
  });

  // The 3.2 cookie_idletime shorthand turns null into idling_timeout 0 (no idle timeout, as the
  // null meant with lua-resty-session 3) and, having no deprecation, writes it over idling_timeout
  // (kong/plugins/session/schema.lua@3.2.0, kong/db/schema/init.lua@3.2.0 and @3.9.3).
  it('valid: cookie_idletime null alone, or beside idling_timeout 0, keeps no idle timeout', async () => {
    const alone = 'plugins:\n- name: session\n  config: {cookie_name: sid, cookie_idletime: null}\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, alone)).toEqual([]);
    const besideZero = 'plugins:\n- name: session\n  config: {cookie_idletime: null, idling_timeout: 0}\n';
    expect(await runRuleOnText(rule, { from: '3.1.0', to: '3.9.0' }, besideZero)).toEqual([]);
  });
  it('invalid: cookie_idletime null beside another idling_timeout: Kong writes 0 over it', async () => {
    const text = 'plugins:\n- name: session\n  config:\n    cookie_idletime: null\n    idling_timeout: 600\n';
    const result = await runOnText({ from: '3.1.0', to: '3.9.0' }, text);
    expect(summarize(result.findings)).toEqual(['entities/plugin-field-renamed nullApplied warning @4']);
    expect(result.findings[0].message).toBe('plugin "session": `config.cookie_idletime` is null beside `config.idling_timeout`; Kong turns the null into 0 (no idle timeout) and writes it over `config.idling_timeout`.');
    expect(result.findings[0].remediation).toBe('Remove `config.cookie_idletime`, so that `config.idling_timeout` applies.');
    // Below 3.2 cookie_idletime is the field itself and idling_timeout unknown: another finding's matter.
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.1.0' }, text)).toEqual([]);
  });

  // decK merges `_plugin_configs.<name>` into every plugin naming it with `_config`
  // (go-database-reconciler pkg/file/builder.go): Kong receives the shared whitelist.
  it('invalid: a removed field in a decK shared config is reported once per plugin, at the shared text', async () => {
    const text = '_format_version: "1.1"\n_plugin_configs:\n  admins-only:\n    whitelist: [admins]\nconsumers:\n- username: foo\n  plugins:\n  - name: acl\n    _config: admins-only\nplugins:\n- name: acl\n  _config: admins-only\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual(['removed blocker @4', 'removed blocker @4']);
  });
  it('valid: a shared config that only holds the new name', async () => {
    const text = '_format_version: "3.0"\n_plugin_configs:\n  admins-only:\n    allow: [admins]\nplugins:\n- name: acl\n  _config: admins-only\n';
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual([]);
  });

  // opentelemetry 3.8 made endpoint a deprecated shorthand for traces_endpoint
  // (kong/plugins/opentelemetry/schema.lua@3.8.0; sweep files 040, 079).
  it('invalid: opentelemetry endpoint crossing 3.8', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: opentelemetry\n  config:\n    endpoint: http://otel:4318/v1/traces\n';
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, text)).toEqual(['renamed info @5']);
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.7.1' }, text)).toEqual([]);
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, text.replace('endpoint:', 'traces_endpoint:'))).toEqual([]);
  });
  // 3.14.0.0 breaking changes: access_logs_endpoint moved into the access_logs record (Enterprise sweep, 10a).
  it('invalid: opentelemetry access_logs_endpoint crossing 3.14', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: opentelemetry\n  config:\n    traces_endpoint: http://otel:4318/v1/traces\n    access_logs_endpoint: http://otel:4318/v1/logs\n';
    const plan = { from: '3.10.0.0', to: '3.14.0.0', edition: 'enterprise' as const };
    expect(await runRuleOnText(rule, plan, text)).toEqual(['renamed info @6']);
    expect(await runRuleOnText(rule, { ...plan, to: '3.13.0.0' }, text)).toEqual([]);
    expect(await runRuleOnText(rule, plan, text.replace('access_logs_endpoint: http', 'access_logs:\n      endpoint: http'))).toEqual([]);
  });
  // header_type and zipkin's default_header_type are deprecated from 3.7 with no one-to-one
  // replacement; their defaults draw no deprecation warning (deprecation.old_default).
  it('invalid: header_type and default_header_type other than their defaults crossing 3.7', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: zipkin\n  config:\n    header_type: w3c\n    default_header_type: w3c\n- name: opentelemetry\n  config:\n    traces_endpoint: http://otel\n    header_type: b3\n';
    const result = await runOnText({ from: '3.4.0', to: '3.7.1' }, text);
    expect(summarize(result.findings)).toEqual([
      'entities/plugin-field-renamed deprecated info @10', 'entities/plugin-field-renamed deprecatedFields info @5',
    ]);
    const messages = result.findings.map((f) => f.message).sort();
    expect(messages[0]).toMatch(/^plugin "opentelemetry": `config.header_type` is deprecated from 3.7.0\. /);
    expect(messages[1]).toMatch(/^plugin "zipkin": 2 fields are deprecated from 3.7.0: `config.header_type`, `config.default_header_type`\. /);
  });
  it('valid: header_type and default_header_type at their defaults, as every dump writes them', async () => {
    const text = '_format_version: "3.0"\nplugins:\n- name: zipkin\n  config:\n    header_type: preserve\n    default_header_type: b3\n- name: opentelemetry\n  config:\n    traces_endpoint: http://otel\n    header_type: preserve\n';
    expect(await runRuleOnText(rule, { from: '3.4.0', to: '3.9.0' }, text)).toEqual([]);
  });

  // The Enterprise OIDC/SAML session settings 3.2.1.0 dropped are still accepted and ignored; at the
  // defaults every older dump writes (configuration reference) they say nothing.
  const oidc = (session: string) => `_format_version: "3.0"\nplugins:\n- name: openid-connect\n  config:\n    issuer: https://idp.example.com\n${session}`;
  const eePlan = { from: '3.1.1.3', to: '3.4.3.5', edition: 'enterprise' as const };
  it('valid: dropped OIDC session settings at the defaults an older dump writes', async () => {
    const text = oidc('    session_cookie_renew: 600\n    session_cookie_maxsize: 4000\n    session_strategy: default\n    session_compressor: none\n');
    expect(await runRuleOnText(rule, eePlan, text)).toEqual([]);
  });
  it('invalid: dropped OIDC session settings an operator changed have no effect from 3.2.1.0', async () => {
    const text = oidc('    session_cookie_renew: 300\n    session_strategy: regenerate\n    session_compressor: zlib\n');
    expect(await runRuleOnText(rule, eePlan, text)).toEqual(['ignoredFields warning @6']);
  });

  // Kong's queue reads a legacy setting only when it differs from its 2.x default
  // (kong/tools/queue.lua@3.4.2, get_plugin_params): the defaults a dump writes change nothing.
  const httpLog = (legacy: string) => `_format_version: "3.0"\nplugins:\n- name: http-log\n  config:\n    http_endpoint: http://logs\n${legacy}    queue:\n      max_coalescing_delay: 1\n`;
  it('valid: http-log queue_size, flush_timeout and retry_count at their 2.x defaults (a decK dump)', async () => {
    const text = httpLog('    flush_timeout: 2\n    queue_size: 1\n    retry_count: 10\n');
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual([]);
    const otel = '_format_version: "3.0"\nplugins:\n- name: opentelemetry\n  config:\n    endpoint: http://otel\n    batch_span_count: 200\n    batch_flush_delay: 3\n';
    expect(await runRuleOnText(rule, { from: '3.2.0', to: '3.4.0' }, otel)).toEqual([]);
  });
  it('invalid: http-log legacy queue settings other than their defaults', async () => {
    const text = httpLog('    flush_timeout: 5\n    queue_size: 1\n    retry_count: 3\n');
    expect(await runRuleOnText(rule, { from: '2.8.2', to: '3.4.0' }, text)).toEqual(['conflict warning @6', 'ignored warning @8']);
  });
});

async function runOnText(plan: PlanOptions, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kp-rule-'));
  writeFileSync(join(dir, 'kong.yml'), text);
  return runOnFiles(plan, ['kong.yml'], dir, undefined, [rule]);
}

// 3.14.0.0 (gateway.json, kong-ee deprecation): llm_format deprecated; 3.13 and older wrote openai by default.
describe('entities/plugin-field-renamed: ai-rate-limiting-advanced llm_format', () => {
  const plan = { from: '3.10.0.0', to: '3.14.0.13', edition: 'enterprise' as const };
  const rla = (format: string) => `plugins:\n- name: ai-rate-limiting-advanced\n  config:\n    llm_format: ${format}\n    llm_providers: [{name: openai, window_size: [60], limit: [100]}]\n`;
  it('invalid: a chosen format other than the old default', async () => {
    expect(await runRuleOnText(rule, plan, rla('gemini'))).toEqual(['deprecated info @4']);
  });
  it('valid: the old default openai, which every dump writes', async () => {
    expect(await runRuleOnText(rule, plan, rla('openai'))).toEqual([]);
  });
  it('valid: a path that stops at 3.13', async () => {
    expect(await runRuleOnText(rule, { ...plan, to: '3.13.0.10' }, rla('gemini'))).toEqual([]);
  });
});

// Enterprise 2.8 kept session_redis_auth only as a shorthand, 3.0 dropped it, and openid-connect's
// 003_280_to_300 migration moves a stored value into session_redis_password (plugins-ee@FTI-6378).
describe('entities/plugin-field-renamed: openid-connect session_redis_auth', () => {
  const plan = { from: '2.8.4.14', to: '3.4.3.2', edition: 'enterprise' as const };
  const oidc = (session: string) => `plugins:\n- name: openid-connect\n  config:\n    issuer: https://idp.example.com\n${session}`;
  it('invalid: a file still writing it fails validation on 3.0', async () => {
    expect(await runRuleOnText(rule, plan, oidc('    session_redis_auth: x\n'))).toEqual(['removed blocker @5']);
  });
  it('valid: session_redis_password, or a path that stays on 2.8', async () => {
    expect(await runRuleOnText(rule, plan, oidc('    session_redis_password: x\n'))).toEqual([]);
    expect(await runRuleOnText(rule, { ...plan, to: '2.8.4.14' }, oidc('    session_redis_auth: x\n'))).toEqual([]);
  });
});
