// Plain YAML scalars as Kong reads them. Kong loads declarative YAML with `lyaml.load(contents)`
// and lyaml's default implicit conversions (YAML 1.1 style), not YAML 1.2's core schema:
// `strip_path: no` is the boolean false to Kong, `mode: 0755` is 493, `1_000` is 1000 and
// `1:30` is 90. Reading such a file with the core schema gave rules the text "no" where Kong
// sees false. Quoted scalars stay text in both.
//
// Sources (read, not copied):
// - Kong/kong kong/db/declarative/init.lua, parse_string: `pcall(lyaml.load, contents)`, no options.
// - gvvaughan/lyaml lib/lyaml/init.lua: the default `implicit_scalar` list and its order (null,
//   octal, decimal, float, bool, inf, nan, hexadecimal, binary, sexagesimal, sexfloat, text),
//   applied to PLAIN scalars only; lib/lyaml/implicit.lua: what each accepts.
//
// js-yaml asks each implicit type in turn whether it takes a plain scalar; the types below are
// disjoint, so their order does not change a result. Each rejects on the first character
// before trying a pattern: a 50,000-route file has ~1.5 million plain scalars, most of them
// names and paths.

/** The subset of js-yaml's `Type` constructor this module needs. */
export type TypeConstructor = new (tag: string, options: {
  kind: 'scalar';
  resolve: (data: string) => boolean;
  construct: (data: string) => unknown;
}) => unknown;

const TAG = 'tag:yaml.org,2002:';

/** lyaml's null words, and an empty plain scalar. */
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);

/** lyaml's boolean words (implicit.lua `to_bool`): YAML 1.1's yes/no and on/off included. */
const BOOLEANS = new Map<string, boolean>([
  ['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false],
  ['yes', true], ['Yes', true], ['YES', true], ['no', false], ['No', false], ['NO', false],
  ['on', true], ['On', true], ['ON', true], ['off', false], ['Off', false], ['OFF', false],
]);

const OCTAL = /^([+-]?)0_*([0-7][0-7_]*)$/;
const DECIMAL = /^([+-]?)_*([0-9][0-9_]*)$/;
const HEXADECIMAL = /^([+-]?)0x_*([0-9a-fA-F][0-9a-fA-F_]*)$/;
const BINARY = /^([+-]?)0b_*([01][01_]+)$/;
const SEXAGESIMAL = /^([+-]?)([0-9]+:[0-5]?[0-9][:0-9]*)$/;
const SEXAGESIMAL_FLOAT = /^([+-]?)([0-9]+:[0-5]?[0-9][:0-9]*)(\.[0-9]+)$/;
/** What Lua's tonumber reads as a decimal number, once underscores are dropped; lyaml wants a `.`, `e` or `E` in it. */
const FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const INFINITIES = new Map<string, number>([
  ['.inf', Infinity], ['.Inf', Infinity], ['.INF', Infinity], ['+.inf', Infinity], ['+.Inf', Infinity], ['+.INF', Infinity],
  ['-.inf', -Infinity], ['-.Inf', -Infinity], ['-.INF', -Infinity],
]);
const NANS = new Set(['.nan', '.NaN', '.NAN']);

/** The integer lyaml makes of a plain scalar, in lyaml's order; undefined when it makes none. */
export function lyamlInteger(text: string): number | undefined {
  const c = text.charCodeAt(0);
  // Every integer form starts with a sign, a digit or (decimal only) an underscore.
  if (!(c === 0x2b || c === 0x2d || c === 0x5f || (c >= 0x30 && c <= 0x39))) return undefined;
  let match = OCTAL.exec(text);
  if (match) return signed(match[1], parseInt(match[2].replace(/_/g, ''), 8));
  match = DECIMAL.exec(text);
  if (match) return signed(match[1], parseInt(match[2].replace(/_/g, ''), 10));
  match = HEXADECIMAL.exec(text);
  if (match) return signed(match[1], parseInt(match[2].replace(/_/g, ''), 16));
  match = BINARY.exec(text);
  if (match) return signed(match[1], parseInt(match[2].replace(/_/g, ''), 2));
  match = SEXAGESIMAL.exec(text);
  if (match) return signed(match[1], sexagesimal(match[2]));
  return undefined;
}

/** The float lyaml makes of a plain scalar (float, inf, nan, sexagesimal float); undefined when none. */
export function lyamlFloat(text: string): number | undefined {
  const c = text.charCodeAt(0);
  if (!(c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5f || (c >= 0x30 && c <= 0x39))) return undefined;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  if (FLOAT.test(plain) && /[.eE]/.test(text)) return Number(plain);
  const infinity = INFINITIES.get(text);
  if (infinity !== undefined) return infinity;
  if (NANS.has(text)) return NaN;
  const match = SEXAGESIMAL_FLOAT.exec(text);
  if (match) return signed(match[1], sexagesimal(match[2]) + Number(match[3]));
  return undefined;
}

/** `190:20:30` is ((190 * 60) + 20) * 60 + 30, as lyaml folds it. */
function sexagesimal(digits: string): number {
  let value = 0;
  for (const part of digits.split(':')) if (part !== '') value = value * 60 + Number(part);
  return value;
}

function signed(sign: string, value: number): number {
  return sign === '-' ? -value : value;
}

/** The value lyaml makes of a plain scalar: null, a boolean, a number, or the text itself. */
export function lyamlPlainValue(text: string): unknown {
  if (NULLS.has(text)) return null;
  const bool = BOOLEANS.get(text);
  if (bool !== undefined) return bool;
  return lyamlInteger(text) ?? lyamlFloat(text) ?? text;
}

/** Whether lyaml reads this text, written as a plain scalar, as text (not null, a boolean or a number). */
export function plainReadsAsText(text: string): boolean {
  return lyamlPlainValue(text) === text;
}

/** js-yaml implicit types that read plain scalars as lyaml does (null, int, float, bool). */
export function kongScalarTypes(Type: TypeConstructor): unknown[] {
  return [
    new Type(`${TAG}null`, { kind: 'scalar', resolve: (data) => data.length <= 4 && NULLS.has(data), construct: () => null }),
    new Type(`${TAG}int`, { kind: 'scalar', resolve: (data) => lyamlInteger(data) !== undefined, construct: (data) => lyamlInteger(data) }),
    new Type(`${TAG}float`, { kind: 'scalar', resolve: (data) => lyamlFloat(data) !== undefined, construct: (data) => lyamlFloat(data) }),
    new Type(`${TAG}bool`, { kind: 'scalar', resolve: (data) => data.length >= 2 && data.length <= 5 && BOOLEANS.has(data), construct: (data) => BOOLEANS.get(data) }),
  ];
}
