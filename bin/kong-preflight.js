#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in src/cli (compiled to dist by `npm run build`). The code cache
// the build made is installed first, so the modules after it load without compiling.
const { join } = require('node:path');
const dist = join(__dirname, '..', 'dist');
require('../dist/src/startup/code-cache.js').installCodeCache(dist);
require('../dist/src/cli/main.js').main();
