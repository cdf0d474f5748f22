// Reports, for each custom nginx template, which stock Kong template and release it was copied
// from and what the operator changed: the list of customisations to carry onto the target's
// templates, which nobody remembers two years after making them.

import { defineRule, type RuleContext } from '../../src/engine/define-rule';
import type { NginxTemplate } from '../../src/inputs/nginx/load';
import { FINGERPRINT_SOURCES, newestStockMinor, RENDERS_TO } from '../../src/knowledge/nginx-templates';
import { NGINX_TEMPLATE_DOCS } from '../../src/knowledge/nginx-template-changes';
import { KongVersion } from '../../src/version/kong-version';
import { describeRole, originAt } from './template-utils';

/** How many added lines the remediation lists before summarising the rest. */
const LISTED_LINES = 25;

/** Words that mark a line as carrying a credential; reports go to CI logs and code scanning. */
const SECRET_HINT = /pass(word|wd)?|secret|token|api[_-]?key|authori[sz]ation|bearer|credential|private[_-]?key|license|cookie/i;

/** The line as listed in a report: secret-looking lines keep their first word only. */
export function listedLine(text: string): string {
  if (!SECRET_HINT.test(text)) return text;
  const first = text.split(/\s+/)[0];
  return `${first} ... (value hidden: it looks like a credential)`;
}

export default defineRule<'stockCopy' | 'customised' | 'unrecognised' | 'rendered'>({
  id: 'nginx/template-identified',
  description: 'Identifies the stock Kong template and release a custom template was copied from, and lists its customisations.',
  severity: 'info',
  inputs: ['nginxTemplates'],
  messages: {
    stockCopy: '{{file}} is an unmodified copy of Kong\'s {{stock}} from {{range}} ({{role}}): replace it with the {{target}} stock template or drop the custom template.{{beyondNote}}',
    customised: '{{file}} is {{role}}, based on Kong\'s {{stock}} from {{range}}{{tie}} (similarity {{score}}): {{added}} line(s) added or changed, {{removed}} stock line(s) dropped or changed.{{ageNote}}{{scopeNote}}{{beyondNote}}',
    rendered: '{{file}} is not a template: it is the {{renderedFile}} Kong rendered into its prefix ({{evidence}}), which `kong start` and `kong prepare` rewrite from the template and kong.conf every time, so edits made there are lost. It was not compared with Kong\'s templates, and what it lacks is not reported; findings on what it contains apply only if this copy is kept and used as is.{{originNote}}',
    unrecognised: '{{file}} does not resemble any stock Kong template (best similarity {{score}}, {{stock}} {{range}}); compare it with the {{target}} templates by hand.{{scopeNote}}{{beyondNote}}',
  },
  remediation: 'Start from the target version\'s stock template and re-apply the listed customisations.',
  docsUrl: NGINX_TEMPLATE_DOCS,
  sources: FINGERPRINT_SOURCES,
  check(ctx) {
    const target = ctx.plan.to.toString();
    const targetMinor = ctx.plan.to.truncate('minor');
    for (const template of ctx.input('nginxTemplates')) {
      if (template.rendered) {
        reportRendered(ctx, template);
        continue;
      }
      const id = template.identification;
      // Already the target's own stock file, untouched: nothing to carry over, nothing to say.
      if (id.confidence === 'exact' && id.tags.some((t) => targetMinor.contains(KongVersion.parse(t)))) continue;
      const added = id.hunks.reduce((n, h) => n + h.added.length, 0);
      const removed = id.hunks.reduce((n, h) => n + h.removed, 0);
      const messageId = id.confidence === 'exact' ? 'stockCopy' : id.confidence === 'none' ? 'unrecognised' : 'customised';
      ctx.report({
        messageId,
        at: originAt(template, { line: template.lines[0]?.line ?? 1, column: 1 }),
        data: {
          file: template.file, role: describeRole(template), stock: `${RENDERS_TO[id.file]} template`,
          range: id.range, score: id.score, target, added, removed,
          tie: id.tie ? ' (several releases match equally well)' : '',
          scopeNote: scopeNote(template), confidence: id.confidence, baseTags: id.base.tags.join(' '),
          ageNote: ageNote(id.tags, ctx.plan.from),
          beyondNote: beyondNote(ctx.plan.to),
        },
        ...(messageId === 'customised' ? { remediation: customisationList(template, target) } : {}),
      });
    }
  },
});

/** Which prefix file a rendered file is, by what it carries (kong/cmd/utils/prefix_handler.lua@3.4.2). */
const RENDERED_NAME: Record<NginxTemplate['role'], string> = {
  main: 'nginx.conf', 'main-inlined': 'nginx.conf', http: 'nginx-kong.conf', stream: 'nginx-kong-stream.conf',
};

/**
 * Kong's stock nginx.lua always includes nginx-kong.conf (kong/templates/nginx.lua@0.13.0 to
 * @3.9.3), so a rendered nginx.conf with the http content inline came from a custom template.
 */
function originNote(template: NginxTemplate): string {
  return template.role === 'main-inlined'
    ? ' Its http content is inline, which Kong\'s stock nginx.conf template never does: this node starts with a custom `--nginx-conf` template, and that file is the one to check.'
    : '';
}

function reportRendered(ctx: RuleContext<'rendered'>, template: NginxTemplate): void {
  const evidence = template.rendered!;
  ctx.report({
    messageId: 'rendered',
    // The template checks did not run on it: a quiet info line would read as "checked".
    severity: 'warning',
    at: originAt(template, evidence.at),
    data: { file: template.file, renderedFile: RENDERED_NAME[template.role], evidence: `it has no template syntax and holds ${evidence.what}`, originNote: originNote(template) },
    remediation: 'Pass the template given to `kong start --nginx-conf` (or the copy mounted over kong/templates/) with --nginx-template. If Kong starts without one it renders its own stock templates, which the upgrade replaces: keep extra directives in kong.conf `nginx_*` keys, the supported way to inject them. If this very file is what you pass to `--nginx-conf`, it freezes kong.conf values (listeners, certificates, injected directives) and follows no template change: rebase it on the target\'s stock template.',
  });
}

/**
 * A template copied from an older minor than the node runs already misses that minor's changes:
 * the hop findings then include changes made before the installed version.
 */
function ageNote(tags: readonly string[], installed: KongVersion): string {
  const newest = tags.map((t) => KongVersion.parse(t)).reduce((a, b) => (a.gt(b) ? a : b));
  const behind = newest.major < installed.major || (newest.major === installed.major && newest.minor < installed.minor);
  return behind ? ` It predates the installed ${installed.truncate('minor')}, so it already lacks that version's template changes.` : '';
}

/**
 * Kong's repository has no tag after 3.9.3, so the template checks judge later targets by the
 * 3.9 templates: whatever 3.10 and later changed in them is not known here, and must be said.
 */
function beyondNote(target: KongVersion): string {
  const newest = newestStockMinor();
  if (!target.truncate('minor').gt(newest)) return '';
  return ` kong-preflight knows Kong's stock templates up to ${newest.major}.${newest.minor} and checks ${target} against those; changes made to them after ${newest.major}.${newest.minor} are not checked, so diff the custom template against the templates shipped in the ${target} package.`;
}

/** Which of the template's changes matter at all, given what `--nginx-conf` replaces. */
function scopeNote(template: NginxTemplate): string {
  switch (template.role) {
    case 'main': return ' Kong still renders nginx-kong.conf and nginx-kong-stream.conf from its own templates, so only main-level changes carry over.';
    case 'main-inlined': return ' Its http/stream content replaces Kong\'s own, so every change in the target\'s http and stream templates must be merged by hand.';
    default: return ' Kong uses this copy only where it replaces the installed template file; `--nginx-conf` replaces nginx.conf only.';
  }
}

/** The customisations to carry over: the user's own lines first, then a count of dropped stock lines. */
function customisationList(template: NginxTemplate, target: string): string {
  const { hunks } = template.identification;
  const added = hunks.flatMap((h) => h.added.map((a) => `L${a.line} \`${listedLine(a.text)}\``));
  const places = hunks.filter((h) => h.removed > 0);
  const dropped = places.reduce((n, h) => n + h.removed, 0);
  const shown = added.slice(0, LISTED_LINES);
  const more = added.length > shown.length ? ` and ${added.length - shown.length} more line(s)` : '';
  const lost = dropped > 0 ? `; also re-check ${dropped} stock line(s) dropped or rewritten in ${places.length} place(s) (after L${places.map((h) => h.afterLine).slice(0, 10).join(', L')}${places.length > 10 ? ', ...' : ''})` : '';
  return `Rebase on the ${target} stock template and carry over: ${shown.join(', ') || 'no added lines'}${more}${lost}.`;
}
