// A suppression must name a known rule and give a reason; otherwise it hides nothing and is
// reported as meta/invalid-suppression.

import { checkJson } from '../../support/check-json';

const ARGS = ['--from', '2.8', '--to', '3.4', '--edition', 'oss'];

describe('meta/invalid-suppression', () => {
  it.each([
    ['no reason', '# kong-preflight-disable-next-line conf/cassandra-removed', 'noReason'],
    ['an empty reason', '# kong-preflight-disable-next-line conf/cassandra-removed --', 'noReason'],
    ['no rule', '# kong-preflight-disable-next-line -- because', 'noRule'],
    ['an unknown rule', '# kong-preflight-disable-next-line conf/cassandra-removd -- typo', 'unknownRule'],
  ])('%s: the finding stays and the comment is reported', async (_name, comment, messageId) => {
    const { code, findings } = await checkJson({ 'kong.conf': `${comment}\ndatabase = cassandra\n` }, ARGS);
    expect(code).toBe(1);
    expect(findings.some((f) => f.ruleId === 'conf/cassandra-removed')).toBe(true);
    expect(findings.filter((f) => f.ruleId === 'meta/invalid-suppression')).toEqual([
      expect.objectContaining({ messageId, location: expect.objectContaining({ line: 1 }) }),
    ]);
  });

  it('accepts a well-formed comment', async () => {
    const { findings } = await checkJson({ 'kong.conf': '# kong-preflight-disable-next-line conf/cassandra-removed -- tracked in OPS-1\ndatabase = cassandra\n' }, ARGS);
    expect(findings.filter((f) => f.ruleId === 'meta/invalid-suppression')).toEqual([]);
  });
});
