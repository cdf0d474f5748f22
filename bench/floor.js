// The floor for a declarative file: read it and parse it with the fastest loader available and
// nothing else (js-yaml's `load` for YAML, JSON.parse for JSON). Prints the in-process time in ms.
// The `yaml` package is not a candidate: 8-10 s and ~1 GB on the 50k-route file (docs/performance.md).
//
// Usage: node bench/floor.js FILE

'use strict';
const { readFileSync } = require('node:fs');

const file = process.argv[2];
const start = process.hrtime.bigint();
const text = readFileSync(file, 'utf8');
const value = file.endsWith('.json') ? JSON.parse(text) : require('js-yaml').load(text);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
if (!value || typeof value !== 'object') throw new Error(`${file} did not parse to a mapping`);
process.stdout.write(`${ms.toFixed(0)}\n`);
