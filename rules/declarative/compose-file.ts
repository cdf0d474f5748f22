// Says which files given as declarative configuration were docker compose files and so were not
// checked. A demo or install folder often keeps compose.yaml beside kong.yaml, and `--declarative
// DIR` reads every YAML file under it; read as Kong's, a compose file's `services:` mapping would
// be taken for a broken part of the configuration (and, alone, get "no _format_version").

import { resolve } from 'node:path';
import { defineRule } from '../../src/engine/define-rule';

export default defineRule<'notChecked' | 'readAsImageFile'>({
  id: 'declarative/compose-file',
  description: 'Lists files given as declarative configuration that are docker compose files, which were not checked.',
  severity: 'info',
  inputs: ['declarative'],
  messages: {
    notChecked: '{{file}} is a docker compose file (`services:` is a mapping of containers), not a Kong declarative file: it was not checked. Give it with --image-file to read the Kong image it names.',
    readAsImageFile: '{{file}} is a docker compose file (`services:` is a mapping of containers), not a Kong declarative file: it was not checked as one. It is also given with --image-file, which read the Kong image it names.',
  },
  remediation: 'Point --declarative at the kong.yml or decK state files only.',
  docsUrl: 'https://developer.konghq.com/deck/',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/db/schema/others/declarative_config.lua@3.9.3', note: 'services in a declarative file is an array of records' },
    { kind: 'repo', ref: 'compose-spec/compose-spec:schema/compose-spec.json', note: 'services is an object of named service definitions (image, build, environment...)' },
  ],
  check(ctx) {
    const declarative = ctx.input('declarative');
    // Nothing else was read: the operator may have pointed at the wrong file, so it is a warning.
    const severity = declarative.documents.length === 0 ? 'warning' : 'info';
    // The same file given with --image-file too (a folder given as --declarative that holds it):
    // it was read for what it is, so telling the operator to give it so would mislead.
    const imageFiles = new Set((ctx.optionalInput('images') ?? []).filter((image) => image.via === 'compose').map((image) => resolve(image.origin.file)));
    for (const file of declarative.unreadable) {
      if (file.reason !== 'compose-file') continue;
      if (imageFiles.has(resolve(file.file))) ctx.report({ messageId: 'readAsImageFile', severity: 'info', at: file.origin, data: { file: file.file } });
      else ctx.report({ messageId: 'notChecked', severity, at: file.origin, data: { file: file.file } });
    }
  },
});
