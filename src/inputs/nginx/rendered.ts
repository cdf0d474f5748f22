// Tells a file Kong rendered into its prefix (nginx.conf, nginx-kong.conf, nginx-kong-stream.conf)
// from a template. Operators often pass the rendered file because it is the one they find on the
// box, but `kong start` and `kong prepare` rewrite it from the template and kong.conf each time
// (kong/cmd/utils/prefix_handler.lua prepare_prefix@3.4.2), so comparing it with stock templates
// says nothing about the upgrade.
//
// A file counts as rendered only when it has no template syntax left AND shows something only the
// renderer writes: a file Kong generates into the prefix named by absolute path, or one of the
// stock `# injected nginx_<ns>_* directives` comments with no loop under it. A hand-written
// template without any `> ` line or placeholder stays a template.

import type { ParsedConfig, Position } from './types';

export interface RenderedEvidence {
  /** What gave it away, for the message: "`/usr/local/kong/ssl/kong-default.crt`". */
  what: string;
  at: Position;
}

/**
 * Files the renderer fills in by absolute path where templates hold placeholders: the default
 * certificates of each listener family (kong/conf_loader/init.lua@3.4.2, the `*_default` entries
 * under ssl/; kong/conf_loader/constants.lua@3.9.1), the combined CA bundle (`.ca_combined`,
 * kong/conf_loader/init.lua@2.8.4), and the unix sockets of the worker-events and stream servers
 * (`${{PREFIX}}/*.sock` in kong/templates/nginx_kong*.lua@3.4.2, `${{SOCKET_PATH}}/...` under
 * `sockets/` in kong/templates/nginx_kong*.lua@3.9.1).
 */
const PREFIX_FILE = [
  /^\/.*\/ssl\/((admin-gui|admin|status)-)?kong-default(-ecdsa)?\.(crt|key)$/,
  /^\/.*\/\.ca_combined$/,
  /^unix:\/.*\/(worker_events|stream_worker_events|stream_config|stream_rpc|stream_tls_passthrough|stream_tls_terminate|cluster_proxy_ssl_terminator)\.sock$/,
  /^unix:\/.*\/sockets\/[A-Za-z0-9_.-]+$/,
];

/** The stock comment above each injection loop (kong/templates/nginx*.lua@2.8.4 and later). */
const INJECTED_COMMENT = /^\s*#\s*injected nginx_[a-z]+_\* directives\s*$/;

/** Penlight expressions (`$(el.name)`); nginx variables never start with `$(`. */
const TEMPLATE_EXPRESSION = /\$\(/;

export function renderedEvidence(body: string, lineOffset: number, parsed: ParsedConfig): RenderedEvidence | undefined {
  if (parsed.templateLines.length > 0 || parsed.placeholders.length > 0) return undefined;
  if (parsed.all.some((d) => d.name.startsWith('$(') || d.args.some((a) => TEMPLATE_EXPRESSION.test(a.raw)))) return undefined;
  for (const directive of parsed.all) {
    const arg = directive.args.find((a) => PREFIX_FILE.some((re) => re.test(a.value)));
    if (arg) return { what: `\`${arg.value}\``, at: arg.at };
  }
  const lines = body.split('\n');
  const comment = lines.findIndex((l) => INJECTED_COMMENT.test(l));
  if (comment >= 0) {
    return { what: `\`${lines[comment].trim()}\` with the directives filled in`, at: { line: lineOffset + comment + 1, column: 1 } };
  }
  return undefined;
}
