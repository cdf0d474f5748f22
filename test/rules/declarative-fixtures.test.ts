// Every fixture under fixtures/declarative runs through all declarative and entity rules; the
// findings must be exactly those its .expect.json lists (rule, messageId, severity, line).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOnFiles, summarize } from '../support/declarative-harness';
import type { Edition, Topology } from '../../src/plan/types';

const DIR = join(__dirname, '..', '..', 'fixtures', 'declarative');

interface Expectation {
  file?: string;
  from: string;
  to: string;
  edition?: Edition;
  topology?: Topology;
  findings: string[];
}

const cases = readdirSync(DIR)
  .filter((name) => name.endsWith('.expect.json'))
  .sort()
  .map((name) => {
    const expectation = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Expectation;
    const file = expectation.file ?? name.replace('.expect.json', '.yml');
    return { name, file, expectation };
  });

describe('declarative fixtures', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('$name', async ({ file, expectation }) => {
    const result = await runOnFiles(
      { from: expectation.from, to: expectation.to, edition: expectation.edition, topology: expectation.topology },
      [file],
      DIR,
    );
    expect(summarize(result.findings)).toEqual([...expectation.findings].sort());
    for (const finding of result.findings) {
      expect(finding.message).not.toMatch(/\{\{/);
      expect(finding.location).toMatchObject({ kind: 'file', file });
    }
  });
});
