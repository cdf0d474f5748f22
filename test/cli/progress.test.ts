// Progress goes to a terminal only; CI logs and pipes see nothing.

import { createProgress } from '../../src/cli/progress';
import { fixture, runCli } from '../support/cli';
import { run } from '../../src/cli/main';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, write: (t: string) => written.push(t), written };
}

describe('progress', () => {
  it('draws steps and throttled counts on a terminal, then clears the line', () => {
    let clock = 0;
    const out = stream(true);
    const p = createProgress(out, { intervalMs: 100, now: () => clock });
    p.step('reading routes');
    clock = 50;
    p.tick(10, 1000); // too soon: not drawn
    clock = 150;
    p.tick(20, 1000);
    p.done();
    expect(out.written).toEqual(['\r\u001b[2Kreading routes…', '\r\u001b[2Kreading routes… 20/1000', '\r\u001b[2K']);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const out = stream(false);
    const p = createProgress(out);
    p.step('x');
    p.tick(1);
    p.done();
    expect(out.written).toEqual([]);
  });

  it('check shows progress on a terminal stderr and leaves stdout alone', async () => {
    const progress = stream(true);
    let stdout = '';
    const code = await run(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4', '--format', 'json'], {
      stdout: (t) => { stdout += t; }, stderr: () => {}, env: {}, cwd: process.cwd(), stdoutIsTty: false, progressStream: progress,
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary).toBeDefined();
    expect(progress.written.some((t) => t.includes('running rules'))).toBe(true);
    expect(progress.written[progress.written.length - 1]).toBe('\r\u001b[2K');
  });

  it('the in-process runner (not a terminal) gets no progress', async () => {
    const result = await runCli(['check', fixture('installations/oss-3.3-clean/kong.conf'), '--from', '3.3', '--to', '3.4']);
    expect(result.stderr).toBe('');
  });
});
