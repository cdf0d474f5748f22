// Helm's `--set NAME=VALUE` and `--set-string`, as Argo CD passes an Application's
// `helm.parameters` to `helm template` (argo-cd reposerver/repository/repository.go, util/helm/cmd.go):
// the name is a dotted path, the value is typed the way Helm's strvals parser types it, and the
// result is merged over every values file. Written from helm pkg/strvals/parser.go.

import type { FileOrigin } from '../../model/origin';
import type { HelmValue } from './values';

type ScalarValue = string | number | boolean | null;

/**
 * The keys of a `--set` name (`env.admin_listen` -> ['env', 'admin_listen']; `a\.b` is one key),
 * or undefined for a name this reader does not follow: list indexes (`plugins[0]`), empty keys
 * and commas, which make Helm read several assignments.
 */
export function setNamePath(name: string): string[] | undefined {
  const keys: string[] = [];
  let key = '';
  for (let i = 0; i < name.length; i++) {
    const char = name[i];
    if (char === '\\' && i + 1 < name.length) key += name[++i];
    else if (char === '[' || char === ',' || char === '=') return undefined;
    else if (char === '.') {
      if (key === '') return undefined;
      keys.push(key);
      key = '';
    } else key += char;
  }
  if (key === '') return undefined;
  keys.push(key);
  return keys;
}

/**
 * The value Helm stores for one parameter. Argo CD escapes the value's commas unless it is a
 * `{a,b}` list, so the rest of the value is one item; backslashes escape the character after them.
 */
export function setValue(raw: string, forceString: boolean): ScalarValue | ScalarValue[] {
  if (raw.startsWith('{') && raw.endsWith('}')) return splitUnescaped(raw.slice(1, -1)).map((item) => typedValue(item, forceString));
  return typedValue(unescape(raw), forceString);
}

/**
 * The value Helm stores for a helmfile `set:` entry: helmfile escapes the value's braces and
 * commas (helmfile pkg/state/state.go `escape`), so it is one item, never a `{a,b}` list; the
 * backslashes left are Helm's escapes.
 */
export function setLiteral(raw: string, forceString: boolean): ScalarValue {
  return typedValue(unescape(raw), forceString);
}

/** Helm's strvals typing: true/false/null and decimal integers without a leading zero; text otherwise. */
function typedValue(text: string, forceString: boolean): ScalarValue {
  if (forceString) return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (text === '0') return 0;
  // Go's ParseInt: an optional sign and decimal digits within 64 bits (kept as a number here).
  if (text !== '' && text[0] !== '0' && /^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return text;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/gs, '$1');
}

function splitUnescaped(text: string): string[] {
  const items: string[] = [];
  let item = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) item += text[++i];
    else if (text[i] === ',') {
      items.push(item);
      item = '';
    } else item += text[i];
  }
  items.push(item);
  return items;
}

/** A values tree holding one parameter, to merge over the values files as Helm merges `--set`. */
export function setTree(path: readonly string[], value: ScalarValue | ScalarValue[], source: string, origin: FileOrigin): HelmValue & { kind: 'map' } {
  let node: HelmValue = Array.isArray(value)
    ? { kind: 'seq', items: value, origin }
    : { kind: 'scalar', value, source, origin };
  for (let i = path.length - 1; i >= 0; i--) node = { kind: 'map', entries: new Map([[path[i], node]]), origin };
  return node as HelmValue & { kind: 'map' };
}
