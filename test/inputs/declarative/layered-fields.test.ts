// Entities configured from more than their own record: a service's `url`, a plugin's decK
// `_config`, decK `_info.defaults`. Rules see the merged fields; `at` points at the text that
// holds each value, and a plain entity keeps its parsed record unchanged.

import { DeclarativeEntitySource, readDeclarativeText } from '../../../src/inputs/declarative';
import type { DeclarativeEntity } from '../../../src/inputs/declarative/entities';
import { serviceUrlFields } from '../../../src/inputs/declarative/layered-fields';
import type { Entity, EntityType } from '../../../src/model/entities';

function entities(text: string, type: EntityType, loadedByKong = false): readonly Entity[] {
  return new DeclarativeEntitySource([readDeclarativeText('kong.yml', text, loadedByKong)]).list(type);
}

function line(entity: Entity, path: (string | number)[]): number | undefined {
  const origin = entity.at(path);
  return origin.kind === 'file' ? origin.line : undefined;
}

describe('service url shorthand', () => {
  it('splits a URL as Kong does, with its defaults for a missing scheme or port', () => {
    expect(serviceUrlFields('https://api.example.com/v1', 'kong')).toEqual({ protocol: 'https', host: 'api.example.com', port: 443, path: '/v1' });
    expect(serviceUrlFields('http://u:p@backend:8080', 'kong')).toEqual({ protocol: 'http', host: 'backend', port: 8080, path: null });
    expect(serviceUrlFields('grpcs://g.internal:9000/x?y=1#z', 'kong')).toEqual({ protocol: 'grpcs', host: 'g.internal', port: 9000, path: '/x' });
    expect(serviceUrlFields('//secure.internal:443', 'kong')).toEqual({ protocol: 'https', host: 'secure.internal', port: 443, path: null });
    expect(serviceUrlFields('', 'kong')).toBeUndefined();
  });

  it('splits it as decK does for a decK state: scheme lowercased and required, port 443 only for https', () => {
    expect(serviceUrlFields('HTTPS://api.example.com', 'deck')).toEqual({ protocol: 'https', host: 'api.example.com', port: 443 });
    expect(serviceUrlFields('wss://ws.internal/socket', 'deck')).toEqual({ protocol: 'wss', host: 'ws.internal', port: 80, path: '/socket' });
    expect(serviceUrlFields('//no-scheme.internal', 'deck')).toBeUndefined();
  });

  it('gives the service the protocol of its url, which wins over an explicit field in a file Kong loads', () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n  protocol: wss\n  url: http://a.internal\n';
    const [service] = entities(text, 'service');
    expect(service.fields).toMatchObject({ protocol: 'http', host: 'a.internal', port: 80, url: 'http://a.internal' });
    expect(line(service, ['protocol'])).toBe(5);
    expect(line(service, ['name'])).toBe(3);
  });

  it('in a decK state the explicit field wins, and only unset fields come from the url', () => {
    const text = '_format_version: "3.0"\n_info: {select_tags: [x]}\nservices:\n- name: a\n  protocol: https\n  url: http://a.internal/p\n';
    const [service] = entities(text, 'service');
    expect(service.fields).toMatchObject({ protocol: 'https', host: 'a.internal', port: 80, path: '/p' });
    expect(line(service, ['protocol'])).toBe(5);
    expect(line(service, ['host'])).toBe(6);
  });

  it('leaves a service without url, and every route, with the record it was read from', () => {
    const text = '_format_version: "3.0"\nservices:\n- name: a\n  host: a.internal\n  routes:\n  - name: r\n    paths: [/a]\n';
    const document = readDeclarativeText('kong.yml', text);
    const source = new DeclarativeEntitySource([document]);
    const services = document.root.services as Record<string, unknown>[];
    expect(source.list('service')[0].fields).toBe(services[0]);
    expect(source.list('route')[0].fields).toBe((services[0].routes as unknown[])[0]);
  });
});

describe('decK _plugin_configs', () => {
  const text = [
    '_format_version: "3.0"',
    '_plugin_configs:',
    '  shared:',
    '    hide_credentials: true',
    '    key_names: [apikey]',
    '    redis: {host: r, ssl_verify: false}',
    'plugins:',
    '- name: key-auth',
    '  _config: shared',
    '  config:',
    '    key_names: [token]',
    '    redis: {host: mine}',
    '- name: key-auth',
    '  _config: missing',
    '',
  ].join('\n');

  it('merges the named config under the plugin\'s own, the plugin winning at every depth', () => {
    const [merged, unknown] = entities(text, 'plugin');
    expect(merged.fields.config).toEqual({ hide_credentials: true, key_names: ['token'], redis: { host: 'mine', ssl_verify: false } });
    // decK refuses a name it does not know; nothing is made up for it.
    expect(unknown.fields.config).toBeUndefined();
  });

  it('points at the shared text for values the plugin does not write itself', () => {
    const [merged] = entities(text, 'plugin');
    expect(line(merged, ['config', 'hide_credentials'])).toBe(4);
    expect(line(merged, ['config', 'redis', 'ssl_verify'])).toBe(6);
    expect(line(merged, ['config', 'redis', 'host'])).toBe(12);
    expect(line(merged, ['config', 'key_names'])).toBe(11);
    const place = (merged as DeclarativeEntity).documentPathOf(['config', 'hide_credentials']);
    expect(place).toEqual(['_plugin_configs', 'shared', 'hide_credentials']);
    // A new field written beside a shared one goes into the shared config too.
    expect((merged as DeclarativeEntity).documentPathOf(['config', 'allow'], ['config', 'hide_credentials'])).toEqual(['_plugin_configs', 'shared', 'allow']);
    expect((merged as DeclarativeEntity).documentPathOf(['config', 'allow'])).toEqual(['plugins', 0, 'config', 'allow']);
  });

  it('is ignored in a file Kong loads itself, which cannot hold decK keys', () => {
    const [merged] = entities(text, 'plugin', true);
    expect(merged.fields.config).toEqual({ key_names: ['token'], redis: { host: 'mine' } });
  });
});

describe('decK _info.defaults', () => {
  const text = [
    '_format_version: "3.0"',
    '_info:',
    '  defaults:',
    '    route: {protocols: [https], strip_path: false}',
    '    service: {protocol: https, tls_verify: true}',
    'services:',
    '- name: a',
    '  url: http://a.internal',
    '  routes:',
    '  - name: r1',
    '    paths: [/a]',
    '  - name: r2',
    '    protocols: [http]',
    '    strip_path: null',
    '',
  ].join('\n');

  it('fills what an entity leaves unset, after the url', () => {
    const [r1, r2] = entities(text, 'route');
    expect(r1.fields).toMatchObject({ protocols: ['https'], strip_path: false });
    expect(r2.fields).toMatchObject({ protocols: ['http'], strip_path: false });
    expect(line(r1, ['protocols'])).toBe(4);
    expect(line(r2, ['protocols'])).toBe(13);
    const [service] = entities(text, 'service');
    expect(service.fields).toMatchObject({ protocol: 'http', tls_verify: true });
    expect(line(service, ['protocol'])).toBe(8);
    expect(line(service, ['tls_verify'])).toBe(5);
  });
});
