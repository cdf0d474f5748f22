// Writes a conversion into the file's own text: only the entries the conversion changed are
// rewritten, everything else (scalars, quoting, comments, line endings) is kept byte for byte.
// Printing the whole `yaml` Document again reformatted every value, and yaml 2.9.1 damaged some
// (a blank line of Lua code in a double-quoted string came back as `\`), in files where the
// conversion itself changed nothing there.
//
// The file is parsed with the `yaml` package for its layout (where each key and value starts and
// ends) and walked together with its value as read (`original`, lyaml's reading) and the value the
// conversion intends. An alias is never entered: the change is written once, at its anchor, which
// every alias shares, as Kong's loader shares one table. What cannot be written safely throws
// CannotPatch, and the caller refuses rather than guess.

import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { IntendedValue } from './intended-value';
import { sameValue } from './value-compare';
import { lyamlPlainValue } from '../inputs/declarative/kong-yaml-scalars';
import { blockEntries, flowText, scalarText } from './yaml-text';
import { isRecord } from '../model/field-paths';

export class CannotPatch extends Error {}

interface Edit {
  from: number;
  to: number;
  text: string;
}

type Entries = [string, unknown][];
const NOT_MERGED = Symbol('not merged');
type Merged = Map<string, unknown> | undefined;

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

function isMergePair(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.source === '<<';
}

/** `\r\n` when most of the file's lines end that way (text written by us follows the file). */
export function lineEndingOf(text: string): '\n' | '\r\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** Whether block lists sit at their key's column (`key:\n- item`), as many kong.yml files write them. */
function listsIndented(text: string): boolean {
  return !/^[^\s#][^\r\n]*:\r?\n-\s/m.test(text);
}

export function patchText(text: string, format: 'yaml' | 'json', original: Record<string, unknown>, intended: IntendedValue): string {
  // Only the layout is taken from this parse; keys are read as lyaml reads them (keyText).
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) throw new CannotPatch(`its layout could not be followed (${doc.errors[0].message.split('\n')[0]})`);
  if (!isMap(doc.contents)) throw new CannotPatch('its top level is not a mapping');
  const patcher = new Patcher(text, format === 'json', doc, intended);
  patcher.map(doc.contents, original, intended.root, true);
  return patcher.result();
}

class Patcher {
  private readonly edits: Edit[] = [];
  private readonly eol: string;
  private readonly indentSeq: boolean;
  /** The value as read of each anchored node, to know what a merge key (`<<: *name`) brings. */
  private readonly anchored = new Map<Node, unknown>();

  constructor(
    private readonly text: string,
    private readonly json: boolean,
    private readonly doc: Document,
    private readonly intended: IntendedValue,
  ) {
    this.eol = lineEndingOf(text);
    this.indentSeq = listsIndented(text);
  }

  result(): string {
    const edits = [...this.edits].sort((a, b) => a.from - b.from || a.to - b.to);
    let out = '';
    let at = 0;
    for (const edit of edits) {
      if (edit.from < at) throw new CannotPatch('two changes overlap in its text');
      out += this.text.slice(at, edit.from) + edit.text;
      at = edit.to;
    }
    return out + this.text.slice(at);
  }

  /** Whether the conversion left this value as it was. */
  private unchanged(original: unknown, wanted: unknown): boolean {
    if (wanted !== null && typeof wanted === 'object' && wanted === this.intended.copyOf(original)) return !this.intended.changedWithin(wanted);
    return sameValue(original, wanted);
  }

  /**
   * Brings `node` (read as `original`) to `wanted`, or answers 'replace' when only its parent
   * can write the new value (a scalar becomes something else, a list changes length...).
   */
  private value(node: Node | null, original: unknown, wanted: unknown, inFlow: boolean): 'done' | 'replace' {
    if (node?.anchor !== undefined) this.anchored.set(node, original);
    if (this.unchanged(original, wanted)) {
      if (node) this.noteAnchorsBelow(node, original);
      return 'done';
    }
    if (isAlias(node)) {
      // The anchored node holds this very value and was brought up to date where it stands.
      return wanted !== null && typeof wanted === 'object' && wanted === this.intended.copyOf(original) ? 'done' : 'replace';
    }
    if (isMap(node) && isRecord(original) && isRecord(wanted) && (Object.keys(wanted).length > 0 || node.flow)) {
      this.map(node, original, wanted, false);
      return 'done';
    }
    if (isSeq(node) && Array.isArray(original) && Array.isArray(wanted) && original.length === wanted.length) {
      node.items.forEach((item, index) => this.item(node, item as Node | null, original[index], wanted[index]));
      return 'done';
    }
    return 'replace';
  }

  private item(seq: YAMLSeq, node: Node | null, original: unknown, wanted: unknown): void {
    const inFlow = this.json || Boolean(seq.flow);
    if (this.value(node, original, wanted, inFlow) === 'replace') this.replaceInline(node, wanted, inFlow);
  }

  /** Writes `wanted` where `node` stands, on one line (a scalar, or a flow collection). */
  private replaceInline(node: Node | null, wanted: unknown, inFlow: boolean): void {
    if (!node?.range) throw new CannotPatch('a changed value has no place in its text');
    const [from, to] = node.range;
    const style = isScalar(node) ? node.type : undefined;
    let text = wanted !== null && typeof wanted === 'object' ? flowText(wanted, this.json) : scalarText(wanted, style, inFlow, this.json);
    // A block scalar (`|`) or block collection ends with its line break: the new text keeps it.
    if (to > from && this.text[to - 1] === '\n') text += this.eol;
    // `key:` with nothing written after the colon needs a blank before its new value.
    if (from === to && from > 0 && !/[\s[{,]/.test(this.text[from - 1])) text = ` ${text}`;
    this.edits.push({ from, to, text });
  }

  /** Brings a mapping to `wanted`: changed entries patched, removed ones cut out, new ones added. */
  map(node: YAMLMap, original: Record<string, unknown>, wanted: Record<string, unknown>, isRoot: boolean): void {
    const inFlow = this.json || Boolean(node.flow);
    const pairs = node.items as Pair[];
    const local = new Map<string, Pair[]>();
    const merges: Pair[] = [];
    let complexKey = false;
    for (const pair of pairs) {
      if (isMergePair(pair)) merges.push(pair);
      else if (isScalar(pair.key)) {
        const key = this.keyText(pair);
        local.set(key, [...(local.get(key) ?? []), pair]);
      } else complexKey = true;
    }
    if (complexKey) throw new CannotPatch('a mapping it changes has a key that is itself a list or mapping');
    const merged = merges.length > 0 ? this.mergedValues(merges) : new Map<string, unknown>();

    const deleted: Pair[] = [];
    const replaced: [Pair, unknown][] = [];
    const inserted: Entries = [];
    for (const key of new Set([...local.keys(), ...Object.keys(original), ...Object.keys(wanted)])) {
      const written = local.get(key);
      const fromMerge = merged?.has(key) ? merged.get(key) : NOT_MERGED;
      if (written) {
        if (!hasOwn(wanted, key)) {
          if (fromMerge !== NOT_MERGED || merged === undefined) throw new CannotPatch(`\`${key}\` would still come through a merge key (<<) once removed`);
          deleted.push(...written);
          continue;
        }
        // A key written twice: Kong keeps the later one, which is the one changed.
        const last = written[written.length - 1];
        if (this.value(last.value as Node | null, original[key], wanted[key], inFlow) === 'replace') replaced.push([last, wanted[key]]);
        continue;
      }
      // Not written here: absent, or brought by a merge key from an anchor changed where it stands.
      if (hasOwn(original, key) && hasOwn(wanted, key) && merged === undefined && this.unchanged(original[key], wanted[key])) continue;
      if (merged === undefined) throw new CannotPatch('a mapping it changes merges (<<) something other than an anchor');
      if (hasOwn(wanted, key)) {
        if (fromMerge !== NOT_MERGED && (fromMerge === wanted[key] || sameValue(fromMerge, wanted[key]))) continue;
        inserted.push([key, wanted[key]]);
      } else if (fromMerge !== NOT_MERGED) {
        throw new CannotPatch(`\`${key}\` comes through a merge key (<<) and cannot be removed from one use only`);
      }
    }
    if (deleted.length === 0 && replaced.length === 0 && inserted.length === 0) return;
    if (inFlow) this.patchFlowMap(node, pairs, deleted, replaced, inserted);
    else this.patchBlockMap(pairs, deleted, replaced, inserted, isRoot);
  }

  /**
   * What the merge keys of a mapping bring, as the conversion leaves their anchors: the first
   * source that has a key gives it (YAML's merge rule). Undefined when a source is not an alias.
   */
  private mergedValues(merges: readonly Pair[]): Merged {
    const out = new Map<string, unknown>();
    for (const pair of merges) {
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        if (!isAlias(source)) return undefined;
        const anchor = source.resolve(this.doc);
        if (!anchor || !this.anchored.has(anchor)) return undefined;
        const value = this.intended.copyOf(this.anchored.get(anchor));
        if (!isRecord(value)) return undefined;
        for (const key of Object.keys(value)) if (!out.has(key)) out.set(key, value[key]);
      }
    }
    return out;
  }

  private noteAnchorsBelow(node: Node, original: unknown): void {
    if (node.anchor !== undefined) this.anchored.set(node, original);
    if (isMap(node) && isRecord(original)) {
      for (const pair of node.items as Pair[]) {
        if (isScalar(pair.key) && pair.value && !isMergePair(pair)) this.noteAnchorsBelow(pair.value as Node, original[this.keyText(pair)]);
      }
    } else if (isSeq(node) && Array.isArray(original)) {
      node.items.forEach((item, index) => {
        if (item) this.noteAnchorsBelow(item as Node, original[index]);
      });
    }
  }

  // ---- block mappings: one entry per line (or a run of lines) at the mapping's column

  private patchBlockMap(pairs: Pair[], deleted: Pair[], replaced: [Pair, unknown][], inserted: Entries, isRoot: boolean): void {
    const column = this.columnOf(this.keyStart(pairs[0]));
    for (const [pair, value] of replaced) {
      // A scalar (or an empty list or mapping) takes the place of a value written on the key's
      // line; anything else gets the entry written again, in block style.
      const empty = value !== null && typeof value === 'object' && Object.keys(value).length === 0;
      const onKeyLine = pair.value !== null && !((isMap(pair.value) || isSeq(pair.value)) && !pair.value.flow);
      if ((value === null || typeof value !== 'object' || empty) && onKeyLine) this.replaceInline(pair.value as Node, value, false);
      else this.edits.push({ ...this.blockSpan(pair, true), text: this.blockText([[this.keyText(pair), value]], column, this.startsLine(pair)) });
    }
    const ordered = [...deleted].sort((a, b) => this.keyStart(a) - this.keyStart(b));
    if (ordered.length > 0) {
      // New entries take the place of the first removed one (a renamed field stays where it was).
      const [first, ...rest] = ordered;
      // A list or mapping the file wrote in flow style (`whitelist: [a, b]`) is replaced in that style.
      const flow = Boolean((isMap(first.value) || isSeq(first.value)) && first.value.flow);
      let text = inserted.length > 0 ? this.blockText(inserted, column, this.startsLine(first), flow) : '';
      // The comment that ended the old entry's line stays with what replaces it.
      const comment = this.lineComment(first);
      if (text !== '' && comment !== '') text = text.replace(this.eol, `${comment}${this.eol}`);
      this.edits.push({ ...this.blockSpan(first, text !== ''), text });
      for (const pair of rest) this.edits.push({ ...this.blockSpan(pair, false), text: '' });
      return;
    }
    if (inserted.length === 0) return;
    if (isRoot && inserted.every(([key]) => key.startsWith('_'))) {
      // `_format_version` and the like go first, where readers look for them.
      const at = this.lineStart(this.keyStart(pairs[0]));
      this.edits.push({ from: at, to: at, text: this.blockText(inserted, column, true) });
      return;
    }
    const at = this.lineEndAfter(this.valueEnd(pairs[pairs.length - 1]));
    let text = this.blockText(inserted, column, true);
    if (at === this.text.length && !this.text.endsWith('\n')) text = this.eol + text.slice(0, -this.eol.length);
    this.edits.push({ from: at, to: at, text });
  }

  /**
   * The text of a block entry, from the start of its line to the end of its value's last line.
   * An entry that shares its line with a `- ` keeps the dash: removed without replacement, the
   * next line's indentation goes too, so the entry after it moves up behind the dash.
   */
  private blockSpan(pair: Pair, replaced: boolean): { from: number; to: number } {
    const keyStart = this.keyStart(pair);
    const to = this.lineEndAfter(this.valueEnd(pair));
    if (this.startsLine(pair)) return { from: this.lineStart(keyStart), to };
    if (replaced) return { from: keyStart, to };
    let end = to;
    while (end < this.text.length && end - to < this.columnOf(keyStart) && this.text[end] === ' ') end++;
    return { from: keyStart, to: end };
  }

  /** ` # comment` after an entry written on one line, or ''. */
  private lineComment(pair: Pair): string {
    const end = this.valueEnd(pair);
    if (this.text.slice(this.keyStart(pair), end).includes('\n')) return '';
    const lineEnd = this.text.indexOf('\n', end);
    const rest = this.text.slice(end, lineEnd === -1 ? this.text.length : lineEnd).replace(/\r$/, '');
    return /^[ \t]+#/.test(rest) ? rest : '';
  }

  private blockText(entries: Entries, column: number, indentFirst: boolean, flow = false): string {
    const pad = ' '.repeat(column);
    const lines = flow
      ? entries.map(([key, value]) => `${scalarText(key, undefined, false, false)}: ${flowText(value, false)}`)
      : blockEntries(entries, this.indentSeq).split('\n');
    if (!flow) lines.pop();
    // After a `- ` kept in place (blockSpan), the first line goes where the old key was.
    return lines.map((line, index) => (line === '' || (index === 0 && !indentFirst) ? line : pad + line) + this.eol).join('');
  }

  // ---- flow mappings (and JSON): entries separated by commas

  private patchFlowMap(node: YAMLMap, pairs: Pair[], deleted: Pair[], replaced: [Pair, unknown][], inserted: Entries): void {
    for (const [pair, value] of replaced) this.replaceInline(pair.value as Node | null, value, true);
    const gone = new Set(deleted);
    const entry = ([key, value]: [string, unknown]) => `${scalarText(key, undefined, true, this.json)}: ${flowText(value, this.json)}`;
    const separator = this.flowSeparator(pairs);
    let slot: Pair | undefined;
    if (inserted.length > 0) {
      slot = pairs.find((pair) => gone.has(pair));
      if (slot) {
        gone.delete(slot);
        this.edits.push({ from: this.keyStart(slot), to: this.valueEnd(slot), text: inserted.map(entry).join(separator) });
      } else if (pairs.length > 0) {
        const at = this.valueEnd(pairs[pairs.length - 1]);
        this.edits.push({ from: at, to: at, text: separator + inserted.map(entry).join(separator) });
      } else {
        const at = node.range![0] + 1;
        this.edits.push({ from: at, to: at, text: inserted.map(entry).join(separator) });
      }
    }
    // Runs of removed entries go with one comma: the one before the next kept entry, or else
    // the one after the previous kept entry.
    for (let i = 0; i < pairs.length; i++) {
      if (!gone.has(pairs[i])) continue;
      let j = i;
      while (j + 1 < pairs.length && gone.has(pairs[j + 1])) j++;
      if (j + 1 < pairs.length) this.edits.push({ from: this.keyStart(pairs[i]), to: this.keyStart(pairs[j + 1]), text: '' });
      else if (i > 0) this.edits.push({ from: this.valueEnd(pairs[i - 1]), to: this.valueEnd(pairs[j]), text: '' });
      else this.edits.push({ from: this.keyStart(pairs[i]), to: this.valueEnd(pairs[j]), text: '' });
      i = j;
    }
  }

  /** `, ` on one line; a comma and a new line at the entries' column when each entry has its own line. */
  private flowSeparator(pairs: Pair[]): string {
    const last = pairs[pairs.length - 1];
    if (!last) return ', ';
    const keyStart = this.keyStart(last);
    const before = this.text.slice(this.lineStart(keyStart), keyStart);
    return /^[ \t]*$/.test(before) ? `,${this.eol}${before}` : ', ';
  }

  // ---- positions

  /** A key as the file's value holds it: a plain key as lyaml reads it (`no:` is the key false, `010:` is 8). */
  private keyText(pair: Pair): string {
    if (!isScalar(pair.key)) return '';
    return String(pair.key.type === 'PLAIN' && typeof pair.key.source === 'string' ? lyamlPlainValue(pair.key.source) : pair.key.value);
  }

  private keyStart(pair: Pair): number {
    const range = (pair.key as Node | null)?.range;
    if (!range) throw new CannotPatch('an entry it changes has no key in its text');
    return range[0];
  }

  private valueEnd(pair: Pair): number {
    const range = (pair.value as Node | null)?.range ?? (pair.key as Node).range;
    return range![1];
  }

  private startsLine(pair: Pair): boolean {
    const keyStart = this.keyStart(pair);
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(keyStart), keyStart));
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }

  private columnOf(at: number): number {
    return at - this.lineStart(at);
  }

  /** The start of the line after the one `end` is on (or `end` itself when it already starts one). */
  private lineEndAfter(end: number): number {
    if (end > 0 && this.text[end - 1] === '\n') return end;
    const next = this.text.indexOf('\n', end);
    return next === -1 ? this.text.length : next + 1;
  }
}
