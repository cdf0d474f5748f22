// A clean run prints nothing but its report: no Node process warning on stderr. The yaml package
// warns (process.emitWarning) when it turns a key written as a mapping or list into text; every
// YAML reader is fed such a key here and process.emitWarning is watched.

import { join } from 'node:path';
import { runCli } from '../support/cli';
import { tempDir } from '../support/temp';

const COMPLEX = '  ? [a, b]\n  : 1\n';

async function warningsOf(args: string[]): Promise<string[]> {
  const emitted = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
  try {
    const result = await runCli(['check', ...args, '--no-db', '--no-config', '--from', '3.4', '--to', '3.9', '--format', 'json', '--fail-on', 'none']);
    // A report, or a refusal on one line (Helm itself refuses such values).
    if (result.code === 2) expect(result.stderr.trim().split('\n')).toHaveLength(1);
    else expect(result.code).toBe(0);
    return emitted.mock.calls.map((call) => String(call[0]));
  } finally {
    emitted.mockRestore();
  }
}

describe('no process warning for keys written as collections', () => {
  const dir = tempDir({
    'ingress.yaml': `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n${COMPLEX}spec:\n  rules: []\n`,
    'deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kong\n${COMPLEX}spec:\n  template:\n    spec:\n      containers:\n      - name: proxy\n        image: kong:3.4.2\n`,
    'compose.yaml': `services:\n  kong:\n    image: kong:3.4.2\n    environment:\n    ${COMPLEX.replace(/\n  :/, '\n    :')}`,
    'values.yaml': `image:\n  repository: kong\n  tag: "3.4.2"\nenv:\n${COMPLEX}`,
    'kong.yaml': `_format_version: "3.0"\nservices:\n- name: s\n  url: http://s\n${COMPLEX}`,
  }, 'kp-warnings-');

  it.each([
    ['an Ingress manifest', ['--image-file', 'ingress.yaml']],
    ['a Deployment manifest', ['--image-file', 'deployment.yaml']],
    ['a compose file', ['--image-file', 'compose.yaml']],
    ['Helm values', ['--helm-values', 'values.yaml']],
    ['a declarative file', ['--declarative', 'kong.yaml']],
  ])('%s', async (_name, args) => {
    const warnings = await warningsOf(args.map((arg) => (arg.includes('.') ? join(dir, arg) : arg)));
    expect(warnings).toEqual([]);
  });
});
