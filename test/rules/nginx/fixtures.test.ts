// Each hand-written fixture template, run through every nginx rule on a realistic path, with the
// complete list of findings it must produce (rule, message, fact or dict, severity).

import { builtinRules } from '../../../rules';
import type { Finding } from '../../../src/model/finding';
import { runCase, type CaseInput } from '../../support/rule-tester';
import { fixtureTemplates } from './support';

const NGINX_RULES = builtinRules.filter((r) => r.meta.id.startsWith('nginx/') && r.meta.inputs.includes('nginxTemplates'));

async function findingsFor(input: CaseInput): Promise<string[]> {
  const found: Finding[] = [];
  for (const rule of NGINX_RULES) {
    const { result } = await runCase(rule, input);
    expect(result.internalErrors).toEqual([]);
    found.push(...result.findings);
  }
  return found.map((f) => `${f.severity} ${f.ruleId}:${f.messageId} ${f.data?.fact ?? f.data?.dict ?? f.data?.range ?? ''}`.trim()).sort();
}

describe('fixture templates and their expected findings', () => {
  it('2.8-inlined.conf, traditional 2.8 -> 3.4 (LTS to LTS)', async () => {
    expect(await findingsFor({ name: '2.8', conf: '', from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('2.8-inlined.conf') })).toEqual([
      'blocker nginx/template-missing-elements:missing nginx.worker-events.http',
      'blocker nginx/template-obsolete-elements:obsolete nginx.serve-admin-api',
      'blocker nginx/template-required-dicts:missingDict kong_secrets',
      'info nginx/template-identified:customised 2.8.4 - 2.8.5',
      'info nginx/template-missing-elements:missing nginx.exit-worker',
      'info nginx/template-obsolete-elements:unusedDict kong_core_db_cache_2',
      'info nginx/template-obsolete-elements:unusedDict kong_core_db_cache_miss_2',
      'info nginx/template-obsolete-elements:unusedDict kong_db_cache_2',
      'info nginx/template-obsolete-elements:unusedDict kong_db_cache_miss_2',
      'info nginx/template-obsolete-elements:unusedDict kong_process_events',
      'warning nginx/template-directives:directive nginx.http2-limits-obsolete',
      // TLSv1.1 in the template's ssl_protocols: OpenSSL 3.1.1 from 3.4.0 (.requirements@3.4.0).
      'warning nginx/template-directives:directive nginx.tls-1-1-disabled',
      'warning nginx/template-missing-elements:missing nginx.http-inject-include',
    ]);
  });

  it('3.0-wrapper.conf, DB-less 3.0 -> 3.8: only main-level facts apply', async () => {
    expect(await findingsFor({ name: '3.0', conf: 'database = off', topology: 'dbless', from: '3.0.0', to: '3.8.1', inputs: fixtureTemplates('3.0-wrapper.conf') })).toEqual([
      'info nginx/template-identified:customised 3.0.0 - 3.0.2',
      'warning nginx/template-missing-elements:missing nginx.main-inject-include',
    ]);
  });

  it('3.4-http-copy.conf, 3.4 -> 3.9: sockets, HTTP/2, client hello, duplicate lua_ssl line, the Via variable', async () => {
    expect(await findingsFor({ name: '3.4', conf: '', from: '3.4.2', to: '3.9.3', inputs: fixtureTemplates('3.4-http-copy.conf') })).toEqual([
      'blocker nginx/template-directives:duplicateWithInclude',
      'blocker nginx/template-missing-elements:missing nginx.variable.upstream-via',
      'blocker nginx/template-obsolete-elements:obsolete nginx.prefix-sockets',
      'info nginx/template-identified:customised 3.2.0 - 3.4.2',
      'warning nginx/template-missing-elements:missing nginx.http2-on',
      'warning nginx/template-missing-elements:missing nginx.ssl-client-hello',
    ]);
  });

  it('0.13-inlined.conf, 0.13 -> 1.5: the lowercase handler global at each call, the TE variable', async () => {
    const found = await findingsFor({ name: '0.13', conf: '', from: '0.13.1', to: '1.5.1', inputs: fixtureTemplates('0.13-inlined.conf') });
    expect(found.filter((f) => f.includes('lowercase-kong-global'))).toHaveLength(10);
    expect(found.filter((f) => !f.includes('lowercase-kong-global'))).toEqual([
      'blocker nginx/template-missing-elements:missing nginx.variable.upstream-te',
      'info nginx/template-identified:customised 0.13.1',
      'warning nginx/template-missing-elements:missing nginx.variable.kong-proxy-mode',
    ]);
  });

  it('legacy-1x-loops.conf, 2.8 -> 3.0: the template no longer compiles', async () => {
    expect(await findingsFor({ name: 'legacy', conf: '', from: '2.8.2', to: '3.0.0', inputs: fixtureTemplates('legacy-1x-loops.conf') })).toEqual([
      'blocker nginx/template-obsolete-elements:obsolete nginx.http-upstream-directives-list',
      'blocker nginx/template-obsolete-elements:obsolete nginx.upstream-keepalive-placeholder',
      'info nginx/template-identified:customised 2.0.0 - 2.8.5',
    ]);
  });
  // Judged as a template this file drew blockers for what it lacks (no worker-events server, no
  // kong_secrets and four more dicts, the request variables) and, with nginx_* keys set, a
  // dropped-loop warning per key. What it contains is still judged, for a copy kept as is.
  it('rendered-nginx-kong.conf, 2.8 -> 3.4 with nginx_* keys: said to be no template; only its content is judged', async () => {
    const conf = 'nginx_http_client_max_body_size = 0\nnginx_main_worker_processes = auto';
    expect(await findingsFor({ name: 'rendered http', conf, from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('rendered-nginx-kong.conf') })).toEqual([
      'warning nginx/template-directives:directive nginx.tls-1-1-disabled',
      'warning nginx/template-identified:rendered',
    ]);
  });

  it('rendered-nginx.conf, DB-less 3.4 -> 3.9: one finding saying it is not a template', async () => {
    expect(await findingsFor({ name: 'rendered main', conf: 'database = off', topology: 'dbless', from: '3.4.2', to: '3.9.3', inputs: fixtureTemplates('rendered-nginx.conf') })).toEqual([
      'warning nginx/template-identified:rendered',
    ]);
  });
});
