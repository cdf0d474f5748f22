// Questions rules ask about a loaded template: which parts of Kong's configuration it carries
// itself, and whether (and where) it contains an element described by a knowledge probe.

import { PRE_3_8_SOCKET_FILES, type ElementProbe, type TemplateScope } from '../../knowledge/nginx-template-changes';
import type { NginxTemplate } from './load';
import type { Position } from './types';

/**
 * True when the template itself decides this part of the configuration. A wrapper (`main`)
 * carries only the main level: Kong renders nginx-kong(-stream).conf from its own templates.
 */
export function carriesScope(template: NginxTemplate, scope: TemplateScope): boolean {
  const { role, elements } = template;
  switch (scope) {
    case 'any': return true;
    case 'main': return role === 'main' || role === 'main-inlined';
    case 'http': return role === 'http' || role === 'main-inlined';
    case 'stream':
      if (role === 'stream') return true;
      // An inlined template carries stream content only if it pasted it rather than including it.
      return role === 'main-inlined'
        && !elements.includes.some((i) => i.target === 'nginx-kong-stream.conf')
        && (elements.dicts.some((d) => d.context.startsWith('stream')) || elements.directives.some((d) => d.context.startsWith('stream>server')));
  }
}

/** Where the template contains the probed element, or undefined when it does not. */
export function findElement(template: NginxTemplate, probe: ElementProbe, scope: TemplateScope = 'any'): Position | undefined {
  return findElements(template, probe, scope)[0];
}

/** Every place the template contains the probed element, in file order. */
export function findElements(template: NginxTemplate, probe: ElementProbe, scope: TemplateScope = 'any'): Position[] {
  return findOccurrences(template, probe, scope).map((o) => o.at);
}

/** An occurrence of a probed element; `context` (`stream>server`) is unknown for placeholders, server names and injection loops. */
export interface Occurrence {
  at: Position;
  context?: string;
}

/** True when the occurrence sits in stream content, which Kong includes only with stream listeners. */
export function inStreamContent(template: NginxTemplate, occurrence: Occurrence): boolean {
  return template.role === 'stream' || (occurrence.context?.startsWith('stream') ?? false);
}

/** Every occurrence of the probed element with the context it was found in, in file order. */
export function findOccurrences(template: NginxTemplate, probe: ElementProbe, scope: TemplateScope = 'any'): Occurrence[] {
  const e = template.elements;
  const inScope = (context: string): boolean => scope === 'any' || context === scope || context.startsWith(`${scope}>`);
  switch (probe.kind) {
    case 'dict':
      return e.dicts.filter((d) => d.name === probe.name && inScope(d.context));
    case 'server':
      return e.servers.filter((s) => s.name === probe.name).map((s) => ({ at: s.at }));
    case 'include':
      return e.includes.filter((i) => i.target === probe.target && inScope(i.context));
    case 'directive':
      return e.directives.filter(({ directive, context }) =>
        directive.name === probe.name && (probe.context ? context === probe.context : inScope(context))).map(occurrenceOf);
    case 'handler':
      return e.handlerCalls.filter((h) => h.name === probe.name && inScope(h.context));
    case 'legacy-global-call':
      return e.handlerCalls.filter((h) => h.legacyGlobal && inScope(h.context));
    case 'location':
      return e.locations.filter((l) => l.path === probe.path && inScope(l.context));
    case 'lua':
      return e.directives.filter(({ directive, context }) => directive.lua?.code.includes(probe.text) && inScope(context)).map(occurrenceOf);
    case 'injection-list':
      return e.injectionLists.filter((l) => l.name === probe.name).map((l) => ({ at: l.at }));
    case 'variable':
      return e.directives.filter(({ directive, context }) =>
        directive.name === 'set' && directive.args[0]?.value === `$${probe.name}` && inScope(context)).map(occurrenceOf);
    case 'placeholder':
      return template.parsed.placeholders.filter((p) => p.name === probe.name).map((p) => ({ at: p.at }));
    case 'prefix-socket':
      return e.directives.filter(({ directive }) => {
        if (directive.name !== 'listen') return false;
        const socket = prefixSocketFile(directive.args[0]?.value ?? '');
        if (!socket) return false;
        return probe.only ? probe.only.includes(socket) : !(probe.except ?? []).includes(socket);
      }).map(occurrenceOf);
  }
}

/**
 * The socket file a `listen unix:` address puts under Kong's prefix: any `.sock` under the PREFIX
 * placeholder, or one of Kong's own pre-3.8 socket files under a literal path (a rendered copy,
 * whose prefix is already spelled out). A user's own socket elsewhere is not Kong's business.
 */
function prefixSocketFile(address: string): string | undefined {
  const placeholder = /^unix:\$\{\{PREFIX\}\}\/(.*\.sock)$/i.exec(address)?.[1];
  if (placeholder) return placeholder;
  const rendered = /^unix:\/(?:.*\/)?([^/]+\.sock)$/i.exec(address)?.[1];
  return rendered && PRE_3_8_SOCKET_FILES.includes(rendered) ? rendered : undefined;
}

function occurrenceOf({ directive, context }: { directive: { at: Position }; context: string }): Occurrence {
  return { at: directive.at, context };
}
