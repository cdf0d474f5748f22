// A reader that stops early (`kong-preflight check ... | head`) closes the pipe under the CLI. The
// run must end quietly with its own exit code: before, the closed pipe surfaced as an unhandled
// stream error, a stack trace and exit code 1, the code that means "findings". Runs against the
// built CLI (npm test builds first).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, REPO_ROOT } from '../support/cli';

const built = existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'));

/** Runs the CLI with stdout closed from the start; resolves to its exit code and stderr. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'kong-preflight.js'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

(built ? describe : describe.skip)('a reader that closes the pipe early', () => {
  const args = ['check', fixture('installations/ee-2.8-outdated/kong.conf'), '--from', '2.8.2.4', '--to', '3.4', '--no-db', '--no-config'];

  it('ends the run with its own exit code and no stack trace (text and JSON)', async () => {
    for (const format of ['text', 'json']) {
      const passing = await runWithClosedStdout([...args, '--format', format, '--fail-on', 'none']);
      expect(passing.stderr).not.toMatch(/EPIPE|Error:|at /);
      expect(passing.code).toBe(0);
      const failing = await runWithClosedStdout([...args, '--format', format, '--fail-on', 'blocker']);
      expect(failing.stderr).not.toMatch(/EPIPE|Error:|at /);
      expect(failing.code).toBe(1);
    }
  });
});
