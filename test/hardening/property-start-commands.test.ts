// Property-based tests (fast-check) for the readers of the commands a container starts with: the
// shell splitters (compose's go-shellwords rules, POSIX shell scripts), the finders of Kong's
// `-c` and `--nginx-conf`, and the start kind the stock-template claim rests on. They take words
// from any compose file, manifest or Dockerfile, so any text must give an answer, never throw.

import fc from 'fast-check';
import { composeStringWords, shellScriptCommands } from '../../src/inputs/images/shell-words';
import { kongConfArgument } from '../../src/inputs/images/run-conf';
import { startKind } from '../../src/inputs/images/stock-start';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

/** Pieces of real start commands, quoting and shell syntax mixed in. */
const piece = fc.oneof(
  fc.constantFrom('kong', 'start', 'docker-start', 'prepare', '-c', '--conf', '--conf=/etc/kong/kong.conf', '--nginx-conf', '--nginx-conf=/t.conf', '/etc/kong/kong.conf',
    '/docker-entrypoint.sh', 'sh', '-c', 'bash', '-ec', 'exec', '&&', ';', '|', '>', '2>', '#', '$(', ')', '`', '"', "'", '\\', '\\\n', '$$', '${X}', '$X', '\n', '\t', ' '),
  fc.string({ maxLength: 6 }),
);
const commandText = fc.array(piece, { maxLength: 14 }).map((parts) => parts.join(' '));
const wordList = fc.array(fc.oneof(piece, commandText), { maxLength: 8 });

describe('start commands on arbitrary input', () => {
  it('compose string commands: a list of words, or refused (undefined)', () => {
    fc.assert(fc.property(commandText, (text) => {
      const words = composeStringWords(text);
      if (words !== undefined) for (const word of words) expect(typeof word).toBe('string');
    }), { numRuns: RUNS });
  });

  it('shell scripts: commands of non-empty word lists', () => {
    fc.assert(fc.property(commandText, (text) => {
      for (const command of shellScriptCommands(text)) {
        expect(command.length).toBeGreaterThan(0);
        for (const word of command) expect(typeof word).toBe('string');
      }
    }), { numRuns: RUNS });
  });

  it('-c, --nginx-conf and the start kind: an answer for any words, a --nginx-conf path only when the words name the option', () => {
    fc.assert(fc.property(wordList, (words) => {
      const conf = kongConfArgument(words);
      if (conf !== undefined) expect(typeof conf).toBe('string');
      const kind = startKind(words);
      expect(['stock', 'nginx-conf', 'other']).toContain(kind.kind);
      if (kind.kind === 'nginx-conf') expect(words.some((word) => word.includes('--nginx-conf'))).toBe(true);
      if (kind.kind === 'stock') expect(words).toContain('docker-start');
    }), { numRuns: RUNS });
  });

  // Each level of quoting doubles the backslashes: ten levels are about a thousand times the text.
  it('a script nested in shells many times over stays an answer', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 }), commandText, (depth, inner) => {
      let script = `kong start -c /x.conf ${inner}`;
      for (let i = 0; i < depth; i++) script = `sh -c ${JSON.stringify(script)}`;
      const words = ['sh', '-c', script];
      kongConfArgument(words);
      startKind(words);
    }), { numRuns: Math.min(RUNS, 100) });
  });
});
