// A value from a Secret (KIC `configPatches`) read along a field path: the field itself when the
// patch names it, or an object above it that may or may not hold the field. Conditions on a field
// a Secret may hold can be told neither way (model/field-paths.ts).

import type { Entity } from '../../src/model/entities';
import { conditionState, fieldState, fieldValues, matchState, matches } from '../../src/model/field-paths';
import { VALUE_FROM_SECRET } from '../../src/model/unknown-value';

function plugin(config: Record<string, unknown>): Entity {
  return { type: 'plugin', fields: { name: 'p', config }, origin: { kind: 'file', file: 'f', line: 1, column: 1 }, at: () => ({ kind: 'file', file: 'f', line: 1, column: 1 }) } as unknown as Entity;
}

describe('fieldValues and fieldState with values from Secrets', () => {
  it('marks a hit above the field as maybe, and keeps the field itself an ordinary hit', () => {
    const whole = plugin({ redis: VALUE_FROM_SECRET });
    expect(fieldValues(whole.fields, 'config.redis.timeout')).toEqual([{ path: ['config', 'redis'], value: VALUE_FROM_SECRET, maybe: true }]);
    expect(fieldState(whole.fields, 'config.redis.timeout')).toBe('unknown');
    // The object itself is set: its patch names it.
    expect(fieldValues(whole.fields, 'config.redis')).toEqual([{ path: ['config', 'redis'], value: VALUE_FROM_SECRET }]);
    expect(fieldState(whole.fields, 'config.redis')).toBe('set');
    const exact = plugin({ redis: { timeout: VALUE_FROM_SECRET } });
    expect(fieldState(exact.fields, 'config.redis.timeout')).toBe('set');
    expect(fieldState(exact.fields, 'config.redis.host')).toBe('unset');
  });

  it('counts a field set when one list item holds it, even if another item comes from a Secret', () => {
    const fields = plugin({ rules: [VALUE_FROM_SECRET, { max: 1 }] }).fields;
    expect(fieldState(fields, 'config.rules[].max')).toBe('set');
    expect(fieldState(plugin({ rules: [VALUE_FROM_SECRET] }).fields, 'config.rules[].max')).toBe('unknown');
  });
});

describe('conditions on a field a Secret may hold', () => {
  const whole = plugin({ redis: VALUE_FROM_SECRET });
  const written = plugin({ redis: { host: 'r' } });
  const exact = plugin({ redis: { timeout: VALUE_FROM_SECRET } });

  it('exists: true and exists: false both cannot be told below a whole object, and neither matches', () => {
    expect(conditionState(whole, { path: 'config.redis.timeout', exists: true })).toBeUndefined();
    expect(conditionState(whole, { path: 'config.redis.timeout', exists: false })).toBeUndefined();
    expect(matches(whole, [{ path: 'config.redis.timeout', exists: true }])).toBe(false);
    expect(matches(whole, [{ path: 'config.redis.timeout', exists: false }])).toBe(false);
    // Written, the answer is known both ways.
    expect(matches(written, [{ path: 'config.redis.timeout', exists: false }])).toBe(true);
    expect(matches(written, [{ path: 'config.redis.timeout', exists: true }])).toBe(false);
    // A patch of the field itself makes it present.
    expect(matches(exact, [{ path: 'config.redis.timeout', exists: true }])).toBe(true);
    expect(matches(exact, [{ path: 'config.redis.timeout', exists: false }])).toBe(false);
  });

  it('a value test below a whole object cannot be told; on the patched field itself it stays false', () => {
    expect(conditionState(whole, { path: 'config.redis.ssl', equals: true })).toBeUndefined();
    expect(conditionState(exact, { path: 'config.redis.timeout', equals: 2000 })).toBe(false);
    expect(conditionState(whole, { path: 'config.redis.list', includes: 'a', defaultList: ['a'] })).toBeUndefined();
    expect(conditionState(written, { path: 'config.redis.list', includes: 'a', defaultList: ['a'] })).toBe(true);
  });

  it('a failing condition outweighs one that cannot be told; anyOf holds when one member does', () => {
    expect(matchState(whole, [{ path: 'config.redis.ssl', equals: true }, { path: 'config.other', exists: true }])).toBe(false);
    expect(matchState(whole, [{ path: 'config.redis.ssl', equals: true }, { path: 'config.redis', exists: true }])).toBeUndefined();
    expect(conditionState(whole, { anyOf: [{ path: 'config.redis.ssl', equals: true }, { path: 'config.redis', exists: true }] })).toBe(true);
    expect(conditionState(whole, { anyOf: [{ path: 'config.redis.ssl', equals: true }, { path: 'config.other', exists: true }] })).toBeUndefined();
  });
});
