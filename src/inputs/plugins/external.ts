// Finds plugins run by a plugin server (Go, JavaScript, Python) and names them the way their
// server does, so a name can be matched against `plugins` and `pluginserver_names`:
// - Go (go-pdk embedded server): a plugin is one executable and takes the executable's name
//   (Kong/go-pdk server/os.go getName: path.Base(os.Executable())). `go build` names it after
//   the package folder, or after the first file when files are built one by one (`go help build`).
//   A folder where several files declare `func main` cannot be one program, so each file is built
//   on its own, as Kong/go-plugins@cc86a1b6 does in its Makefile (`go build go-hello.go`); the
//   same holds for 2.x go-pluginserver modules (no main) of which several files declare `New`.
// - JavaScript (kong-js-pdk@838d0a6): every entry of the plugin folder is required; a folder entry
//   resolves to its package.json `main` or index file (server.js loadPlugins), and the plugin is
//   named by its `Name` export, else by the resolved file's name, lower-cased (lib/mod.js).
// - Python: one plugin per file, named after the file. An exact kong-pdk pin in a
//   requirements.txt beside it is kept: which plugin server runs it is a fact about the plugin.
// Files of different plugins are never merged.

import * as fs from 'fs';
import * as path from 'path';
import { fileOrigin } from '../../model/origin';
import { filesIn, subdirs } from './folders';
import { isFile } from '../file-kind';
import type { CustomPlugin, ExternalFile, PluginLanguage } from './types';

type ExternalLanguage = Exclude<PluginLanguage, 'lua'>;

const EXTERNAL_MARKERS: { language: ExternalLanguage; ext: RegExp; marker: RegExp }[] = [
  // Kong/go-pdk or a fork of it (imported under the fork's path, e.g. ".../sunmi-OS/go-pdk").
  { language: 'go', ext: /\.go$/, marker: /"[\w.~-]+(?:\/[\w.~-]+)*\/go-pdk(?:\/[\w.~-]+)*"/ },
  { language: 'javascript', ext: /\.(js|ts|mjs|cjs)$/, marker: /kong-pdk|module\.exports\s*=\s*\{[^}]*\bPlugin\b/ },
  { language: 'python', ext: /\.py$/, marker: /kong_pdk/ },
];

interface SourceFile {
  path: string;
  language: ExternalLanguage;
  text: string;
  /** Carries the language's plugin marker (a go-pdk import, kong-pdk, a Plugin export...). */
  marked: boolean;
}

/** Plugin-server plugins directly in `dir` and in its sub-folders. */
export function externalPluginsIn(dir: string): CustomPlugin[] {
  const found = pluginsInFolder(dir, false);
  for (const sub of subdirs(dir)) found.push(...pluginsInFolder(sub, true));
  return found;
}

/**
 * The plugins of one folder. A sub-folder that is a JavaScript module (an entry file that defines
 * a plugin) is one plugin, as kong-js-pdk requires it; otherwise each file stands for itself.
 */
function pluginsInFolder(folder: string, isEntryOfParent: boolean): CustomPlugin[] {
  const all = filesIn(folder).map(readSource).filter((s): s is SourceFile => s !== undefined);
  const sources = all.filter((s) => s.marked);
  const jsModule = isEntryOfParent ? jsModuleEntry(folder, sources) : undefined;
  const found: CustomPlugin[] = [];
  if (jsModule) {
    // The entry's neighbours are its own modules (it requires them), searched with it.
    const files = [jsModule, ...all.filter((s) => s.language === 'javascript' && s !== jsModule)];
    found.push(plugin(jsName(jsModule), folder, files));
  }
  const pin = sources.some((s) => s.language === 'python') ? pythonPdkPin(folder) : undefined;
  for (const source of sources) {
    if (source.language === 'python') found.push({ ...plugin(baseName(source.path), source.path, [source]), ...(pin ? { pdkPin: pin } : {}) });
    if (source.language === 'javascript' && !jsModule) found.push(plugin(jsName(source), source.path, [source]));
  }
  found.push(...goPlugins(folder, sources.filter((s) => s.language === 'go')));
  return found;
}

/** `kong-pdk==0.27` (or `kong_pdk`) in the folder's requirements.txt: the plugin server pip installs. */
function pythonPdkPin(folder: string): CustomPlugin['pdkPin'] {
  const file = path.join(folder, 'requirements.txt');
  if (!isFile(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*kong[-_.]pdk\s*==\s*([0-9]+(?:\.[0-9]+)*)\s*(?:[#;].*)?$/i.exec(lines[i]);
    if (m) return { version: m[1], origin: fileOrigin(file, i + 1, 1) };
  }
  return undefined;
}

function readSource(file: string): SourceFile | undefined {
  const kind = EXTERNAL_MARKERS.find((m) => m.ext.test(file));
  if (!kind) return undefined;
  const text = fs.readFileSync(file, 'utf8');
  return { path: file, language: kind.language, text, marked: kind.marker.test(text) };
}

function goPlugins(folder: string, sources: SourceFile[]): CustomPlugin[] {
  // `go build` ignores _test.go files, and makes a program only of package main: a folder of
  // another package is a library that a program elsewhere imports (cmd/main.go importing
  // plugin/), not a plugin of its own. Go allows one package per folder.
  const files = sources.filter((f) => !f.path.endsWith('_test.go'));
  if (!files.some((f) => /^\s*package\s+main\b/m.test(blankComments(f.text, 'go')))) return [];
  const defining = (re: RegExp) => files.filter((f) => re.test(blankComments(f.text, 'go')));
  const programs = defining(/^\s*func\s+main\s*\(\s*\)/m);
  // One package cannot define main, or a go-pluginserver module's New, twice: such files are
  // built one by one, each into a plugin of its own.
  const modules = programs.length === 0 ? defining(/^\s*func\s+New\s*\(/m) : [];
  if (programs.length > 1 || modules.length > 1) return files.map((f) => plugin(baseName(f.path), f.path, [f]));
  return [plugin(path.basename(path.resolve(folder)), folder, files)];
}

/** The file Node resolves a folder to: package.json `main`, else index.js (or index.ts under ts-node). */
function jsModuleEntry(folder: string, sources: SourceFile[]): SourceFile | undefined {
  const candidates: string[] = [];
  const pkg = path.join(folder, 'package.json');
  if (isFile(pkg)) {
    try {
      const main = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { main?: unknown }).main;
      if (typeof main === 'string') {
        const base = path.join(folder, main);
        candidates.push(base, `${base}.js`, `${base}.ts`, path.join(base, 'index.js'), path.join(base, 'index.ts'));
      }
    } catch {
      // An unreadable package.json leaves Node's index fallback.
    }
  }
  candidates.push(path.join(folder, 'index.js'), path.join(folder, 'index.ts'));
  const entry = candidates.find(isFile);
  return entry ? sources.find((s) => path.resolve(s.path) === path.resolve(entry)) : undefined;
}

/** A JavaScript plugin's name: its `Name` export, else its file's name, lower-cased like kong-js-pdk. */
function jsName(source: SourceFile): string {
  const text = blankComments(source.text, 'javascript');
  const exported = /(?:module\.exports|exports)\.Name\s*=\s*(['"`])([^'"`\n]+)\1/.exec(text)
    ?? /export\s+const\s+Name\s*(?::\s*string\s*)?=\s*(['"`])([^'"`\n]+)\1/.exec(text)
    ?? nameInExportsObject(text);
  return (exported ? exported[2] : baseName(source.path)).toLowerCase();
}

/** `Name: 'x'` at the top level of the `module.exports = { ... }` object. */
function nameInExportsObject(text: string): RegExpExecArray | null {
  const start = /module\.exports\s*=\s*\{/.exec(text);
  if (!start) return null;
  let depth = 0;
  let i = start.index + start[0].length - 1;
  for (; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '[' || text[i] === '(') depth++;
    else if (text[i] === '}' || text[i] === ']' || text[i] === ')') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && text.startsWith('Name', i) && !/[\w$.]/.test(text[i - 1] ?? '')) {
      const m = /^Name\s*:\s*(['"`])([^'"`\n]+)\1/.exec(text.slice(i, i + 200));
      if (m) return m;
    }
  }
  return null;
}

function plugin(name: string, dir: string, files: SourceFile[]): CustomPlugin {
  const externalFiles: ExternalFile[] = files.map((f) => ({ path: f.path, language: f.language, lines: blankComments(f.text, f.language).split('\n') }));
  return {
    name, dir, language: files[0].language, luaFiles: [], externalFiles, migrations: [],
    origin: fileOrigin(files[0].path, 1, 1), foundVia: 'plugin-dir',
  };
}

function baseName(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, '');
}

/**
 * Replaces comments with spaces, keeping newlines, so line numbers stay right. Strings are
 * left alone; external-plugin checks are coarse and say so in their messages.
 */
function blankComments(text: string, language: ExternalLanguage): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  if (language === 'python') return text.replace(/#[^\n]*/g, blank);
  return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[^:"'])\/\/[^\n]*/g, (m, lead: string) => lead + blank(m.slice(lead.length)));
}
