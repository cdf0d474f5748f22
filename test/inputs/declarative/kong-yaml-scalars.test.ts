// Plain scalars as Kong's lyaml reads them (lib/lyaml/implicit.lua, default order), case by case.

import { lyamlFloat, lyamlInteger } from '../../../src/inputs/declarative/kong-yaml-scalars';
import { readDeclarativeText } from '../../../src/inputs/declarative';

const valueOf = (scalar: string): unknown => (readDeclarativeText('k.yml', `v: ${scalar}\n`).root as { v: unknown }).v;

describe('plain scalars as Kong reads YAML', () => {
  it.each([
    ['yes', true], ['Yes', true], ['YES', true], ['no', false], ['No', false], ['NO', false],
    ['on', true], ['On', true], ['ON', true], ['off', false], ['Off', false], ['OFF', false],
    ['true', true], ['True', true], ['FALSE', false],
    ['tRue', 'tRue'], ['y', 'y'], ['n', 'n'], ['nO', 'nO'],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['nULL', 'nULL'],
    ['0755', 493], ['-010', -8], ['00', 0], ['0', 0], ['08', 8], ['1_000', 1000], ['_7', 7], ['+12', 12],
    ['0x1F', 31], ['0x_ff', 255], ['0X1F', '0X1F'], ['0b101', 5], ['0b1', '0b1'], ['0o17', '0o17'],
    ['1:30', 90], ['190:20:30', 685230], ['-1:00', -60], ['1:60', 120], ['1:a', '1:a'],
    ['1.5', 1.5], ['.5', 0.5], ['1.', 1], ['1e3', 1000], ['-2.5E-1', -0.25], ['1_0.5', 10.5], ['1:30.5', 90.5],
    ['.inf', Infinity], ['-.Inf', -Infinity], ['3.0', 3],
    ['2024-01-31', '2024-01-31'], ['10.0.0.1', '10.0.0.1'], ['/orders', '/orders'], ['1.2.3', '1.2.3'],
  ])('%s', (scalar, expected) => {
    expect(valueOf(scalar)).toEqual(expected);
  });

  it('reads .nan as NaN and leaves quoted scalars alone', () => {
    expect(valueOf('.NaN')).toBeNaN();
    expect(valueOf('"yes"')).toBe('yes');
    expect(valueOf("'0755'")).toBe('0755');
  });

  it('tells integers from floats as lyaml orders its tests', () => {
    expect(lyamlInteger('0755')).toBe(493);
    expect(lyamlFloat('0755')).toBeUndefined();
    expect(lyamlInteger('1.5')).toBeUndefined();
    expect(lyamlInteger('abc')).toBeUndefined();
    expect(lyamlFloat('abc')).toBeUndefined();
  });
});
