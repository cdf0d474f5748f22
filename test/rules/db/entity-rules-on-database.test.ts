// The entity rules, written over the shared model, run unchanged on rows streamed from a real
// database: the same rule ids as for declarative files, with table, row id and field as location.

import fieldValueRejected from '../../../rules/entities/field-value-rejected';
import pluginFieldRenamed from '../../../rules/entities/plugin-field-renamed';
import pathHandlingV1 from '../../../rules/entities/route-path-handling-v1';
import regexWithoutTilde from '../../../rules/entities/route-regex-path-without-tilde';
import pathPercentEncoded from '../../../rules/entities/route-path-percent-encoded';
import type { Rule } from '../../../src/engine/define-rule';
import { databaseInputs } from '../../support/database-input';
import { runCase } from '../../support/rule-tester';

async function findings(rule: Rule, scenario: string, from: string, to: string) {
  const { result } = await runCase(rule, { name: scenario, from, to, inputs: databaseInputs(scenario) });
  expect(result.internalErrors).toEqual([]);
  expect(result.notEvaluated).toEqual([]);
  return result.findings.map((f) => ({ messageId: f.messageId, severity: f.severity, location: f.location }));
}

const routeRow = (id: string, field: string) => ({ kind: 'db', table: 'routes', id, field });
const pluginRow = (id: string, field: string) => ({ kind: 'db', table: 'plugins', id, field });

describe('entity rules on database rows', () => {
  it('regex paths without ~ in a 2.8 database (the 3.0 migration adds it: info)', async () => {
    expect(await findings(regexWithoutTilde, 'regex-routes-2.8', '2.8', '3.4')).toEqual([
      { messageId: 'migrationWillPrefix', severity: 'info', location: routeRow('a0e1c2d3-0000-4000-8000-000000000001', 'paths.0') },
      { messageId: 'migrationWillPrefix', severity: 'info', location: routeRow('a0e1c2d3-0000-4000-8000-000000000011', 'paths.0') },
      { messageId: 'migrationWillPrefix', severity: 'info', location: routeRow('a0e1c2d3-0000-4000-8000-000000000012', 'paths.0') },
    ]);
    // `/static-v1.2/files` only looks special: not reported.
  });

  // kong/db/migrations/migrate_path_280_300.lua@3.0.0 decodes escapes and removes dot segments
  // as it adds the `~`: the findings name the path it writes, not the path with a `~` in front.
  it('stored paths the 3.0 migration normalizes: info, naming what it writes', async () => {
    const messages = async (rule: Rule) => {
      const { result } = await runCase(rule, { name: 'escaped', from: '2.8', to: '3.4', inputs: databaseInputs('escaped-route-paths-2.8') });
      // Only the rows of escaped-route-paths-2.8.sql (ids ...0021, ...0022), not the base entities.
      return result.findings.filter((f) => f.location.kind === 'db' && /-00000000002\d$/.test(f.location.id ?? ''))
        .map((f) => `${f.messageId} ${f.severity} ${(f.location as { field?: string }).field}: ${f.message.replace(/^route "[^"]+": /, '')}`);
    };
    expect(await messages(regexWithoutTilde)).toEqual([
      'migrationWillPrefix info paths.0: stored path `/items%2Dlist/(\\d+)` becomes `~/items\\-list/(\\d+)` in the 3.0 migration (same matching); files and scripts must write that form from then on.',
    ]);
    expect(await messages(pathPercentEncoded)).toEqual([
      'migrationDecodes info paths.0: stored path `/items%2Dlist/(\\d+)` is rewritten as `~/items\\-list/(\\d+)` by the 3.0 migration (same matching); write that form in files and scripts.',
      'migrationDecodes info paths.0: stored path `/docs%20v2` is rewritten as `/docs v2` by the 3.0 migration (same matching); write that form in files and scripts.',
      'migrationDecodes info paths.1: stored path `/api/./v1` is rewritten as `/api/v1` by the 3.0 migration (same matching); write that form in files and scripts.',
    ]);
  });

  it('no regex finding when the path does not cross 3.0', async () => {
    expect(await findings(regexWithoutTilde, 'regex-routes-3.4', '3.4', '3.9')).toEqual([]);
  });

  it('plugin fields removed in 3.0 in stored rows', async () => {
    expect(await findings(pluginFieldRenamed, 'removed-plugins-2.8', '2.8', '3.4')).toEqual([
      // Kong 2.8 never stores whitelist (its acl schema turns it into allow): only SQL left it, and
      // the 2.1 migration that rewrote such rows is not on a 2.8 path, so 3.0 drops it.
      { messageId: 'notMigrated', severity: 'blocker', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000011', 'config.whitelist') },
      { messageId: 'migrated', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000012', 'config.functions') },
    ]);
    expect(await findings(fieldValueRejected, 'removed-plugins-2.8', '2.8', '3.4')).toEqual([
      { messageId: 'missing', severity: 'warning', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000013', 'config') },
    ]);
  });

  it('a 2.0 acl row: its whitelist is rewritten by the 2.1 migrations on the path, its null blacklist is nothing', async () => {
    const { result } = await runCase(pluginFieldRenamed, { name: '2.0 acl', from: '2.0', to: '3.4', inputs: databaseInputs('kong-2.0.5-acl-whitelist') });
    expect(result.findings.map((f) => ({ messageId: f.messageId, severity: f.severity, location: f.location, message: f.message }))).toEqual([{
      messageId: 'migrated', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000201', 'config.whitelist'),
      message: 'plugin "acl": stored `config.whitelist` is rewritten to `config.allow` by Kong\'s 2.1.0 migrations; update the automation that writes it.',
    }]);
  });

  it('a removed field Kong stored as null or empty is not reported: reading the row drops it', async () => {
    // Kong stores every field, unset ones as null (aws-lambda proxy_scheme, row ...101) and
    // pre-function's functions as [] (row ...102); row ...112 holds code in functions.
    const all = await findings(pluginFieldRenamed, 'kong-2.8.5-stored-plugins', '2.8', '3.4');
    const rowOf = (f: (typeof all)[number]) => (f.location.kind === 'db' ? f.location.id ?? '' : '');
    expect(all.filter((f) => ['101', '102', '104', '112'].includes(rowOf(f).slice(-3)))).toEqual([
      { messageId: 'migrated', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000112', 'config.functions') },
    ]);
  });

  // Kong 3.0 drops config keys its schema lost when it reads a row, and a PATCH merges into the
  // row as read (kong/db/schema/init.lua@3.0.0, kong/db/dao/init.lua@3.0.0): nothing fails. From
  // Kong 2.1 the aws-lambda handler took the proxy from proxy_url alone, so a 2.8 row loses nothing.
  it('a stored proxy_scheme with a value: ignored since 2.1, dropped on read by 3.0 (info)', async () => {
    const { result } = await runCase(pluginFieldRenamed, { name: '2.8 aws-lambda', from: '2.8', to: '3.4', inputs: databaseInputs('kong-2.8.5-stored-plugins') });
    const proxy = result.findings.filter((f) => f.location.kind === 'db' && f.location.field === 'config.proxy_scheme');
    expect(proxy.map((f) => ({ messageId: f.messageId, severity: f.severity, location: f.location, message: f.message, remediation: f.remediation }))).toEqual([{
      messageId: 'storedIgnored', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000115', 'config.proxy_scheme'),
      message: 'plugin "aws-lambda": stored `config.proxy_scheme` has had no effect since 2.1.0, and 3.0.0 drops it when reading the row (an Admin API PATCH writes the row back without it): nothing changes. Automation that still sends it fails validation.',
      remediation: 'Nothing to change in the database; remove `config.proxy_scheme` from the files and scripts that still send it.',
    }]);
  });

  it('a 2.0 row whose proxy_scheme 2.0 still read: the path loses it (warning, not a blocker)', async () => {
    const { result } = await runCase(pluginFieldRenamed, { name: '2.0 aws-lambda', from: '2.0', to: '3.4', inputs: databaseInputs('kong-2.0.5-aws-lambda-proxy') });
    expect(result.findings.map((f) => ({ messageId: f.messageId, severity: f.severity, location: f.location, message: f.message }))).toEqual([{
      messageId: 'droppedOnRead', severity: 'warning', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000202', 'config.proxy_scheme'),
      message: 'plugin "aws-lambda": stored `config.proxy_scheme` is gone from the 3.0.0 schema and no migration moves it: Kong drops it when reading the row, so what it set no longer applies.',
    }]);
  });

  // Every 2.x session row stores cookie_idletime: null (no default; kong/plugins/session/schema.lua
  // @2.8.5). No migration rewrites it (kong/plugins/session/migrations/init.lua@3.2.2); reading the
  // row runs the 3.2 shorthand, which makes it idling_timeout 0: no idle timeout, as before.
  it('a 2.8 session row with cookie_idletime null: 3.2 reads it as no idle timeout, nothing to report', async () => {
    const { result } = await runCase(pluginFieldRenamed, { name: '2.8 session', from: '2.8', to: '3.4', inputs: databaseInputs('kong-2.8.5-stored-plugins') });
    const sessionRows = ['b1d2e3f4-0000-4000-8000-000000000105', 'b1d2e3f4-0000-4000-8000-000000000113'];
    const onSession = result.findings.filter((f) => f.location.kind === 'db' && sessionRows.includes(f.location.id ?? ''));
    // Row ...113 set cookie_lifetime 7200; neither row's null idletime is reported.
    expect(onSession.map((f) => f.location)).toEqual([pluginRow('b1d2e3f4-0000-4000-8000-000000000113', 'config.cookie_lifetime')]);
  });

  it('deprecated fields holding the default Kong 2.8 stored are not reported; values an operator set are', async () => {
    // Rows ...103, ...105, ...106 hold only what Kong filled in (queue 10/1/2, session cookie
    // defaults, flat Redis defaults); ...111, ...113, ...114 carry other values.
    expect(await findings(pluginFieldRenamed, 'kong-2.8.5-stored-plugins', '2.8', '3.9')).toEqual([
      { messageId: 'renamed', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000111', 'config.queue_size') },
      { messageId: 'ignored', severity: 'warning', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000111', 'config.retry_count') },
      { messageId: 'migrated', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000112', 'config.functions') },
      { messageId: 'renamed', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000113', 'config.cookie_lifetime') },
      // One finding for the row's two flat Redis settings, at the first.
      { messageId: 'migratedFields', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000114', 'config.redis_host') },
      { messageId: 'storedIgnored', severity: 'info', location: pluginRow('b1d2e3f4-0000-4000-8000-000000000115', 'config.proxy_scheme') },
    ]);
  });

  it('names each flat Redis setting of one row in its single finding', async () => {
    const { result } = await runCase(pluginFieldRenamed, { name: '2.8 redis', from: '2.8', to: '3.9', inputs: databaseInputs('kong-2.8.5-stored-plugins') });
    const redis = result.findings.filter((f) => f.messageId === 'migratedFields');
    expect(redis.map((f) => f.message)).toEqual([
      expect.stringMatching(/: 2 stored fields are rewritten by Kong's 3\.6\.0 migrations \(`config\.redis_host` to `config\.redis\.host`, `config\.redis_port` to `config\.redis\.port`\); update the automation that writes them\.$/),
    ]);
  });

  // Kong 3.4 reads a row without validating it; process_auto_fields floors numbers of integer
  // fields on select (kong/db/schema/init.lua@3.4.0). No 3.4 migration touches queue settings.
  describe('queue values 3.4 refuses, in 3.3 rows', () => {
    const queueRows = async (topology: 'traditional' | 'hybrid') => {
      const { result } = await runCase(fieldValueRejected, { name: `3.3 http-log ${topology}`, from: '3.3', to: '3.4', topology, inputs: databaseInputs('kong-3.3.1-queue-values') });
      expect(result.internalErrors).toEqual([]);
      return result.findings.map((f) => ({ messageId: f.messageId, severity: f.severity, location: f.location, message: f.message }));
    };
    const batch = pluginRow('b1d2e3f4-0000-4000-8000-000000000302', 'config.queue.max_batch_size');
    const delay = pluginRow('b1d2e3f4-0000-4000-8000-000000000303', 'config.queue.initial_retry_delay');

    it('a fractional size is rounded down when read (info); a zero retry delay stays in use, and a PATCH fails (warning)', async () => {
      expect(await queueRows('traditional')).toEqual([
        {
          messageId: 'floored', severity: 'info', location: batch,
          message: 'plugin "http-log": stored `config.queue.max_batch_size` = 2.5 is read as 2 from 3.4.0, which rounds the row\'s number down to the integer the field now takes; files and API calls that send a fraction fail validation.',
        },
        {
          messageId: 'storedKept', severity: 'warning', location: delay,
          message: 'plugin "http-log": stored `config.queue.initial_retry_delay` = 0 is refused from 3.4.0 (at least 0.001 seconds); Kong still runs with the row as stored, but an Admin API PATCH of this entity fails validation until the value changes.',
        },
      ]);
    });

    it('on a hybrid control plane the data planes refuse the configuration the zero delay is sent in (blocker)', async () => {
      expect((await queueRows('hybrid')).map((f) => [f.messageId, f.severity, f.location])).toEqual([
        ['floored', 'info', batch],
        ['storedKeptHybrid', 'blocker', delay],
      ]);
    });
  });

  // The counters live inside the upstream's jsonb healthchecks column: the value rule reaches
  // them through the stored record, and only targets on the two patch lines that refuse 255.
  describe('upstream health check counters above 254, in 3.9 rows', () => {
    const counterRows = async (from: string, to: string) => {
      const { result } = await runCase(fieldValueRejected, { name: `health counters ${from} -> ${to}`, from, to, edition: 'enterprise', inputs: databaseInputs('kong-3.9.3-health-counters') });
      expect(result.internalErrors).toEqual([]);
      return result.findings.map((f) => [f.messageId, f.severity, f.location]);
    };
    const upstreamRow = (field: string) => ({ kind: 'db', table: 'upstreams', id: 'c3d4e5f6-0000-4000-8000-000000000901', field });

    it('the two counters at 255 are reported on a path to 3.12.0.11; the upstream at 254 is not', async () => {
      const found = await counterRows('3.10.0.0', '3.12.0.11');
      expect(found.map(([, , location]) => location)).toEqual([
        upstreamRow('healthchecks.active.healthy.successes'),
        upstreamRow('healthchecks.passive.unhealthy.timeouts'),
      ]);
      expect(found.map(([messageId, severity]) => `${messageId} ${severity}`)).toEqual(['storedKept warning', 'storedKept warning']);
    });

    it('nothing on a path that does not end on a line carrying the limit', async () => {
      expect(await counterRows('3.10.0.0', '3.14.0.0')).toEqual([]);
    });
  });

  it('route columns such as path_handling come through', async () => {
    expect(await findings(pathHandlingV1, 'clean-2.8', '2.8', '3.4')).toEqual([
      { messageId: 'v1Ignored', severity: 'warning', location: routeRow('a0e1c2d3-0000-4000-8000-000000000003', 'path_handling') },
    ]);
  });
});
