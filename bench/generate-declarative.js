#!/usr/bin/env node
// Writes synthetic declarative installations of several sizes to bench/out/: a 2.x-era kong.yml
// (YAML) and its JSON twin per size. The shape follows what large customers run: services with
// nested routes and plugins, some consumers, a share of regex paths written without the `~` that
// 3.x requires, and a few plugins still using fields 3.0 removed. Content is derived from the
// entity index only (no randomness), so every run writes the same bytes.
//
// Each size also gets a `-3x` twin already converted for 3.x, on which a check finds almost nothing.
// The 50k size also gets a `-9mb` variant: the same entities and findings with leaner fields, at
// the 9 MB the issue's own figures were measured on (the default files carry more per entity).
//
// Usage: node bench/generate-declarative.js [ROUTES...]   (default 1000 10000 50000)

'use strict';
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const OUT = join(__dirname, 'out');
const ROUTES_PER_SERVICE = 5;

function routePlugin(s, r, lean) {
  const n = s * ROUTES_PER_SERVICE + r;
  // One plugin in 50 still uses a field 3.0 removed (ip-restriction whitelist -> allow).
  if (n % 50 === 7) return { name: 'ip-restriction', config: { whitelist: [`10.${s % 256}.0.0/16`] } };
  if (lean) return { name: ['rate-limiting', 'key-auth', 'cors', 'correlation-id'][n % 4], config: n % 4 === 0 ? { minute: 60, policy: 'local' } : undefined };
  switch (n % 4) {
    case 0: return { name: 'rate-limiting', config: { minute: 60 + (n % 100), policy: 'local', limit_by: 'consumer' } };
    case 1: return { name: 'key-auth', config: { key_names: ['apikey'], hide_credentials: true } };
    case 2: return { name: 'cors', config: { origins: [`https://app${s}.example.com`], methods: ['GET', 'POST'], credentials: false } };
    default: return { name: 'request-transformer', config: { add: { headers: [`x-route:${n}`] }, remove: { headers: ['x-debug'] } } };
  }
}

function route(s, r, lean) {
  const n = s * ROUTES_PER_SERVICE + r;
  // One route in five has a regex path written the 2.x way (no leading `~`).
  const paths = r === 3 ? [`/svc-${s}/items/\\d+$`, `/svc-${s}/items`] : [`/svc-${s}/r${r}`];
  const entity = {
    name: `route-${n}`,
    paths,
    methods: r % 2 === 0 ? ['GET'] : ['GET', 'POST', 'PUT'],
    strip_path: r !== 3,
    plugins: [routePlugin(s, r, lean)],
  };
  if (s % 10 === 0) entity.hosts = [`api${s}.example.com`];
  return entity;
}

function service(s, lean) {
  const routes = Array.from({ length: ROUTES_PER_SERVICE }, (_, r) => route(s, r, lean));
  if (lean) return { name: `service-${s}`, url: `http://backend-${s % 200}.internal:8080/v1`, connect_timeout: 5000, tags: [`team-${s % 40}`, 'generated'], routes, plugins: [{ name: 'correlation-id' }] };
  return {
    name: `service-${s}`,
    url: `http://backend-${s % 200}.internal:8080/v1`,
    connect_timeout: 5000,
    tags: [`team-${s % 40}`, 'generated'],
    routes,
    plugins: [{ name: 'correlation-id', config: { header_name: 'x-request-id', generator: 'uuid#counter', echo_downstream: s % 2 === 0 } }],
  };
}

function installation(routes, lean = false) {
  const services = Math.ceil(routes / ROUTES_PER_SERVICE);
  return {
    _format_version: '2.1',
    _transform: true,
    // The global plugins most installations run.
    plugins: [
      { name: 'prometheus', config: { per_consumer: false, status_code_metrics: true, latency_metrics: true, bandwidth_metrics: true, upstream_health_metrics: true } },
      { name: 'file-log', config: { path: '/dev/stdout', reopen: false } },
    ],
    services: Array.from({ length: services }, (_, s) => service(s, lean)),
    consumers: Array.from({ length: Math.ceil(services / 10) }, (_, c) => ({
      username: `consumer-${c}`,
      custom_id: `customer-${c}`,
      keyauth_credentials: [{ key: `generated-key-${c}` }],
      plugins: c % 25 === 0 ? [{ name: 'acl', config: { blacklist: ['banned'] } }] : undefined,
    })).map((c) => (c.plugins ? c : (delete c.plugins, c))),
  };
}

/** A scalar as YAML: plain when unambiguous, else single-quoted. */
function yamlScalar(value) {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z\/][A-Za-z0-9_\/.:\\$+*-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value);
  return plain ? value : `'${value.replace(/'/g, "''")}'`;
}

/** Block YAML in the style decK writes, with lists of scalars kept on one line. */
function toYaml(value, indent = '') {
  let out = '';
  for (const [key, child] of Object.entries(value)) {
    if (child === undefined) continue;
    if (Array.isArray(child) && child.every((c) => typeof c !== 'object')) {
      out += `${indent}${key}: [${child.map(yamlScalar).join(', ')}]\n`;
    } else if (Array.isArray(child)) {
      out += `${indent}${key}:\n`;
      for (const item of child) out += `${indent}- ${toYaml(item, `${indent}  `).slice(indent.length + 2)}`;
    } else if (child !== null && typeof child === 'object') {
      out += `${indent}${key}:\n${toYaml(child, `${indent}  `)}`;
    } else {
      out += `${indent}${key}: ${yamlScalar(child)}\n`;
    }
  }
  return out;
}

/**
 * The same installation as a 3.x file written by someone who did the upgrade homework: format
 * 3.0, regex paths with `~` in routes of their own, renamed plugin fields. A check finds (almost)
 * nothing, so its time is reading, walking and rules, without thousands of findings to report.
 */
function convertedFor3x(doc) {
  const rename = (config, from, to) => {
    if (config && from in config) {
      config[to] = config[from];
      delete config[from];
    }
  };
  const upgraded = structuredClone(doc);
  upgraded._format_version = '3.0';
  for (const service of upgraded.services) {
    for (const route of service.routes) {
      route.paths = route.paths.filter((p) => !p.includes('\\')).length === route.paths.length
        ? route.paths
        : route.paths.filter((p) => p.includes('\\')).map((p) => `~${p}`);
      for (const plugin of route.plugins) rename(plugin.config, 'whitelist', 'allow');
    }
  }
  for (const consumer of upgraded.consumers) for (const plugin of consumer.plugins ?? []) rename(plugin.config, 'blacklist', 'deny');
  return upgraded;
}

function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  mkdirSync(OUT, { recursive: true });
  for (const routes of sizes.length > 0 ? sizes : [1000, 10000, 50000]) {
    const label = routes >= 1000 ? `${routes / 1000}k` : String(routes);
    write(installation(routes), label, routes);
    if (routes === 50000) write(installation(routes, true), `${label}-9mb`, routes);
  }
}

function write(doc, label, routes) {
  const yamlText = `# Generated by bench/generate-declarative.js: ${routes} routes\n${toYaml(doc)}`;
  writeFileSync(join(OUT, `routes-${label}.yml`), yamlText);
  const jsonText = `${JSON.stringify(doc, null, 2)}\n`;
  writeFileSync(join(OUT, `routes-${label}.json`), jsonText);
  const mb = (t) => (Buffer.byteLength(t) / 1048576).toFixed(1);
  process.stdout.write(`routes-${label}: ${doc.services.length} services, ${routes} routes; yml ${mb(yamlText)} MB, json ${mb(jsonText)} MB\n`);
  const clean = convertedFor3x(doc);
  writeFileSync(join(OUT, `routes-${label}-3x.yml`), `# Generated by bench/generate-declarative.js: ${routes} routes, converted for 3.x\n${toYaml(clean)}`);
  writeFileSync(join(OUT, `routes-${label}-3x.json`), `${JSON.stringify(clean, null, 2)}\n`);
}

main();
