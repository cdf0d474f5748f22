// Helpers shared by the nginx template rules: whether a fact's condition holds for this node,
// where to anchor a finding about something missing, and how to name a template in messages.

import type { KongConf } from '../../src/inputs/kong-conf/types';
import { readKongBoolean } from '../../src/inputs/kong-conf/values';
import type { NginxTemplate } from '../../src/inputs/nginx/load';
import type { Applicability, TemplateScope } from '../../src/knowledge/nginx-template-changes';
import { fileOrigin, type FileOrigin } from '../../src/model/origin';
import type { Severity } from '../../src/model/finding';
import type { Plan } from '../../src/plan/types';

export type Verdict = { holds: 'yes' } | { holds: 'no' } | { holds: 'unknown'; condition: string };

/** Decides a fact's condition from the plan and kong.conf; `unknown` when kong.conf would tell but is absent. */
export function evaluate(condition: Applicability, plan: Plan, conf: KongConf | undefined): Verdict {
  const flag = (key: string): Verdict => {
    if (!conf) return { holds: 'unknown', condition: `if \`${key} = on\`` };
    // Kong reads these as booleans: only `on` and `true` are true (`yes` and `ON` are false).
    return readKongBoolean(conf.get(key)?.value ?? '').value ? { holds: 'yes' } : { holds: 'no' };
  };
  switch (condition) {
    case 'always': return { holds: 'yes' };
    case 'dbless-or-data-plane':
      if (plan.role === 'dbless' || plan.role === 'data_plane') return { holds: 'yes' };
      // Without kong.conf `traditional` is only the default guess; a control plane always has a database.
      if (!conf && plan.role === 'traditional') return { holds: 'unknown', condition: 'on a DB-less node (`database = off`) or a data plane' };
      return { holds: 'no' };
    case 'data-plane-via-proxy':
      // Without kong.conf the role is only the default guess: a stock nginx.conf carries the
      // tunnel for any node, so whether it matters stays open rather than silently no.
      if (!conf && plan.role !== 'control_plane' && plan.role !== 'dbless') {
        return { holds: 'unknown', condition: 'on a data plane with `cluster_use_proxy = on`' };
      }
      if (plan.role !== 'data_plane') return { holds: 'no' };
      return flag('cluster_use_proxy');
    case 'control-plane': return plan.role === 'control_plane' ? { holds: 'yes' } : { holds: 'no' };
    case 'wasm-on': return flag('wasm');
    case 'cluster-rpc-on': return flag('cluster_rpc');
    case 'new-dns-client-on': return flag('new_dns_client');
    case 'optimizations-on-2x-stop': {
      // A 2.x or later source already runs this template: it copes, or the node would not start.
      if (plan.from.major >= 2) return { holds: 'no' };
      // nginx_optimizations is on unless kong.conf turns it off.
      const setting = conf?.get('nginx_optimizations');
      return setting && !readKongBoolean(setting.value).value ? { holds: 'no' } : { holds: 'yes' };
    }
    case 'stream-listeners': {
      if (!conf) return { holds: 'unknown', condition: 'if `stream_listen` is set' };
      const value = conf.get('stream_listen')?.value.trim().toLowerCase();
      return value && value !== 'off' ? { holds: 'yes' } : { holds: 'no' };
    }
    case 'http2-listeners': {
      // proxy_listen's default carries `http2` on its TLS listener, so an unset key counts as yes.
      if (!conf) return { holds: 'yes' };
      const proxy = conf.get('proxy_listen');
      const others = ['admin_listen', 'status_listen'].map((k) => conf.get(k)?.value ?? '');
      const flagged = [proxy ? proxy.value : 'http2', ...others].some((v) => /\bhttp2\b/.test(v));
      return flagged ? { holds: 'yes' } : { holds: 'no' };
    }
  }
}

/** A fact's severity, softened to a warning when its condition could not be decided. */
export function severityFor(severity: Severity, verdict: Verdict): Severity {
  return verdict.holds === 'unknown' && severity === 'blocker' ? 'warning' : severity;
}

/** ` (only if ...)` for messages when the condition is undecided. */
export function conditionNote(verdict: Verdict): string {
  return verdict.holds === 'unknown' ? ` (matters only ${verdict.condition}; no kong.conf given)` : '';
}

/** Where a finding about a missing element points: the block it belongs in, or the first line. */
export function anchorFor(template: NginxTemplate, scope: TemplateScope): FileOrigin {
  if (template.role === 'main-inlined' && (scope === 'http' || scope === 'stream')) {
    const block = template.parsed.directives.find((d) => d.name === scope && d.block);
    if (block) return fileOrigin(template.file, block.at.line, block.at.column);
  }
  const first = template.lines[0];
  return fileOrigin(template.file, first?.line ?? 1, 1);
}

export function originAt(template: NginxTemplate, at: { line: number; column: number }): FileOrigin {
  return fileOrigin(template.file, at.line, at.column);
}

/** What the template stands for, in a few words. */
export function describeRole(template: NginxTemplate): string {
  switch (template.role) {
    case 'main': return 'an nginx.conf template that includes Kong\'s generated files';
    case 'main-inlined': return 'an nginx.conf template with the http/stream content pasted in';
    case 'http': return 'a copy of nginx-kong.conf (nginx_kong.lua)';
    case 'stream': return 'a copy of nginx-kong-stream.conf (nginx_kong_stream.lua)';
  }
}

/**
 * `--nginx-conf` replaces nginx.conf only: a copy of an include file matters only where it
 * replaces Kong's installed template (a file mounted over kong/templates/, a patched image). A
 * rendered file matters only where it is kept instead of the one Kong rewrites (see severityIn).
 */
export function copyNote(template: NginxTemplate): string {
  if (template.rendered && template.role === 'main-inlined') return ' (in this rendered file, and so in the custom `--nginx-conf` template it came from: Kong\'s stock nginx.conf never inlines the http content)';
  if (template.rendered) return ' (only if this rendered copy is kept and used as is: the one in Kong\'s prefix is rewritten at every start)';
  return template.role === 'http' || template.role === 'stream'
    ? ' (this copy takes effect only where it replaces Kong\'s installed template; `--nginx-conf` replaces nginx.conf only)'
    : '';
}

/**
 * The files the rules that judge what a template LACKS look at: every one except those Kong
 * rendered into its prefix. In a rendered file an absence says nothing: the `> if` branches this
 * node's kong.conf turned off are gone (no wasm block, no stream servers), and so is every
 * injection loop, by construction. Most such files are the live prefix copy, which the next start
 * overwrites from the installed or `--nginx-conf` template (kong/cmd/utils/prefix_handler.lua
 * prepare_prefix@3.4.2), so "missing" findings would be false; nginx/template-identified reports
 * the file instead and tells how to rebase a copy that is kept.
 */
export function templatesToCheck(templates: readonly NginxTemplate[]): NginxTemplate[] {
  return templates.filter((t) => !t.rendered);
}

/**
 * What a rendered file CONTAINS is still judged (sockets under the prefix, removed handlers,
 * TLS versions): a rendered copy kept in a repository and mounted or included as is (seen in the
 * wild, see nginx.prefix-sockets) breaks on the target exactly like a template would. Whether the
 * copy is kept or is the live one Kong rewrites cannot be told from the file, so such findings say
 * so and are at most warnings, as for any condition left undecided.
 * Except a rendered nginx.conf with the http content inline: Kong's stock nginx.conf only
 * includes nginx-kong.conf, so the node runs a custom template, and rendering fills placeholders
 * only: a removed handler or directive here is written in that template too, live or not.
 */
export function severityIn(template: NginxTemplate, severity: Severity): Severity {
  return template.rendered && template.role !== 'main-inlined' && severity === 'blocker' ? 'warning' : severity;
}
