// Finds the Kong images an installation is built from: `FROM` lines of Dockerfiles (with `ARG`
// defaults substituted, the last stage being the one that runs), and `image:` values of compose
// files (with `${VAR:-default}` substituted as docker compose does), Kubernetes manifests and
// Helm values (`image: {repository, tag}`). Images that are not Kong Gateway are ignored.

import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Node as YamlNode } from 'yaml';

// The yaml package (~15 ms to load) is required only when an image file is YAML.
const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
import { InputError } from '../../errors';
import type { FileOrigin } from '../../model/origin';
import { parseKongImage, type KongImageRef } from './image-ref';
import { interpolate, type Interpolated } from './interpolate';

const MAX_BYTES = 5 * 1024 * 1024;

/** An image reference that depends on a variable nobody gives a value or default to. */
export interface UnresolvedImage {
  written: string;
  origin: FileOrigin;
  variables: string[];
}

export interface ImageFiles {
  images: KongImageRef[];
  /** References that could not be read because a variable has no value or default here. */
  unresolved: UnresolvedImage[];
}

export function loadImageFiles(files: readonly string[]): KongImageRef[] {
  return readImageFiles(files).images;
}

export function readImageFiles(files: readonly string[]): ImageFiles {
  const result: ImageFiles = { images: [], unresolved: [] };
  for (const file of files) {
    const text = readText(file);
    if (looksLikeDockerfile(file, text)) dockerfileImages(file, text, result);
    else yamlImages(file, text, result);
  }
  return result;
}

function readText(file: string): string {
  try {
    if (statSync(file).size > MAX_BYTES) throw new InputError(`larger than ${MAX_BYTES} bytes: not an image file`, { file });
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read image file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { file });
  }
}

function looksLikeDockerfile(file: string, text: string): boolean {
  const name = basename(file).toLowerCase();
  if (/dockerfile|containerfile/.test(name)) return true;
  if (/\.(ya?ml|json)$/.test(name)) return false;
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
  return first !== undefined && /^(FROM|ARG)\s/i.test(first);
}

/** Dockerfile instructions with continuation lines joined, each with its first line number. */
function instructions(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let pending: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trimEnd();
    if (!pending && (line.trim() === '' || line.trim().startsWith('#'))) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1) : line;
    pending = pending ? { line: pending.line, text: `${pending.text} ${part.trim()}` } : { line: index + 1, text: part.trim() };
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

/**
 * The Kong images of a Dockerfile's `FROM` lines. Build arguments declared before the first
 * `FROM` (the only ones a `FROM` line can use) are substituted with their defaults. The container
 * runs the last stage: a `FROM <stage>` follows the chain to its image, and images that only feed
 * earlier stages are marked as build stages.
 */
function dockerfileImages(file: string, text: string, result: ImageFiles): void {
  const args = new Map<string, string>();
  const stages: { name?: string; image?: KongImageRef }[] = [];
  const own: KongImageRef[] = [];
  for (const { line, text: instruction } of instructions(text)) {
    const keyword = instruction.split(/\s/, 1)[0].toUpperCase();
    const rest = instruction.slice(keyword.length).trim();
    if (keyword === 'ARG' && stages.length === 0) {
      for (const word of shellWords(rest)) {
        const eq = word.indexOf('=');
        if (eq < 0) continue;
        // A default may use an earlier argument; one that cannot be read stays unknown.
        const value = interpolate(word.slice(eq + 1), { known: args, escape: 'backslash' });
        if (value.unresolved.length === 0) args.set(word.slice(0, eq), value.text);
      }
    } else if (keyword === 'FROM') {
      const words = shellWords(rest).filter((w) => !w.startsWith('--'));
      const written = words[0] ?? '';
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      const column = Math.max(instruction.indexOf(written) + 1, 1);
      const origin: FileOrigin = { kind: 'file', file, line, column };
      const reference = interpolate(written, { known: args, escape: 'backslash' });
      const earlier = stages.find((stage) => stage.name !== undefined && stage.name === reference.text.toLowerCase());
      const image = earlier ? earlier.image : readReference(written, reference, origin, 'dockerfile', result);
      if (image && !earlier) own.push(image);
      stages.push({ ...(name ? { name } : {}), ...(image ? { image } : {}) });
    } else if (keyword === 'RUN' && stages.length > 0 && /\bapk\s+(add|update|upgrade|del)\b/.test(instruction)) {
      const image = stages[stages.length - 1].image;
      if (image) image.usesApk = true;
    } else if (keyword === 'RUN' && stages.length > 0 && /\b(yum|dnf)\s+(-\S+\s+)*(install|update|upgrade|remove|groupinstall)\b/.test(instruction)) {
      const image = stages[stages.length - 1].image;
      if (image) image.usesYum = true;
    }
  }
  const runs = stages[stages.length - 1]?.image;
  for (const image of own) {
    if (image !== runs) {
      const stage = stages.find((s) => s.image === image);
      image.buildStage = stage?.name ?? `the stage of line ${image.origin.line}`;
    }
    result.images.push(image);
  }
}

/** A reference after substitution: a Kong image, an unresolved one (noted), or nothing. */
function readReference(written: string, reference: Interpolated, origin: FileOrigin, via: KongImageRef['via'], result: ImageFiles): KongImageRef | undefined {
  const image = parseKongImage(reference.text, origin, via);
  const substituted = reference.text !== written;
  if (!image) {
    // Only the variable could have named a Kong image: say so rather than skip it silently.
    if (reference.unresolved.length > 0 && !/^[^$]*[:@]/.test(reference.text)) result.unresolved.push({ written, origin, variables: reference.unresolved });
    return undefined;
  }
  if (substituted) image.written = written;
  if (reference.assumedUnset.length > 0) image.assumedUnset = reference.assumedUnset;
  if (reference.unresolved.length > 0) image.unresolvedVariables = reference.unresolved;
  return image;
}

/** Words of an instruction's arguments, split on blanks outside quotes, quotes removed. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function yamlImages(file: string, text: string, result: ImageFiles): void {
  const { LineCounter, isMap, parseAllDocuments } = yamlModule();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const at = (offset: number): FileOrigin => {
    const pos = lineCounter.linePos(offset);
    return { kind: 'file', file, line: pos.line, column: pos.col };
  };
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      throw new InputError(`not valid YAML: ${error.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col });
    }
    if (!doc.contents) continue;
    // docker compose substitutes variables from the project's .env file (beside the compose file).
    const compose = isMap(doc.contents) && doc.contents.has('services');
    const known = compose ? readDotEnv(join(dirname(file), '.env')) : new Map<string, string>();
    walk(doc.contents as YamlNode, { result, at, known });
  }
}

interface Walk {
  result: ImageFiles;
  at: (offset: number) => FileOrigin;
  /** Variable values for `${...}` in `image:` strings (a compose project's .env). */
  known: ReadonlyMap<string, string>;
}

/** Every `image:` in the tree: a string (compose, manifests) or a `{repository, tag}` map (Helm values). */
function walk(node: YamlNode, walker: Walk): void {
  const { isMap, isScalar } = yamlModule();
  const { result, at } = walker;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as YamlNode | null;
      if (!value) continue;
      if (key === 'image' && isScalar(value) && typeof value.value === 'string') {
        const reference = interpolate(value.value, { known: walker.known, escape: 'double-dollar' });
        const ref = readReference(value.value, reference, at(value.range?.[0] ?? 0), 'compose', result);
        if (ref) result.images.push(ref);
        continue;
      }
      if (key === 'image' && isMap(value)) {
        const repository = value.get('repository', true);
        const tag = value.get('tag', true);
        if (isScalar(repository) && typeof repository.value === 'string') {
          const reference = isScalar(tag) && tag.value !== null ? `${repository.value}:${String(tag.value)}` : repository.value;
          const anchorNode = isScalar(tag) ? tag : repository;
          const ref = parseKongImage(reference, at(anchorNode.range?.[0] ?? 0), 'helm-values');
          if (ref) result.images.push(ref);
          continue;
        }
      }
      walk(value, walker);
    }
  } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
    for (const item of (node as { items: YamlNode[] }).items) if (item) walk(item, walker);
  }
}

/**
 * `NAME=value` lines of a compose .env file (comments, `export`, quotes); an absent file is an
 * empty map. Its values are the deploy's own, unlike this process's environment.
 */
function readDotEnv(path: string): Map<string, string> {
  const values = new Map<string, string>();
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) return values;
    text = readFileSync(path, 'utf8');
  } catch {
    return values;
  }
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) continue;
    let value = match[2].trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '');
    values.set(match[1], value);
  }
  return values;
}
