// The engine's contract: gates, missing inputs, crashes contained, messageIds checked, entity visitors.

import { defineRule } from '../../src/engine/define-rule';
import { RuleRegistry, validateRule } from '../../src/engine/registry';
import { interpolate, runRules } from '../../src/engine/run-rules';
import { resolveVersion } from '../../src/knowledge/releases';
import type { Entity, EntitySource, EntityType } from '../../src/model/entities';
import { computePlan } from '../../src/plan/compute-plan';

const plan = (from: string, to: string, edition: 'oss' | 'enterprise' = 'oss') =>
  computePlan({ from: resolveVersion(from, '--from'), to: resolveVersion(to, '--to'), topology: 'traditional', role: 'traditional', edition });

const base = {
  description: 'Does a thing for the test.',
  severity: 'warning' as const,
  remediation: 'Fix it.',
  docsUrl: 'https://example.invalid/rule',
  sources: [{ kind: 'docs' as const, ref: 'test' }],
};

const always = defineRule<'hit'>({
  ...base,
  id: 'test/always',
  inputs: [],
  gate: { introducedIn: '3.4.0.0' },
  messages: { hit: 'hit {{what}}' },
  check(ctx) {
    ctx.report({ messageId: 'hit', at: { kind: 'global' }, data: { what: 'x' } });
  },
});

describe('runRules', () => {
  it('runs a rule whose change lies on the path and labels the hop', async () => {
    const result = await runRules([always], { plan: plan('3.3', '3.4') });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ ruleId: 'test/always', message: 'hit x', severity: 'warning', hop: expect.stringContaining('3.4') });
    expect(result.evaluated).toEqual(['test/always']);
  });

  it('skips a rule whose change is not on the path, saying why', async () => {
    const result = await runRules([always], { plan: plan('3.4', '3.5') });
    expect(result.findings).toEqual([]);
    expect(result.notApplicable).toEqual([{ ruleId: 'test/always', reason: expect.stringMatching(/^path:/) }]);
  });

  it('lists a rule with a missing input as not evaluated, with the loader reason', async () => {
    const needsConf = defineRule<'hit'>({ ...base, id: 'test/needs-conf', inputs: ['kongConf'], messages: { hit: 'x' }, check: () => undefined });
    const result = await runRules([needsConf], { plan: plan('3.3', '3.4'), inputs: {}, missing: { kongConf: 'no kong.conf given' } });
    expect(result.notEvaluated).toEqual([{ ruleId: 'test/needs-conf', reason: 'no kong.conf given' }]);
  });

  it('runs a rule with anyInputs when one of them is present, and lists it as not evaluated when none is', async () => {
    const either = defineRule<'hit'>({
      ...base, id: 'test/either', inputs: [], anyInputs: ['kongConf', 'customPlugins'], messages: { hit: 'x' },
      check(ctx) { if (ctx.optionalInput('customPlugins')) ctx.report({ messageId: 'hit', at: { kind: 'global' } }); },
    });
    const missing = { kongConf: 'no kong.conf given', customPlugins: 'no --plugin-dir given' };
    const none = await runRules([either], { plan: plan('3.3', '3.4'), inputs: {}, missing });
    expect(none.notEvaluated).toEqual([{ ruleId: 'test/either', reason: 'no kong.conf given; no --plugin-dir given' }]);
    const some = await runRules([either], { plan: plan('3.3', '3.4'), inputs: { customPlugins: { roots: [], plugins: [] } }, missing });
    expect(some.evaluated).toEqual(['test/either']);
    expect(some.findings).toHaveLength(1);
    expect(validateRule({ ...either, meta: { ...either.meta, anyInputs: ['nope' as 'kongConf'] } })).toEqual(['unknown input "nope"']);
  });

  it('turns a crashing rule into an internal error and keeps running the others', async () => {
    const crash = defineRule<'hit'>({ ...base, id: 'test/crash', inputs: [], messages: { hit: 'x' }, check: () => { throw new Error('boom'); } });
    const result = await runRules([crash, always], { plan: plan('3.3', '3.4') });
    expect(result.internalErrors).toEqual([{ ruleId: 'test/crash', message: 'boom' }]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['test/always']);
  });

  it('rejects an unknown messageId as an internal error of that rule', async () => {
    const wrong = defineRule<'hit'>({ ...base, id: 'test/wrong', inputs: [], messages: { hit: 'x' }, check(ctx) { ctx.report({ messageId: 'nope' as 'hit', at: { kind: 'global' } }); } });
    const result = await runRules([wrong], { plan: plan('3.3', '3.4') });
    expect(result.internalErrors[0].message).toMatch(/unknown messageId "nope"/);
  });

  it('never lets an uncertain rule raise a blocker', async () => {
    const unsure = defineRule<'hit'>({ ...base, id: 'test/unsure', severity: 'warning', confidence: 'uncertain', inputs: [], messages: { hit: 'x' }, check(ctx) { ctx.report({ messageId: 'hit', severity: 'blocker', at: { kind: 'global' } }); } });
    const result = await runRules([unsure], { plan: plan('3.3', '3.4') });
    expect(result.findings[0].severity).toBe('warning');
  });

  it('collects a rule\'s findings however many there are (a spread of 200,000 overflowed the stack)', async () => {
    const many = defineRule<'hit'>({
      ...base, id: 'test/many', inputs: [], messages: { hit: 'hit' },
      check(ctx) {
        for (let i = 0; i < 200_000; i++) ctx.report({ messageId: 'hit', at: { kind: 'global' } });
      },
    });
    const result = await runRules([many], { plan: plan('3.3', '3.4') });
    expect(result.internalErrors).toEqual([]);
    expect(result.findings).toHaveLength(200_000);
  });

  it('applies configuration: disabled rules and severity overrides', async () => {
    const off = await runRules([always], { plan: plan('3.3', '3.4'), disabled: new Set(['test/always']) });
    expect(off.notApplicable[0].reason).toBe('disabled');
    const raised = await runRules([always], { plan: plan('3.3', '3.4'), severityOverrides: new Map([['test/always', 'blocker' as const]]) });
    expect(raised.findings[0].severity).toBe('blocker');
  });

  it('walks each entity type once per source and hands entities to every visitor', async () => {
    const walked: EntityType[] = [];
    const routes: Entity[] = ['a', 'b', 'c'].map((name) => ({ type: 'route', name, fields: {}, origin: { kind: 'global' }, at: () => ({ kind: 'global' }) }));
    const source: EntitySource = {
      kind: 'declarative',
      label: 'test',
      async each(type, visit) {
        walked.push(type);
        if (type === 'route') routes.forEach(visit);
      },
    };
    const seen: string[] = [];
    const visitorRule = (id: string) => defineRule<'hit'>({
      ...base, id, inputs: ['entities'], messages: { hit: '{{name}}' },
      check(ctx) {
        return { route(entity) { seen.push(`${id}:${entity.name}`); if (entity.name === 'b') ctx.report({ messageId: 'hit', at: entity.origin, data: { name: entity.name! } }); } };
      },
    });
    const result = await runRules([visitorRule('test/v-one'), visitorRule('test/v-two')], { plan: plan('3.3', '3.4'), inputs: { entities: [source] } });
    expect(walked).toEqual(['route']);
    expect(seen).toEqual(['test/v-one:a', 'test/v-two:a', 'test/v-one:b', 'test/v-two:b', 'test/v-one:c', 'test/v-two:c']);
    expect(result.findings.map((f) => `${f.ruleId}:${f.message}`)).toEqual(['test/v-one:b', 'test/v-two:b']);
    expect(result.evaluated).toEqual(['test/v-one', 'test/v-two']);
  });

  it('takes every wanted type in one pass from a source that offers it, and a throwing visitor fails only its rule', async () => {
    const entity = (type: EntityType, name: string): Entity => ({ type, name, fields: {}, origin: { kind: 'global' }, at: () => ({ kind: 'global' }) });
    const passes: string[] = [];
    const source: EntitySource = {
      kind: 'declarative',
      label: 'test',
      async each() {
        throw new Error('one pass per type was not expected');
      },
      async eachOf(types, visit) {
        passes.push([...types].sort().join(','));
        [entity('service', 's'), entity('route', 'r1'), entity('plugin', 'p'), entity('route', 'r2')].filter((e) => types.has(e.type)).forEach(visit);
      },
    };
    const seen: string[] = [];
    const counting = defineRule<'hit'>({
      ...base, id: 'test/counting', inputs: ['entities'], messages: { hit: '{{name}}' },
      check: () => ({ route: (e) => { seen.push(`route:${e.name}`); }, plugin: (e) => { seen.push(`plugin:${e.name}`); } }),
    });
    const throwing = defineRule<'hit'>({
      ...base, id: 'test/throwing', inputs: ['entities'], messages: { hit: '{{name}}' },
      check: () => ({ route: () => { throw new Error('boom'); } }),
    });
    const result = await runRules([counting, throwing], { plan: plan('3.3', '3.4'), inputs: { entities: [source] } });
    expect(passes).toEqual(['plugin,route']);
    expect(seen).toEqual(['route:r1', 'plugin:p', 'route:r2']);
    expect(result.evaluated).toEqual(['test/counting']);
    expect(result.internalErrors).toEqual([{ ruleId: 'test/throwing', message: 'boom' }]);
  });
});

// Facts name releases in Enterprise numbering; an open-source report must not print 3.4.1.0.
describe('versionData: releases in messages follow the report\'s edition', () => {
  const dated = defineRule<'hit'>({
    ...base,
    id: 'test/dated',
    inputs: [],
    versionData: ['since', 'steps'],
    messages: { hit: 'changes in {{since}}; steps {{steps}}; pinned {{pinned}}' },
    check(ctx) {
      for (const since of ['3.4.1.0', '3.4.3.5', '3.6.0']) {
        ctx.report({ messageId: 'hit', at: { kind: 'global' }, since, data: { since, steps: `${since} (to \`1000\`) and 3.6.0.0 (to \`10000\`)`, pinned: '3.4.1.0' } });
      }
    },
  });

  it('names OSS releases on an open-source plan, and an Enterprise-only patch as Enterprise\'s', async () => {
    const { findings } = await runRules([dated], { plan: plan('3.3', '3.7', 'oss') });
    expect(findings.map((f) => f.message)).toEqual([
      'changes in 3.4.1; steps 3.4.1 (to `1000`) and 3.6.0 (to `10000`); pinned 3.4.1.0',
      // OSS stops at 3.4.2: the 3.4.3.5 patch has no open-source counterpart.
      'changes in Enterprise 3.4.3.5; steps Enterprise 3.4.3.5 (to `1000`) and 3.6.0 (to `10000`); pinned 3.4.1.0',
      'changes in 3.6.0; steps 3.6.0 (to `1000`) and 3.6.0 (to `10000`); pinned 3.4.1.0',
    ]);
    // Programs read data: it keeps the fact's own numbering.
    expect(findings.map((f) => f.data?.since)).toEqual(['3.4.1.0', '3.4.3.5', '3.6.0']);
  });

  // A fact read from Kong's open-source tree says 3.6.0: an Enterprise report names it 3.6.0.0,
  // like the facts beside it, and data still keeps 3.6.0 (fingerprints do not move).
  it('names every release in four parts on an Enterprise plan', async () => {
    const { findings } = await runRules([dated], { plan: plan('3.3', '3.7', 'enterprise') });
    expect(findings.map((f) => f.message)).toEqual([
      'changes in 3.4.1.0; steps 3.4.1.0 (to `1000`) and 3.6.0.0 (to `10000`); pinned 3.4.1.0',
      'changes in 3.4.3.5; steps 3.4.3.5 (to `1000`) and 3.6.0.0 (to `10000`); pinned 3.4.1.0',
      'changes in 3.6.0.0; steps 3.6.0.0 (to `1000`) and 3.6.0.0 (to `10000`); pinned 3.4.1.0',
    ]);
    expect(findings.map((f) => f.data?.since)).toEqual(['3.4.1.0', '3.4.3.5', '3.6.0']);
  });

  it('refuses a version field that no message shows', () => {
    expect(validateRule({ ...dated, meta: { ...dated.meta, versionData: ['sinse'] } })).toContain('versionData names "sinse", which no message shows');
  });
});

describe('rule registry', () => {
  it('refuses malformed rules with every problem named', () => {
    const bad = { meta: { id: 'Bad Id', description: '', severity: 'fatal', inputs: ['nope'], messages: {}, remediation: '', docsUrl: '', sources: [] }, check: () => undefined };
    const problems = validateRule(bad as never);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/id/), expect.stringMatching(/description/), expect.stringMatching(/severity/),
      expect.stringMatching(/input "nope"/), expect.stringMatching(/messages/), expect.stringMatching(/sources/),
    ]));
    expect(() => new RuleRegistry([bad as never])).toThrow(/invalid rule Bad Id/);
  });

  it('refuses volatileData that is not a list of field names', () => {
    expect(validateRule({ ...always, meta: { ...always.meta, volatileData: 'date' as never } })).toContain('volatileData must be a list of data field names');
    expect(validateRule({ ...always, meta: { ...always.meta, volatileData: ['date'] } })).toEqual([]);
  });

  it('refuses duplicate ids', () => {
    expect(() => new RuleRegistry([always, always])).toThrow(/duplicate/);
  });

  it('refuses an uncertain blocker', () => {
    expect(validateRule({ ...always, meta: { ...always.meta, severity: 'blocker', confidence: 'uncertain' } })).toContain('an uncertain fact may not be a blocker');
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{{a}} and {{ b }} and {{c}}', { a: 1, b: 'two' })).toBe('1 and two and {{c}}');
  });

  it('gives the same text every time a template is used again, with other data', () => {
    const template = '`{{path}}`{{path}} on {{entity}}: {{ missing }}.';
    expect(interpolate(template, { path: '/a', entity: 'route "r"' })).toBe('`/a`/a on route "r": {{ missing }}.');
    expect(interpolate(template, { path: '/b', entity: 'x', missing: false })).toBe('`/b`/b on x: false.');
    expect(interpolate('no placeholders', { a: 1 })).toBe('no placeholders');
    expect(interpolate('', {})).toBe('');
  });
});
