#!/usr/bin/env node
// Measures loading (parse + fingerprint identification + element extraction) of nginx templates:
// the fixture templates as they are, and one large synthetic template made of many fixtures.
// Run after `npm run build`:  node bench/nginx-template.js

'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { readNginxTemplate } = require('../dist/src/inputs/nginx/load');

const fixtures = join(__dirname, '..', 'fixtures', 'nginx');
const names = ['2.8-inlined.conf', '3.0-wrapper.conf', '3.4-http-copy.conf', 'legacy-1x-loops.conf'];

function time(label, text, rounds) {
  readNginxTemplate(label, text); // warm caches (line weights, stock counts)
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) readNginxTemplate(label, text);
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / rounds;
  console.log(`${label.padEnd(28)} ${String(text.split('\n').length).padStart(7)} lines  ${ms.toFixed(2).padStart(8)} ms/load`);
}

for (const name of names) time(name, readFileSync(join(fixtures, name), 'utf8'), 50);
const big = Array.from({ length: 40 }, () => readFileSync(join(fixtures, '2.8-inlined.conf'), 'utf8')).join('\n');
time('40 x 2.8-inlined (synthetic)', big, 3);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`);
