// Finds the Kong images an installation is built from: `FROM` lines of Dockerfiles (with `ARG`
// defaults substituted), and `image:` values of compose files, Kubernetes manifests and Helm
// values (`image: {repository, tag}`). Images that are not Kong Gateway are ignored.

import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Node as YamlNode } from 'yaml';

// The yaml package (~15 ms to load) is required only when an image file is YAML.
const yamlModule = (): typeof import('yaml') => require('yaml') as typeof import('yaml');
import { InputError } from '../../errors';
import type { FileOrigin } from '../../model/origin';
import { parseKongImage, type KongImageRef } from './image-ref';

const MAX_BYTES = 5 * 1024 * 1024;

export function loadImageFiles(files: readonly string[]): KongImageRef[] {
  return files.flatMap((file) => {
    const text = readText(file);
    return looksLikeDockerfile(file, text) ? dockerfileImages(file, text) : yamlImages(file, text);
  });
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

function dockerfileImages(file: string, text: string): KongImageRef[] {
  const args = new Map<string, string>();
  const images: KongImageRef[] = [];
  let current: KongImageRef | undefined;
  for (const { line, text: instruction } of instructions(text)) {
    const [keyword, ...rest] = instruction.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && images.length === 0) {
      const [name, value] = rest.join(' ').split('=');
      if (value !== undefined) args.set(name.trim(), value.trim().replace(/^["']|["']$/g, ''));
    } else if (upper === 'FROM') {
      const words = rest.filter((w) => !w.startsWith('--'));
      const reference = (words[0] ?? '').replace(/\$\{?(\w+)\}?/g, (whole, name: string) => args.get(name) ?? whole);
      const column = instruction.indexOf(words[0] ?? '') + 1;
      current = parseKongImage(reference, { kind: 'file', file, line, column: Math.max(column, 1) }, 'dockerfile');
      if (current) images.push(current);
    } else if (upper === 'RUN' && current && /\bapk\s+(add|update|upgrade|del)\b/.test(instruction)) {
      current.usesApk = true;
    }
  }
  return images;
}

function yamlImages(file: string, text: string): KongImageRef[] {
  const { LineCounter, parseAllDocuments } = yamlModule();
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.1', uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const images: KongImageRef[] = [];
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
    if (doc.contents) walk(doc.contents as YamlNode, images, at);
  }
  return images;
}

/** Every `image:` in the tree: a string (compose, manifests) or a `{repository, tag}` map (Helm values). */
function walk(node: YamlNode, images: KongImageRef[], at: (offset: number) => FileOrigin): void {
  const { isMap, isScalar } = yamlModule();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as YamlNode | null;
      if (!value) continue;
      if (key === 'image' && isScalar(value) && typeof value.value === 'string') {
        const ref = parseKongImage(value.value, at(value.range?.[0] ?? 0), 'compose');
        if (ref) images.push(ref);
        continue;
      }
      if (key === 'image' && isMap(value)) {
        const repository = value.get('repository', true);
        const tag = value.get('tag', true);
        if (isScalar(repository) && typeof repository.value === 'string') {
          const reference = isScalar(tag) && tag.value !== null ? `${repository.value}:${String(tag.value)}` : repository.value;
          const anchorNode = isScalar(tag) ? tag : repository;
          const ref = parseKongImage(reference, at(anchorNode.range?.[0] ?? 0), 'helm-values');
          if (ref) images.push(ref);
          continue;
        }
      }
      walk(value, images, at);
    }
  } else if (node && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
    for (const item of (node as { items: YamlNode[] }).items) if (item) walk(item, images, at);
  }
}
