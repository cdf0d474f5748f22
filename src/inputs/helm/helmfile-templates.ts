// The Go templates of a helmfile (or of a `.gotmpl` values file), set aside so the YAML around them
// can be read without evaluating them. helmfile renders such a file with Go's text/template before
// reading it as YAML (helmfile pkg/app/desired_state_file_loader.go load, each `---` part on its own,
// at helmfile/helmfile@ecf604d529666c75f3ca9ef0aeafe3597c1dbe65). A value written inside a block
// (`{{ if }}`, `{{ else }}`, `{{ range }}`, `{{ with }}`) may or may not reach Helm, or reach it
// several times: such values are turned into unknowns that name their condition, never read as facts.

import type { FileOrigin } from '../../model/origin';
import type { HelmValue } from './values';

export interface TemplateAction {
  line: number;
  text: string;
}

/** One branch of a template block: the block's opening action, and the `{{ else }}` it is in, if any. */
export interface TemplateBranch {
  /** Unique per branch: an `{{ else }}` starts a new branch of the same block. */
  id: number;
  opener: string;
  openerLine: number;
  /** The `{{ else ... }}` action the branch starts at; undefined for the block's first branch. */
  otherwise?: string;
  otherwiseLine?: number;
}

export interface MaskedTemplates {
  text: string;
  templates: string[];
  /** Lines holding nothing but template actions, blanked. */
  actions: TemplateAction[];
  /** The blocks each line's content sits in, by line number; absent for lines outside any block. */
  branchesAt: ReadonlyMap<number, readonly TemplateBranch[]>;
  /** Lines a `-}}` trim marker joins onto the line before when helmfile renders: read on their own line. */
  joined: number[];
}

/** A template set aside stands in the YAML as `§T<n>¶¶¶`, as long as the template where it can be. */
const OPEN = '\u00a7';
const PAD = '\u00b6';
const MARK = new RegExp(`${OPEN}T(\\d+)${PAD}+`, 'g');

/** The actions that open, divide and close a block in Go's text/template. */
const BLOCK_WORD = /^(if|range|with|define|block|else|end)\b/;

/**
 * The text with each `{{ ... }}` replaced by a placeholder the YAML parser reads as plain text
 * (a template's quotes would otherwise end a quoted scalar), and each line holding nothing but
 * template actions blanked. Line numbers stay as they are. Trim markers are followed as Go's
 * text/template applies them (`{{- ` eats the white space before the action, ` -}}` the white
 * space after it, newlines included): a line whose indentation they change is re-indented as
 * helmfile would render it, so the YAML around a block keeps its rendered nesting.
 */
export function maskTemplates(text: string): MaskedTemplates {
  const templates: string[] = [];
  const actions: TemplateAction[] = [];
  const branchesAt = new Map<number, readonly TemplateBranch[]>();
  const joined: number[] = [];
  let stack: TemplateBranch[] = [];
  let branchCount = 0;
  // White space output since the last text, and whether a ` -}}` eats what follows.
  let pending = '';
  let eating = false;
  let anyOutput = false;
  const source = text.split('\n');
  const lines = source.map((line, index) => {
    if (line.replace(/\r$/, '') === '---') {
      // helmfile renders each `---` part of its file on its own: no block crosses one.
      stack = [];
      pending = '';
      eating = false;
      // The next part starts on a line of its own: nothing before it to join onto.
      anyOutput = false;
      return line;
    }
    const spans = templateSpans(line);
    let rest = '';
    let last = 0;
    for (const [start, end] of spans) {
      rest += line.slice(last, start);
      last = end;
    }
    rest += line.slice(last);
    const actionOnly = spans.length > 0 && rest.trim() === '';
    let started = false;
    let indent: string | undefined;
    const text = (piece: string) => {
      for (const char of piece) {
        if (/\s/.test(char)) {
          if (!eating) pending += char;
          continue;
        }
        eating = false;
        if (!started) {
          started = true;
          if (stack.length > 0) branchesAt.set(index + 1, [...stack]);
          const newline = pending.lastIndexOf('\n');
          if (newline >= 0) indent = pending.slice(newline + 1);
          else if (anyOutput) joined.push(index + 1);
        }
        pending = '';
        anyOutput = true;
      }
    };
    last = 0;
    for (const [start, end] of spans) {
      text(line.slice(last, start));
      const action = readAction(line.slice(start, end));
      if (action.trimBefore) pending = '';
      if (action.silent) {
        // A comment, a variable or a loop's break prints nothing.
      } else if (action.word) {
        if (['if', 'range', 'with', 'define', 'block'].includes(action.word)) stack.push({ id: branchCount++, opener: action.text, openerLine: index + 1 });
        else if (action.word === 'else' && stack.length > 0) stack[stack.length - 1] = { ...stack[stack.length - 1], id: branchCount++, otherwise: action.text, otherwiseLine: index + 1 };
        else if (action.word === 'end') stack.pop();
      } else {
        // Any other action prints something (a value, an include): the line has content.
        if (!started && stack.length > 0) branchesAt.set(index + 1, [...stack]);
        started = true;
        pending = '';
        anyOutput = true;
      }
      eating = action.trimAfter;
      last = end;
    }
    text(line.slice(last));
    if (index < source.length - 1) text('\n');
    if (actionOnly) {
      actions.push({ line: index + 1, text: line.trim() });
      return '';
    }
    let masked = '';
    last = 0;
    for (const [start, end] of spans) {
      const id = templates.push(line.slice(start, end)) - 1;
      const mark = `${OPEN}T${id}${PAD}`;
      masked += line.slice(last, start) + mark.padEnd(end - start, PAD);
      last = end;
    }
    masked += line.slice(last);
    const own = /^[ \t]*/.exec(masked)![0];
    return indent !== undefined && indent !== own && !/[^ \t]/.test(indent) ? indent + masked.slice(own.length) : masked;
  });
  return { text: lines.join('\n'), templates, actions, branchesAt, joined };
}

/** An action's keyword (`if`, `end`; none for a value or a comment), its text without trim markers, and its trim markers. */
function readAction(span: string): { word?: string; silent: boolean; text: string; trimBefore: boolean; trimAfter: boolean } {
  // Go's lexer reads `{{-` and `-}}` as trim markers only next to white space (`{{-3}}` is minus three).
  const trimBefore = /^\{\{-\s/.test(span);
  const trimAfter = /\s-\}\}$/.test(span);
  const inner = span.slice(trimBefore ? 3 : 2, trimAfter ? -3 : -2).trim();
  const word = BLOCK_WORD.exec(inner)?.[1];
  const silent = /^(\/\*|\$[\w]*\s*:?=[^=]|(break|continue)$)/.test(inner);
  return { ...(word ? { word } : {}), silent, text: `{{ ${inner} }}`, trimBefore, trimAfter };
}

/** Where the `{{ ... }}` of a line are (nested `{{` counted, as in {{`{{ .Release.Name }}`}}). */
export function templateSpans(line: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = line.indexOf('{{');
  while (i >= 0) {
    let depth = 0;
    let j = i;
    for (; j < line.length - 1; j++) {
      if (line[j] === '{' && line[j + 1] === '{') {
        depth++;
        j++;
      } else if (line[j] === '}' && line[j + 1] === '}') {
        depth--;
        j++;
        if (depth === 0) break;
      }
    }
    // An action left open on its line spans lines: left for the YAML parser to refuse.
    if (depth !== 0) break;
    spans.push([i, j + 1]);
    i = line.indexOf('{{', j + 1);
  }
  return spans;
}

/** The tree with each placeholder back to its template's text, and templated scalars marked. */
export function restoreTemplates(value: HelmValue, templates: readonly string[]): HelmValue {
  if (templates.length === 0) return value;
  const restore = (text: string) => text.replace(MARK, (_, id: string) => templates[Number(id)] ?? '');
  const has = (text: string) => text.includes(OPEN);
  const plain = (item: unknown): unknown => {
    if (typeof item === 'string') return has(item) ? restore(item) : item;
    if (Array.isArray(item)) return item.map(plain);
    if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([k, v]) => [restore(k), plain(v)]));
    return item;
  };
  const walk = (node: HelmValue): HelmValue => {
    if (node.kind === 'map') return { ...node, entries: new Map([...node.entries].map(([key, child]) => [has(key) ? restore(key) : key, walk(child)])) };
    if (node.kind === 'seq') return { ...node, items: node.items.map(plain), ...(node.nodes ? { nodes: node.nodes.map(walk) } : {}) };
    if (typeof node.value !== 'string' || !has(node.value)) return node;
    return { ...node, value: restore(node.value), source: restore(node.source), template: true };
  };
  return walk(value);
}

export function actionsText(actions: readonly TemplateAction[]): string {
  return actions.slice(0, 3).map((action) => `\`${action.text}\` at line ${action.line}`).join(', ') + (actions.length > 3 ? `, and ${actions.length - 3} more` : '');
}

/** `{{ if eq .Environment.Name "prod" }}` (line 24), or the `{{ else }}` (line 27) of it. */
export function branchText(branches: readonly TemplateBranch[]): string {
  return branches.map((b) => (b.otherwise ? `the \`${b.otherwise}\` (line ${b.otherwiseLine}) of \`${b.opener}\` (line ${b.openerLine})` : `\`${b.opener}\` (line ${b.openerLine})`)).join(' inside ');
}

/** A value written in a block, as the Go template that yields it: `{{ if X }}3.4{{ end }}`. */
function asTemplate(branches: readonly TemplateBranch[], written: string): string {
  const opened = branches.map((b) => (b.otherwise ? `${b.opener}…${b.otherwise}` : b.opener)).join('');
  return `${opened}${written}${'{{ end }}'.repeat(branches.length)}`;
}

/** A value left unknown because a block decides it, and where it was written. */
export interface HiddenValue {
  path: string;
  origin: FileOrigin;
  branches: readonly TemplateBranch[];
}

/**
 * The blocks that decide a line: those its content sits in, less the ones that already enclose
 * `scope` (a whole release inside `{{ if }}` is read as if rendered: only blocks opened inside
 * it decide its values). Undefined when no block decides the line.
 */
export function blocksDeciding(masked: Pick<MaskedTemplates, 'branchesAt'>, scope: readonly TemplateBranch[] = []): (line: number) => readonly TemplateBranch[] | undefined {
  return (line) => {
    const inside = masked.branchesAt.get(line)?.filter((branch) => !scope.some((outer) => outer.id === branch.id));
    return inside && inside.length > 0 ? inside : undefined;
  };
}

/**
 * The values with every value written inside a block turned into an unknown (a templated scalar
 * naming its condition). A list with any item in a block is unknown as a whole: Helm replaces
 * lists, so which items it gets is not known. `forced` makes every value of the tree unknown
 * (a values file named inside a block). Hidden values are added to `hidden`.
 */
export function unknownInBlocks(value: HelmValue, deciding: (line: number) => readonly TemplateBranch[] | undefined, hidden: HiddenValue[], path = '', forced?: readonly TemplateBranch[]): HelmValue {
  if (value.kind === 'map') {
    let changed = false;
    const entries = new Map<string, HelmValue>();
    for (const [key, child] of value.entries) {
      const next = unknownInBlocks(child, deciding, hidden, path ? `${path}.${key}` : key, forced);
      changed ||= next !== child;
      entries.set(key, next);
    }
    return changed ? { ...value, entries } : value;
  }
  const branches = forced ?? firstDecided(value, deciding);
  if (!branches) return value;
  hidden.push({ path, origin: value.origin, branches });
  const written = value.kind === 'scalar' ? (value.source.trim() || String(value.value)) : JSON.stringify(value.items);
  return { kind: 'scalar', value: asTemplate(branches, written), source: value.kind === 'scalar' ? value.source : written, origin: value.origin, template: true, condition: branchText(branches) };
}

/** The blocks deciding a scalar's line, or the first line of a list or map that a block decides. */
export function firstDecided(value: HelmValue, deciding: (line: number) => readonly TemplateBranch[] | undefined): readonly TemplateBranch[] | undefined {
  const own = deciding(value.origin.line);
  if (own || value.kind === 'scalar') return own;
  const children = value.kind === 'map' ? [...value.entries.values()] : value.nodes ?? [];
  for (const child of children) {
    const found = firstDecided(child, deciding);
    if (found) return found;
  }
  return undefined;
}

/** Hidden values as a note's list: `image.tag at line 21 under `{{ if ... }}` (line 19)`. */
export function hiddenText(hidden: readonly HiddenValue[], limit = 5): string {
  const shown = hidden.slice(0, limit).map((h) => `${h.path || '(the whole entry)'} at ${h.origin.file}:${h.origin.line} under ${branchText(h.branches)}`);
  return shown.join('; ') + (hidden.length > limit ? `; and ${hidden.length - limit} more` : '');
}
