// nginx variables whose value changed on the path, for custom templates that read them outside
// Lua. Read by rules/nginx/template-lua-api, beside the Lua references of plugins/lua-api.

import type { FactSource } from '../model/source';

export interface ChangedNginxVariable {
  /** The variable family, without the `$`: `http_` covers `$http_x_request_id`. */
  prefix: string;
  /** Members of the family whose value did not change (nginx already joined them before). */
  unchanged: readonly string[];
  /**
   * Directives where the change is left unreported. `log_format`: only what is logged changes,
   * and Kong's own template has logged `$http_referer` and `$http_user_agent` so since 3.5.
   * `lua_kong_load_var_index`: it registers the variable for Lua and reads nothing itself (Kong's
   * own templates list `$http_*` there in 2.8 and from 3.5); Lua reading it is checked as Lua.
   */
  ignoredIn: readonly string[];
  factId: string;
  introducedIn: string;
  edition: 'oss+ee' | 'ee';
  severity: 'warning' | 'info';
  /** What the value now is, in a few words, for the message. */
  change: string;
  replacement: string;
  sources: readonly FactSource[];
}

/**
 * The change Kong's notes give as `ngx.var.http_*` (lts-changes-34-310.md, "Nginx Templates") is
 * nginx's: from 1.23.0 the `$http_*` lookup joins every line of a repeated request header, where it
 * returned the first line before (except Cookie and X-Forwarded-For, which it already joined).
 * Kong 3.6.0 moved from OpenResty 1.21.4 (nginx 1.21.4) to 1.25.3 (nginx 1.25.3). `ngx.var.http_*`
 * is that same variable read from Lua, so a template reading `$http_*` directly meets it too.
 */
export const changedNginxVariables: readonly ChangedNginxVariable[] = [
  {
    prefix: 'http_',
    unchanged: ['http_cookie', 'http_x_forwarded_for'],
    ignoredIn: ['log_format', 'lua_kong_load_var_index'],
    factId: 'custom-code-ngx-var-http-multi-value',
    introducedIn: '3.6.0.0',
    edition: 'oss+ee',
    severity: 'warning',
    change: 'a header sent more than once now reads as all its values joined with commas, not the first one',
    replacement: 'make the directive cope with a comma-joined value, or read the header in Lua with kong.request.get_header(), which still gives the first',
    sources: [
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_includes/upgrade/lts-changes-34-310.md', note: 'lines 147-153: ngx.var.http_* returns every value of a repeated header, comma-separated, under Nginx Templates' },
      { kind: 'repo', ref: 'Kong/kong:.requirements@3.5.0 and @3.6.0', note: 'OPENRESTY=1.21.4.2, then 1.25.3.1' },
      { kind: 'changelog', ref: 'https://mail-archive.com/nginx@nginx.org/msg24063.html (Changes with nginx 1.23.0, 21 Jun 2022)', note: 'repeated header lines are combined when the $http_..., $sent_http_... and $upstream_http_... variables are looked up' },
      { kind: 'repo', ref: 'nginx/nginx:src/http/ngx_http_variables.c before 1.23.0 (ngx_http_core_variables)', note: 'http_cookie and http_x_forwarded_for were read through the joining handlers (ngx_http_variable_cookies, ngx_http_variable_headers); other $http_* took the first line' },
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@3.9.3', note: 'line 68: Kong\'s own log_format logs $http_referer and $http_user_agent' },
      { kind: 'repo', ref: 'Kong/kong:kong/templates/nginx_kong.lua@2.8.4 and @3.5.0', note: 'lua_kong_load_var_index $http_* lines: Kong\'s other $http_* references; none elsewhere at 3.0.0 or 3.4.0' },
    ],
  },
];

/** `$name` or `${name}` references of a directive argument, with their offset in it. */
export function variableReferences(text: string): { name: string; index: number }[] {
  const found: { name: string; index: number }[] = [];
  // `${{NAME}}` is a Kong template placeholder, not an nginx variable: `{` cannot start a name.
  const pattern = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push({ name: (match[1] ?? match[2]).toLowerCase(), index: match.index });
  }
  return found;
}
