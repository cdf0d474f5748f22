// An override that gives Kong the value it already had changes nothing: Kong lets the higher
// source win (`overrides()` in kong/conf_loader/parse.lua@3.9.3: env over file), and the
// effective value is the same, so no "is overridden by" note is made. A different value still is.

import { loadKongConf } from '../../../src/inputs/kong-conf';
import { stackConfLayers } from '../../../src/inputs/kong-conf/load';
import type { ConfLayer } from '../../../src/inputs/kong-conf/load';
import { variablesConfLayer } from '../../../src/inputs/images/variables-conf-layer';
import { writeConf } from './conf-helpers';

const overrideNotes = (diagnostics: readonly { kind: string }[]) => diagnostics.filter((d) => d.kind === 'env-overrides-file' || d.kind === 'layer-overrides-file');

const layerOf = (file: string, line: number, name: string, value: string): ConfLayer =>
  variablesConfLayer([{ name, value, label: `environment ${name}`, origin: { kind: 'file', file, line, column: 1 } }])!;

describe('overrides that hold the same value', () => {
  it('KONG_* variable over a kong.conf line: silent when equal, named when different', () => {
    const file = writeConf('log_level = debug\nmem_cache_size = 128m # trailing comment\n');
    const same = loadKongConf(file, { KONG_LOG_LEVEL: ' debug ', KONG_MEM_CACHE_SIZE: '128m' });
    expect(overrideNotes(same.diagnostics)).toEqual([]);
    // The replaced line is still remembered.
    expect(same.get('log_level')?.overrides.map((o) => o.origin)).toEqual([expect.objectContaining({ kind: 'file', line: 1 })]);
    const different = loadKongConf(file, { KONG_LOG_LEVEL: 'info' });
    expect(overrideNotes(different.diagnostics)).toEqual([expect.objectContaining({ kind: 'env-overrides-file', key: 'log_level' })]);
  });

  it('a compose layer over a Dockerfile layer, and a layer over kong.conf', () => {
    const image = layerOf('Dockerfile', 3, 'KONG_DATABASE', 'off');
    expect(overrideNotes(stackConfLayers(image, layerOf('compose.yml', 7, 'KONG_DATABASE', 'off'))!.diagnostics)).toEqual([]);
    expect(overrideNotes(stackConfLayers(image, layerOf('compose.yml', 7, 'KONG_DATABASE', 'postgres'))!.diagnostics))
      .toEqual([expect.objectContaining({ message: '`database` is overridden by KONG_DATABASE set at compose.yml:7' })]);
    const file = writeConf('database = off\n');
    expect(overrideNotes(loadKongConf(file, {}, { layer: layerOf('compose.yml', 7, 'KONG_DATABASE', 'off') }).diagnostics)).toEqual([]);
    expect(overrideNotes(loadKongConf(file, {}, { layer: layerOf('compose.yml', 7, 'KONG_DATABASE', 'postgres') }).diagnostics)).toHaveLength(1);
  });

  it('an env_file line under the same environment: entry: silent when equal; an unreadable value is never equal', () => {
    const origin = (line: number) => ({ kind: 'file' as const, file: 'compose.yml', line, column: 1 });
    const equal = variablesConfLayer([
      { name: 'KONG_ROLE', value: 'data_plane', label: 'KONG_ROLE in env_file kong.env', origin: origin(1) },
      { name: 'KONG_ROLE', value: 'data_plane', label: 'environment KONG_ROLE', origin: origin(9) },
    ], { reportReplaced: true })!;
    expect(overrideNotes(equal.diagnostics)).toEqual([]);
    const unreadable = variablesConfLayer([
      { name: 'KONG_ROLE', value: '', label: 'KONG_ROLE in env_file kong.env', origin: origin(1) },
      { name: 'KONG_ROLE', unreadable: 'is taken from the shell', label: 'environment KONG_ROLE', origin: origin(9) },
    ], { reportReplaced: true })!;
    expect(overrideNotes(unreadable.diagnostics)).toHaveLength(1);
  });
});
