// Loads the files given with `--nginx-template`: the template passed to `kong start --nginx-conf`
// and any kept copies of the http/stream includes. Each is parsed, identified against Kong's stock
// templates and reduced to the elements rules check. Unreadable or non-text files, and files with
// nothing Kong-specific in them, are input errors; syntax trouble inside a readable template stays
// on `parsed.problems` for rules to report.

import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../../errors';
import { fsErrorReason } from '../fs-error';
import { elementContext, extractElements, type TemplateElements, type TemplateRole } from './elements';
import { stockVariants } from '../../knowledge/nginx-templates';
import { identifyTemplate, type Identification } from './identify';
import { KONG_MARKERS, showsKongMarkers } from './kong-markers';
import { normalizeTemplate, unwrapLuaTemplate, type NormalizedLine } from './normalize';
import { parseNginx } from './parse';
import { renderedEvidence, type RenderedEvidence } from './rendered';
import type { ParsedConfig } from './types';

export interface NginxTemplate {
  /** The path as given on the command line. */
  file: string;
  /** The file was Kong's Lua wrapper (`return [[ ... ]]`) rather than bare template text. */
  luaWrapped: boolean;
  parsed: ParsedConfig;
  lines: NormalizedLine[];
  /**
   * What the file stands for: `main` keeps Kong's includes (only nginx.conf is custom), `main-inlined`
   * pastes the http/stream content in, `http` / `stream` are copies of nginx-kong(-stream).conf.
   */
  role: TemplateRole;
  identification: Identification;
  elements: TemplateElements;
  /**
   * Set when the file is what Kong rendered into its prefix rather than a template: the template
   * rules then leave it alone and nginx/template-identified says which file to pass instead.
   */
  rendered?: RenderedEvidence;
  /**
   * Set when the file looks rendered but a Kong command is known to take it as `--nginx-conf`
   * (who does, for the inputs list): it is the template Kong renders from, frozen, and is checked
   * as a template, absences included.
   */
  usedAsNginxConf?: { evidence: RenderedEvidence; by: string };
}

/**
 * A file that looks rendered but that Kong is started with as `--nginx-conf`: every placeholder
 * and loop Kong's own template has is gone from it, so what it lacks is what the node runs
 * without (a 2.8 nginx.conf kept this way has no `include 'nginx-inject.conf'` on 3.x).
 */
export function asNginxConf(template: NginxTemplate, by: string): NginxTemplate {
  if (!template.rendered) return template;
  const { rendered, ...rest } = template;
  return { ...rest, usedAsNginxConf: { evidence: rendered, by } };
}

/** Above this the file is not a template anyone maintains by hand. */
const MAX_BYTES = 4 * 1024 * 1024;

/** `maxBytes` (from --max-file-size) replaces the default limit. */
export function loadNginxTemplates(files: readonly string[], maxBytes = MAX_BYTES): NginxTemplate[] {
  return files.map((file) => readNginxTemplate(file, readText(file, maxBytes)));
}

function readText(file: string, maxBytes: number): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new InputError('nginx template is a directory, expected a file', { file });
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read nginx template: ${fsErrorReason(error)}`, { file });
  }
  if (size > maxBytes) throw new InputError(`nginx template is ${size} bytes, more than the ${maxBytes} allowed (raise it with --max-file-size)`, { file });
  return readFileSync(file, 'utf8');
}

/** Parses and identifies one template from its text; `file` names it in positions and errors. */
export function readNginxTemplate(file: string, text: string): NginxTemplate {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    throw new InputError('not a text file (NUL byte): expected an nginx template', { file, line: lineAt(text, nul) });
  }
  const { body, lineOffset, wrapped } = unwrapLuaTemplate(text.replace(/^\uFEFF/, ''));
  const parsed = parseNginx('\n'.repeat(lineOffset) + body);
  if (parsed.all.length === 0) {
    throw new InputError('no nginx directive found: expected an nginx template', { file, line: 1 });
  }
  // Checking such a file would report Kong's whole template as missing from it, and a run that
  // ends in findings reads as "checked" while the real template never was.
  if (!showsKongMarkers(parsed)) {
    throw new InputError(`not a Kong nginx template: it has no Kong-specific content (${KONG_MARKERS}); expected the template given to \`kong start --nginx-conf\` or a copy of one of Kong's template files`, { file });
  }
  const lines = normalizeTemplate(body, lineOffset);
  let identification = identifyTemplate(lines);
  const role = decideRole(parsed, identification);
  if (role === 'main-inlined') identification = identifyInlined(parsed, lines, identification);
  // Kong's Lua wrapper exists only around templates; the renderer never writes it out.
  const rendered = wrapped ? undefined : renderedEvidence(body, lineOffset, parsed);
  return {
    file, luaWrapped: wrapped, parsed, lines, role, identification, elements: extractElements(parsed, role),
    ...(rendered ? { rendered } : {}),
  };
}

/**
 * An inlined template is either a near-complete copy of Kong's inlined layout or a main template
 * with only the http content pasted in. The second compares best as its http block against
 * nginx_kong.lua, which also keeps main-level lines out of its list of customisations.
 */
function identifyInlined(parsed: ParsedConfig, lines: NormalizedLine[], whole: Identification): Identification {
  const http = parsed.directives.find((d) => d.name === 'http' && d.block);
  if (!http) return whole;
  const inner = lines.filter((l) => l.line > http.at.line && l.line < http.end.line);
  const asInlined = identifyTemplate(lines, stockVariants().filter((v) => v.file === 'inlined'));
  const asHttp = identifyTemplate(inner, stockVariants().filter((v) => v.file === 'nginx_kong.lua'));
  return asHttp.score > asInlined.score ? asHttp : asInlined;
}

/** The fingerprint says which stock file; the structure decides wrapper vs inlined and breaks weak calls. */
function decideRole(parsed: ParsedConfig, id: Identification): TemplateRole {
  const top = new Set(parsed.directives.map((d) => d.name));
  const isMain = top.has('events') || top.has('http') || top.has('stream') || top.has('worker_processes') || top.has('pid');
  if (isMain || (id.confidence !== 'none' && (id.file === 'nginx.lua' || id.file === 'inlined'))) {
    const probe = extractElements(parsed, 'main');
    const includesHttp = probe.includes.some((i) => i.target === 'nginx-kong.conf');
    return probe.hasHttpContent && !includesHttp ? 'main-inlined' : 'main';
  }
  if (id.confidence !== 'none') {
    if (id.file === 'nginx_kong_stream.lua' || id.file === 'nginx_kong_stream_inject.lua') return 'stream';
    if (id.file !== 'nginx.lua' && id.file !== 'inlined') return 'http';
  }
  const streamy = parsed.all.some((d) => d.name === 'preread_by_lua_block' || (d.name === 'lua_shared_dict' && d.args[0]?.value.startsWith('stream_')));
  return streamy ? 'stream' : 'http';
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** The normalised context of a directive in this template (`http>server`), for rules. */
export function contextOf(template: NginxTemplate, path: readonly string[]): string {
  return elementContext(path, template.role);
}
