import rule from '../../../rules/nginx/template-identified';
import { ruleTester } from '../../support/rule-tester';
import { identifyTemplate } from '../../../src/inputs/nginx/identify';
import { readNginxTemplate } from '../../../src/inputs/nginx/load';
import { normalizedDigest } from '../../../src/inputs/nginx/normalize';
import { fixtureTemplates, inlineTemplate, NGINX_FIXTURES } from './support';

/**
 * A template that is byte-for-byte (after normalisation) a stock file of `tags`. Kong's text may
 * not live in the project, so the stock side is a variant built from the template's own lines.
 */
function stockCopyOf(tags: string[]) {
  return () => {
    const template = readNginxTemplate('nginx.conf.tmpl', 'events {}\nhttp {\n  include \'nginx-kong.conf\';\n}\n');
    const variant = { file: 'nginx.lua' as const, tags, sha256: normalizedDigest(template.lines), lines: template.lines.map((l) => l.hash) };
    return { nginxTemplates: [{ ...template, identification: identifyTemplate(template.lines, [variant]) }] };
  };
}

ruleTester.run(rule, {
  valid: [
    { name: 'an untouched stock copy of the target minor needs nothing', from: '3.3.1', to: '3.4.2', inputs: stockCopyOf(['3.4.0', '3.4.1', '3.4.2']) },
  ],
  invalid: [
    {
      name: 'a target after the last researched templates says what is not checked',
      from: '3.9.1.0', to: '3.14.0.13', edition: 'enterprise', inputs: fixtureTemplates('3.4-http-copy.conf'),
      findings: [{ messageId: 'customised', message: 'knows Kong\'s stock templates up to 3.9 and checks 3.14.0.13 against those' }],
    },
    {
      name: '3.0 wrapper: identified with its customisations',
      from: '3.0.0', to: '3.4.2', inputs: fixtureTemplates('3.0-wrapper.conf'),
      findings: [{
        messageId: 'customised', severity: 'info', line: 2,
        data: { range: '3.0.0 - 3.0.2', tie: '' },
        message: 'only main-level changes carry over',
      }],
    },
    {
      name: '3.4 http copy: the tie across releases is said out loud',
      from: '3.4.2', to: '3.6.1', inputs: fixtureTemplates('3.4-http-copy.conf'),
      findings: [{ messageId: 'customised', data: { tie: ' (several releases match equally well)' }, message: 'nginx-kong.conf template' }],
    },
    {
      name: 'a 3.0 template on a node that already runs 3.3 is said to be older than the node',
      from: '3.3.1', to: '3.4.2', inputs: fixtureTemplates('3.0-wrapper.conf'),
      findings: [{ messageId: 'customised', message: 'It predates the installed 3.3.x' }],
    },
    {
      name: 'an untouched stock copy of an older release: replace it',
      from: '3.3.1', to: '3.4.2', inputs: stockCopyOf(['3.3.0', '3.3.1']),
      findings: [{ messageId: 'stockCopy', data: { range: '3.3.0 - 3.3.1' } }],
    },
    {
      name: 'a rendered nginx-kong.conf is said to be no template, as a warning at the path that gave it away',
      from: '2.8.2', to: '3.4.2', inputs: fixtureTemplates('rendered-nginx-kong.conf'),
      findings: [{
        messageId: 'rendered', severity: 'warning', line: 29,
        data: { renderedFile: 'nginx-kong.conf', originNote: '' },
        message: 'rewrite from the template and kong.conf every time',
      }],
    },
    {
      name: 'a rendered nginx.conf with the http content inline points at the custom template it came from',
      from: '3.4.2', to: '3.9.3',
      inputs: inlineTemplate('# injected nginx_main_* directives\nworker_processes auto;\nevents {}\nhttp {\n    lua_shared_dict kong 5m;\n    init_by_lua_block {\n        Kong.init()\n    }\n}\n', 'nginx.conf'),
      findings: [{ messageId: 'rendered', line: 1, data: { renderedFile: 'nginx.conf' }, message: 'this node starts with a custom `--nginx-conf` template' }],
    },
    {
      // A file with nothing Kong-specific is refused by the loader; this one has a Kong dict.
      name: 'a Kong template unlike any stock one is not passed off as a copy',
      from: '3.4.2', to: '3.6.1', inputs: inlineTemplate('worker_processes 4;\nhttp {\n  lua_shared_dict kong 5m;\n  server {\n    listen 80;\n    root /srv/www;\n  }\n}\n'),
      findings: [{ messageId: 'unrecognised', data: { confidence: 'none' } }],
    },
  ],
});

describe('customisation lists never print credentials', () => {
  it('hides the value of secret-looking lines and keeps ordinary ones', async () => {
    const { runCase } = await import('../../support/rule-tester');
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const wrapper = readFileSync(join(NGINX_FIXTURES, '3.0-wrapper.conf'), 'utf8');
    const template = wrapper.replace("include 'nginx-kong.conf';", "include 'nginx-kong.conf';\n    proxy_set_header Authorization \"Bearer s3cr3t-value\";\n    set $api_key abcdef123;\n    client_max_body_size 20m;");
    const { result } = await runCase(rule, { name: 'secrets', from: '3.0.0', to: '3.4.2', inputs: inlineTemplate(template) });
    const text = JSON.stringify(result.findings);
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain('abcdef123');
    expect(text).toContain('proxy_set_header ... (value hidden: it looks like a credential)');
    expect(text).toContain('client_max_body_size 20m;');
  });
});

describe('targets within the researched templates', () => {
  it('do not carry the note about templates after 3.9', async () => {
    const { runCase } = await import('../../support/rule-tester');
    const { result } = await runCase(rule, { name: 'to 3.9', from: '3.4.2', to: '3.9.3', inputs: fixtureTemplates('3.4-http-copy.conf') });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0].message).not.toContain('stock templates up to');
  });
});
