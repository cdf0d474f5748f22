// `kong-preflight path` text output.

import { runCli } from '../support/cli';

describe('path', () => {
  it('writes each alternative from its own start, as check does', async () => {
    const result = await runCli(['path', '--from', '3.10.0.2', '--to', '3.14', '--edition', 'enterprise']);
    expect(result.code).toBe(0);
    // Without its start the walk read as a route beginning at 3.11.
    expect(result.stdout).toMatch(/^ {2}alternative \(guaranteed-paths\): 3\.10\.0\.2 -> 3\.11\.x -> 3\.12\.x -> 3\.13\.x -> 3\.14\.x/m);
  });
});
