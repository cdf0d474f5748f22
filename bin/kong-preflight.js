#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in src/cli (compiled to dist by `npm run build`).
require('../dist/src/cli/main.js').main();
