// Questions rules ask about a loaded template: which parts of Kong's configuration it carries
// itself, and whether (and where) it contains an element described by a knowledge probe.

import type { ElementProbe, TemplateScope } from '../../knowledge/nginx-template-changes';
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
  const e = template.elements;
  const inScope = (context: string): boolean => scope === 'any' || context === scope || context.startsWith(`${scope}>`);
  switch (probe.kind) {
    case 'dict':
      return e.dicts.find((d) => d.name === probe.name && inScope(d.context))?.at;
    case 'server':
      return e.servers.find((s) => s.name === probe.name)?.at;
    case 'include':
      return e.includes.find((i) => i.target === probe.target && inScope(i.context))?.at;
    case 'directive':
      return e.directives.find(({ directive, context }) =>
        directive.name === probe.name && (probe.context ? context === probe.context : inScope(context)))?.directive.at;
    case 'handler':
      return e.handlerCalls.find((h) => h.name === probe.name && inScope(h.context))?.at;
    case 'location':
      return e.locations.find((l) => l.path === probe.path && inScope(l.context))?.at;
    case 'lua':
      return e.directives.find(({ directive, context }) => directive.lua?.code.includes(probe.text) && inScope(context))?.directive.at;
    case 'injection-list':
      return e.injectionLists.find((l) => l.name === probe.name)?.at;
    case 'placeholder':
      return template.parsed.placeholders.find((p) => p.name === probe.name)?.at;
    case 'prefix-socket':
      return e.directives.find(({ directive }) =>
        directive.name === 'listen' && /^unix:\$\{\{PREFIX\}\}\/.*\.sock$/i.test(directive.args[0]?.value ?? ''))?.directive.at;
  }
}
