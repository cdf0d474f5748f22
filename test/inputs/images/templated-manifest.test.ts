// A Kubernetes manifest still holding Helm template actions, given as --image-file, fails as YAML:
// the error says to render the chart first, as the declarative reader's does (sweep 17:
// orangesys/charts kong/templates/deployments.yaml stopped with a bare "Unexpected scalar").

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../../src/errors';
import { readImageFiles } from '../../../src/inputs/images/load';
import { tempDir } from '../../support/temp';

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - image: kong:3.4',
  '        name: NAME-proxy',
  '',
].join('\n');

function readError(text: string): string {
  const dir = tempDir();
  const file = join(dir, 'deployment.yaml');
  writeFileSync(file, text);
  try {
    readImageFiles([file], { env: {}, cwd: dir });
  } catch (error) {
    if (error instanceof InputError) return error.oneLine();
    throw error;
  }
  return '';
}

describe('--image-file manifests with Helm template actions', () => {
  it('an unrendered template is told to be rendered first', () => {
    const message = readError(DEPLOYMENT.replace('name: NAME-proxy', 'name: {{ template "fullname" . }}-proxy'));
    expect(message).toMatch(/deployment\.yaml:8:\d+: not valid YAML: .*; the file holds Go template actions .*helm template RELEASE CHART/);
  });

  it('a YAML error in a plain manifest gets no Helm advice', () => {
    const message = readError(DEPLOYMENT.replace('name: NAME-proxy', 'name: [proxy'));
    expect(message).toMatch(/not valid YAML/);
    expect(message).not.toMatch(/Go template/);
  });

  // dwp/terraform-aws-kong-gateway templates/ecs/*.tpl: ECS container definitions for templatefile().
  it('an unrendered Terraform template of ECS container definitions is told to be rendered first, bare placeholders or directives', () => {
    expect(readError('[{\n  "cpu": ${cpu},\n  "image": "${image_url}",\n  "name": "kong"\n}]\n'))
      .toMatch(/deployment\.yaml:2:\d+: not valid YAML: .*; the file holds template placeholders where values go \(\$\{cpu\}\), as a Terraform templatefile\(\) template does: render it first/);
    expect(readError('[{\n  "name": "kong",\n  "environment": [\n    {"name": "A", "value": "b"}\n    %{ if vitals == "on" }\n    ,{"name": "C", "value": "d"}\n    %{ endif }\n  ]\n}]\n'))
      .toMatch(/the file holds template directives \(%\{ if vitals == "on" \}\)/);
    // A quoted placeholder parses: no error at all.
    expect(readError('[{"name": "kong", "image": "${image_url}", "essential": true}]\n')).toBe('');
  });
});
