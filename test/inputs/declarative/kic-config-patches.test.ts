// configPatches as the Kong Ingress Controller applies them: JSON Patch `add` at a RFC 6901
// pointer, missing parents created, the empty pointer replacing the whole config
// (Kong/kubernetes-ingress-controller internal/dataplane/kongstate/plugin.go@v3.4.0).

import { applyConfigPatches, parsePointer } from '../../../src/inputs/declarative/kic-config-patches';
import { VALUE_FROM_SECRET } from '../../../src/model/unknown-value';

const patch = (path: unknown) => ({ path, valueFrom: { secretKeyRef: { name: 's', key: 'k' } } });

describe('parsePointer', () => {
  it('reads RFC 6901 pointers, unescaping ~1 before ~0', () => {
    expect(parsePointer('/a/b')).toEqual(['a', 'b']);
    expect(parsePointer('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(parsePointer('/')).toEqual(['']);
  });

  it('refuses a pointer that does not start with / or holds a bad escape', () => {
    expect(parsePointer('a/b')).toBeUndefined();
    expect(parsePointer('/a~2')).toBeUndefined();
    expect(parsePointer('/a~')).toBeUndefined();
  });
});

describe('applyConfigPatches', () => {
  it('sets each patched field, creating missing mappings, and leaves the written config unchanged', () => {
    const written = { redis: { host: 'r' }, minute: 5 };
    const result = applyConfigPatches(written, [patch('/redis/password'), patch('/auth/header/value')]);
    expect(result).toEqual({
      config: { redis: { host: 'r', password: VALUE_FROM_SECRET }, minute: 5, auth: { header: { value: VALUE_FROM_SECRET } } },
      patched: [{ path: ['config', 'redis', 'password'], patch: 0 }, { path: ['config', 'auth', 'header', 'value'], patch: 1 }],
    });
    expect(written).toEqual({ redis: { host: 'r' }, minute: 5 });
  });

  it('inserts into lists at a position or at the end (-), as JSON Patch add does', () => {
    const written = { allow: ['10.0.0.0/8'] };
    const result = applyConfigPatches(written, [patch('/allow/-'), patch('/allow/0')]);
    expect(result).toEqual({ config: { allow: [VALUE_FROM_SECRET, '10.0.0.0/8', VALUE_FROM_SECRET] }, patched: [{ path: ['config', 'allow', 1], patch: 0 }, { path: ['config', 'allow', 0], patch: 1 }] });
    expect(written.allow).toEqual(['10.0.0.0/8']);
  });

  it('starts from an empty config when none is written', () => {
    expect(applyConfigPatches(undefined, [patch('/key_names')])).toEqual({ config: { key_names: VALUE_FROM_SECRET }, patched: [{ path: ['config', 'key_names'], patch: 0 }] });
  });

  it('stops inside a value already set from a Secret: what lies below is unknown too', () => {
    const result = applyConfigPatches({}, [patch('/redis'), patch('/redis/password')]);
    expect(result).toEqual({ config: { redis: VALUE_FROM_SECRET }, patched: [{ path: ['config', 'redis'], patch: 0 }, { path: ['config', 'redis'], patch: 1 }] });
  });

  it('knows nothing of a config the empty path replaces', () => {
    expect(applyConfigPatches({ minute: 5 }, [patch('/hour'), patch('')])).toEqual({ unknown: 'whole-config' });
  });

  it('refuses patches the controller cannot apply: no path, not a pointer, a scalar or a list end in the way', () => {
    expect(applyConfigPatches({}, [{ valueFrom: {} }])).toEqual({ unknown: 'not-applicable' });
    expect(applyConfigPatches({}, [patch('minute')])).toEqual({ unknown: 'not-applicable' });
    expect(applyConfigPatches({ minute: 5 }, [patch('/minute/x')])).toEqual({ unknown: 'not-applicable' });
    expect(applyConfigPatches({ allow: [] }, [patch('/allow/3')])).toEqual({ unknown: 'not-applicable' });
    expect(applyConfigPatches({ allow: ['a'] }, [patch('/allow/01')])).toEqual({ unknown: 'not-applicable' });
  });
});
