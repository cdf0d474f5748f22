// Each PostgreSQL major is represented by a real loaded input with the server version the loader
// would have read from such a server (the rule reads nothing else from the server); reading the
// version itself is tested against the suite's real server in test/inputs/database/load.test.ts.
// One case runs on the suite's real server as read, whose major depends on the jest project
// (the newest PostgreSQL, or 12 in the pg12 project), and expects what that major must give.

import rule from '../../../rules/db/postgres-version';
import type { Inputs } from '../../../src/engine/inputs';
import { databaseInputs } from '../../support/database-input';
import { testServerMajor } from '../../support/postgres';
import { ruleTester, type CaseInput, type ExpectedFinding } from '../../support/rule-tester';

function onServer(version: string, versionNum: number) {
  const load = databaseInputs('clean-2.8');
  return async (context: { inputs: Inputs }): Promise<Inputs> => {
    const loaded = await load(context);
    const server = { version, versionNum, major: Math.floor(versionNum / 10000) };
    return { ...loaded, database: { ...loaded.database!, server } };
  };
}

/**
 * The suite's own server on two single-hop upgrades, with what its major must give there: Kong
 * tested 3.4 with 12 to 16, and 3.9 with 13 to 17 while the older documentation also listed 12
 * (src/knowledge/database/postgres-support.json). The rule reads only the server, so the 3.4
 * database stands in for the 3.8 one.
 */
const major = testServerMajor();
const realServerCases: { input: CaseInput; findings: ExpectedFinding[] }[] = [
  {
    input: { name: `the suite's own PostgreSQL (${major}) for 2.8 -> 3.4`, from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
    findings: major >= 12 && major <= 16 ? [] : [{ messageId: 'untested', severity: 'warning', data: { major, minor: '3.4', tested: '12, 13, 14, 15, 16' } }],
  },
  {
    input: { name: `the suite's own PostgreSQL (${major}) for 3.8 -> 3.9`, from: '3.8', to: '3.9', inputs: databaseInputs('clean-3.4') },
    findings: major === 12 ? [{ messageId: 'untestedDisputed', severity: 'info', data: { major, minor: '3.9', other: '16, 15, 14, 13, 12' } }]
      : major >= 13 && major <= 17 ? []
      : [{ messageId: 'untested', severity: 'warning', data: { major, minor: '3.9', tested: '13, 14, 15, 16, 17' } }],
  },
];

ruleTester.run(rule, {
  valid: [
    { name: 'PostgreSQL 15 for 2.8 -> 3.4', from: '2.8', to: '3.4', inputs: onServer('15.6', 150006) },
    { name: 'PostgreSQL 13 for 3.4 -> 3.9', from: '3.4', to: '3.9', inputs: onServer('13.14', 130014) },
    ...realServerCases.filter((c) => c.findings.length === 0).map((c) => c.input),
  ],
  invalid: [
    ...realServerCases.filter((c) => c.findings.length > 0).map((c) => ({ ...c.input, findings: c.findings })),
    {
      name: 'PostgreSQL 18 is untested with 3.4',
      from: '2.8', to: '3.4', inputs: onServer('18.1', 180001),
      findings: [{ messageId: 'untested', severity: 'warning', data: { minor: '3.4', tested: '12, 13, 14, 15, 16' } }],
    },
    {
      name: 'PostgreSQL 9.4 is below the minimum Kong enforces',
      from: '2.8', to: '3.4', inputs: onServer('9.4.26', 90426),
      findings: [{ messageId: 'belowMinimum', severity: 'blocker', data: { minimum: '9.5' } }],
    },
    {
      name: 'PostgreSQL 12 for 3.9: the sources disagree, so only a note',
      from: '3.4', to: '3.9', inputs: onServer('12.18', 120018),
      findings: [{ messageId: 'untestedDisputed', severity: 'info', data: { minor: '3.9', other: '16, 15, 14, 13, 12' } }],
    },
    {
      name: 'PostgreSQL 16 for 2.8 -> 3.0 (tested up to 15)',
      from: '2.8', to: '3.0', inputs: onServer('16.2', 160002),
      findings: [{ messageId: 'untested', data: { major: 16, minor: '3.0' } }],
    },
  ],
});
