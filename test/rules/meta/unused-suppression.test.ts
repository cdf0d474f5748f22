// Inline suppressions in kong.conf: a comment with a reason hides its rule's finding on the next
// line; one that hides nothing (for a rule that ran) is reported as meta/unused-suppression.

import { checkJson } from '../../support/check-json';
import { scanFiles, scanSuppressionComments } from '../../../src/inputs/suppression-comments';
import { applyInlineSuppressions } from '../../../src/triage/inline';
import type { Finding } from '../../../src/model/finding';

const ARGS = ['--from', '2.8', '--to', '3.4', '--edition', 'oss'];

describe('inline suppression in kong.conf', () => {
  it('hides the finding on the next line, counts it, and keeps the reason', async () => {
    const conf = [
      'admin_listen = 127.0.0.1:8001',
      '# kong-preflight-disable-next-line conf/cassandra-removed -- moving to PostgreSQL in OPS-77 before the hop',
      'database = cassandra',
    ].join('\n');
    const { code, findings, suppressed, report } = await checkJson({ 'kong.conf': conf }, ARGS);
    expect(findings.filter((f) => f.ruleId === 'conf/cassandra-removed')).toEqual([]);
    expect(suppressed).toEqual([expect.objectContaining({
      ruleId: 'conf/cassandra-removed',
      location: expect.objectContaining({ line: 3 }),
      suppression: expect.objectContaining({ kind: 'inline', reason: 'moving to PostgreSQL in OPS-77 before the hop' }),
    })]);
    expect(report.summary.suppressed).toEqual({ inline: 1, config: 0, baseline: 0 });
    expect(findings.filter((f) => f.ruleId.startsWith('meta/'))).toEqual([]);
    expect(code).toBe(0); // the only blocker is suppressed
  });

  it('without the comment the same file fails', async () => {
    const { code } = await checkJson({ 'kong.conf': 'admin_listen = 127.0.0.1:8001\n\ndatabase = cassandra\n' }, ARGS);
    expect(code).toBe(1);
  });

  it('reports a suppression that hides nothing, at the comment', async () => {
    const conf = '# kong-preflight-disable-next-line conf/cassandra-removed -- old note\ndatabase = postgres\n';
    const { findings } = await checkJson({ 'kong.conf': conf }, ARGS);
    expect(findings.filter((f) => f.ruleId === 'meta/unused-suppression')).toEqual([
      expect.objectContaining({ severity: 'warning', messageId: 'unused', location: expect.objectContaining({ line: 1 }) }),
    ]);
  });

  it('does not call a suppression unused when its rule did not run on this path', async () => {
    // pg-ssl-version-enum applies to Enterprise only: on OSS it is not evaluated, so no verdict.
    const conf = '# kong-preflight-disable-next-line conf/pg-ssl-version-enum -- EE only\npg_ssl_version = tlsv1\n';
    const { findings } = await checkJson({ 'kong.conf': conf }, ARGS);
    expect(findings.filter((f) => f.ruleId === 'meta/unused-suppression')).toEqual([]);
  });

  it('can be turned off in configuration', async () => {
    const files = {
      'kong.conf': '# kong-preflight-disable-next-line conf/cassandra-removed -- old note\ndatabase = postgres\n',
      '.kong-preflight.yml': 'rules:\n  meta/unused-suppression: off\n',
    };
    const { findings } = await checkJson(files, ARGS);
    expect(findings.filter((f) => f.ruleId === 'meta/unused-suppression')).toEqual([]);
  });
});

describe('inline suppression in YAML', () => {
  const yaml = [
    '_format_version: "3.0"',
    'routes:',
    '  # kong-preflight-disable-next-line declarative/regex-path, declarative/other -- matched by an old client, removed in Q3',
    '  - paths: ["/v1/(?<id>\\\\d+)"]',
    '  - paths: ["/v2/(?<id>\\\\d+)"]',
  ].join('\n');

  it('finds the comment with every rule and its reason', () => {
    expect(scanSuppressionComments('kong.yml', yaml)).toEqual([{
      file: 'kong.yml', line: 3, column: 3, targetLine: 4,
      ruleIds: ['declarative/regex-path', 'declarative/other'],
      reason: 'matched by an old client, removed in Q3',
    }]);
  });

  it('hides the finding on the next line only', () => {
    const finding = (line: number): Finding => ({ ruleId: 'declarative/regex-path', messageId: 'm', severity: 'warning', message: 'x', location: { kind: 'file', file: 'kong.yml', line, column: 5 } });
    const result = applyInlineSuppressions([finding(4), finding(5)], scanSuppressionComments('kong.yml', yaml), {
      knownRules: new Set(['declarative/regex-path', 'declarative/other', 'meta/unused-suppression', 'meta/invalid-suppression']),
      evaluatedRules: new Set(['declarative/regex-path', 'declarative/other']),
      policy: {},
    });
    expect(result.suppressed.map((f) => (f.location as { line: number }).line)).toEqual([4]);
    expect(result.kept.map((f) => (f.location as { line: number }).line)).toEqual([5]);
    // declarative/other found nothing on line 4: that part of the comment is unused.
    expect(result.meta).toEqual([expect.objectContaining({ ruleId: 'meta/unused-suppression', data: { rule: 'declarative/other', target: '4' } })]);
  });
});

describe('suppression comments with unusual text', () => {
  it('is found when its reason holds U+2028 or a lone CR (once silently ignored, hiding nothing)', () => {
    for (const odd of ['\u2028', '\r']) {
      expect(scanSuppressionComments('kong.conf', `# kong-preflight-disable-next-line conf/cassandra-removed -- a${odd}b\ndatabase = cassandra\n`))
        .toEqual([expect.objectContaining({ line: 1, targetLine: 2, ruleIds: ['conf/cassandra-removed'], reason: `a${odd}b` })]);
    }
  });

  it('a rule named twice is one rule: reported unused once (once per mention before)', () => {
    const comments = scanSuppressionComments('kong.conf', '# kong-preflight-disable-next-line conf/x, conf/x -- r\ndatabase = postgres\n');
    expect(comments[0].ruleIds).toEqual(['conf/x']);
    const result = applyInlineSuppressions([], comments, { knownRules: new Set(['conf/x', 'meta/unused-suppression']), evaluatedRules: new Set(['conf/x']), policy: {} });
    expect(result.meta.map((f) => f.ruleId)).toEqual(['meta/unused-suppression']);
  });
});

describe('suppression comments are looked for only where comments exist', () => {
  it('reads the directive in YAML and kong.conf texts, not inside a JSON string', () => {
    const directive = '# kong-preflight-disable-next-line entities/x -- reason';
    const texts = new Map([
      ['kong.yml', `${directive}\nservices: []\n`],
      ['kong.json', `{"note": "${directive}",\n"services": []}\n`],
      ['KONG.JSON', `{"note": "${directive}"}\n`],
    ]);
    expect(scanFiles(texts.keys(), texts).map((c) => `${c.file}:${c.line}`)).toEqual(['kong.yml:1']);
  });
});

// The directive's text inside a value is data: read as a comment it would silently hide findings.
describe('suppression comments are read only from real comments', () => {
  const D = 'kong-preflight-disable-next-line conf/x -- r';
  const linesOf = (file: string, text: string) => scanSuppressionComments(file, text).map((c) => `${c.line}:${c.column}`);

  it('YAML: whole-line and trailing comments, and the comments of a kong.yml held in a block scalar', () => {
    const yaml = [
      `# ${D}`,                                   // 1: whole line
      `name: orders # ${D}`,                      // 2: after a plain value
      `paths: ["/a", '#b'] # ${D}`,               // 3: after a flow list holding a quoted `#`
      `quoted: "x" # ${D}`,                       // 4: after a quoted value
      'data:',
      '  kong.yml: |',
      `    # ${D}`,                               // 7: a comment of the embedded kong.yml
      `    services: [] # ${D}`,                  // 8: the same, trailing
      `note: "#${D}"`,                            // the rest: values, not comments
      `single: '# ${D}'`,
      `plain: a#${D}`,
      `multi: "first line`,
      `  # ${D}"`,
      `literal: |`,
      `  echo "# ${D}"`,
      `folded: >-`,
      `  text#${D}`,
    ].join('\n');
    expect(linesOf('kong.yml', yaml)).toEqual(['1:1', '2:14', '3:21', '4:13', '7:5', '8:18']);
  });

  it('YAML with CRLF line ends and a byte-order mark: the same lines and columns', () => {
    const yaml = `\ufeffa: "# ${D}"\r\nb: c # ${D}\r\n# ${D}\r\n`;
    expect(linesOf('values.yaml', yaml)).toEqual(['2:6', '3:1']);
  });

  it('kong.conf: a `#` starts a comment where Kong cuts a value, not when written `\\#`', () => {
    const conf = [
      `# ${D}`,                                   // 1: whole line
      `log_level = info # ${D}`,                  // 2: trailing: Kong cuts the value here
      `pg_password = a\\#b # ${D}`,               // 3: the escaped `#` is the value's, the next one a comment
      `pg_password = a\\#${D}`,                   // the rest: escaped, Kong keeps `#` in the value
      `pg_user = \\# ${D}`,
    ].join('\n');
    expect(linesOf('kong.conf', conf)).toEqual(['1:1', '2:18', '3:20']);
  });

  it('a directive inside a YAML value hides nothing through the CLI', async () => {
    const rule = 'entities/route-regex-path-without-tilde';
    const yaml = [
      '_format_version: "1.1"',
      'services:',
      '- name: orders',
      '  url: http://orders.internal',
      '  routes:',
      `  - name: "# kong-preflight-disable-next-line ${rule} -- looks like a comment"`,
      '    paths: ["/v1/(?<id>\\\\d+)"]',
    ].join('\n');
    const { findings, suppressed } = await checkJson({ 'kong.yml': `${yaml}\n` }, ['--declarative', 'kong.yml', '--from', '2.8', '--to', '3.4', '--edition', 'oss', '--no-db']);
    expect(findings.filter((f) => f.ruleId === rule).map((f) => f.location.line)).toEqual([7]);
    expect(suppressed).toEqual([]);
  });
});
