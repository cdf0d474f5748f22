// A role made for the test shows the failure, the owner and a granted role do not. The plain
// role's database has CREATE revoked from PUBLIC, as PostgreSQL 15 does by default and hardened
// older servers do by hand, so the case holds on every major the suite runs against (the newest
// and 12, see jest.config.js, or KONG_PREFLIGHT_TEST_PG_SERVER); the message differs below 15.
// Two cases expect opposite results on either side of 15, on the real server: a role on the
// server's defaults (PUBLIC may create before 15), and the owner once PUBLIC lost CREATE.

import { randomBytes } from 'node:crypto';
import rule from '../../../rules/db/postgres15-schema-privilege';
import { adminClient, testServerMajor, type TestDatabase } from '../../support/postgres';
import { databaseInputs } from '../../support/database-input';
import { ruleTester, type CaseInput, type ExpectedFinding, type InvalidCase } from '../../support/rule-tester';
import type { Inputs } from '../../../src/engine/inputs';
import type { DatabaseInput } from '../../../src/inputs/database/types';

/**
 * A login role that may read Kong's tables. `plain` revokes CREATE on public from PUBLIC,
 * `defaults` leaves the server's default privileges, `grant` adds CREATE on public, `own` makes it
 * own the database, `own-revoked` makes it own the database and revokes CREATE from PUBLIC.
 */
async function roleUrl(db: TestDatabase, mode: 'plain' | 'defaults' | 'grant' | 'own' | 'own-revoked'): Promise<string> {
  const role = `kong_${mode.replace('-', '_')}_${randomBytes(3).toString('hex')}`;
  const password = 'role-pw';
  const admin = await adminClient(db.database);
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    if (mode === 'plain' || mode === 'own-revoked') await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    if (mode === 'grant') await admin.query(`GRANT CREATE ON SCHEMA public TO ${role}`);
    if (mode === 'own' || mode === 'own-revoked') await admin.query(`ALTER DATABASE "${db.database}" OWNER TO ${role}`);
  } finally {
    await admin.end();
  }
  return `postgres://${role}:${password}@${db.host}:${db.port}/${db.database}`;
}

/** The suite's server major: the pg12 jest project runs 12, the default one the newest PostgreSQL. */
const major = testServerMajor();

/** A case that must report `findings` on this server, or nothing when there are none. */
function expecting(input: CaseInput, findings: ExpectedFinding[]): { valid: CaseInput[]; invalid: InvalidCase[] } {
  return findings.length > 0 ? { valid: [], invalid: [{ ...input, findings }] } : { valid: [input], invalid: [] };
}

const bySide = [
  expecting(
    { name: `PostgreSQL ${major}: a role with SELECT only, on the server's default privileges`, from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8', { private: true, url: (db) => roleUrl(db, 'defaults') }) },
    major >= 15 ? [{ messageId: 'noCreate', severity: 'blocker', data: { major, schema: 'public', owner: 'postgres' } }] : [],
  ),
  expecting(
    { name: `PostgreSQL ${major}: the database owner, CREATE revoked from PUBLIC`, from: '3.4', to: '3.9', inputs: databaseInputs('clean-3.4', { private: true, url: (db) => roleUrl(db, 'own-revoked') }) },
    major >= 15 ? [] : [{ messageId: 'noCreateRevoked', severity: 'blocker', data: { major, schema: 'public' } }],
  ),
];

ruleTester.run(rule, {
  valid: [
    { name: 'a superuser', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: 'a role granted CREATE on public', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8', { private: true, url: (db) => roleUrl(db, 'grant') }) },
    { name: 'the database owner', from: '3.4', to: '3.9', inputs: databaseInputs('clean-3.4', { private: true, url: (db) => roleUrl(db, 'own') }) },
    ...bySide.flatMap((c) => c.valid),
  ],
  invalid: [
    {
      name: 'a role with SELECT only, CREATE revoked from PUBLIC', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8', { private: true, url: (db) => roleUrl(db, 'plain') }),
      findings: [{ messageId: major >= 15 ? 'noCreate' : 'noCreateRevoked', severity: 'blocker', data: { schema: 'public', owner: 'postgres' } }],
    },
    ...bySide.flatMap((c) => c.invalid),
    {
      // Before 15 `public` belongs to the bootstrap superuser, so owning the database grants no
      // CREATE once it is revoked from PUBLIC. The privileges are those such a server reports, so
      // this holds whichever server the suite runs (the real case above covers the server's own).
      name: 'PostgreSQL 14, the database owner, CREATE revoked from PUBLIC', from: '3.4', to: '3.9',
      inputs: withPrivileges('clean-3.4', 140011, { canCreateInSchema: false, ownsDatabase: true, superuser: false, role: 'kong', databaseOwner: 'kong' }),
      findings: [{ messageId: 'noCreateRevoked', severity: 'blocker', data: { major: 14, role: 'kong', owner: 'kong' } }],
    },
  ],
});

/** A loaded database as a server of another major with other privileges would report it. */
function withPrivileges(scenario: string, versionNum: number, privileges: Partial<DatabaseInput['privileges']>) {
  const load = databaseInputs(scenario);
  return async (context: { inputs: Inputs }): Promise<Inputs> => {
    const loaded = await load(context);
    const database = loaded.database!;
    const server = { version: `${Math.floor(versionNum / 10000)}.${versionNum % 100}`, versionNum, major: Math.floor(versionNum / 10000) };
    return { ...loaded, database: { ...database, server, privileges: { ...database.privileges, ...privileges } } };
  };
}
