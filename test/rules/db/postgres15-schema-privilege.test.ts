// A role made for the test shows the failure, the owner and a granted role do not. The plain
// role's database has CREATE revoked from PUBLIC, as PostgreSQL 15 does by default and hardened
// older servers do by hand, so the case holds on every major the suite runs against
// (KONG_PREFLIGHT_TEST_PG_SERVER); the message differs below 15.

import { randomBytes } from 'node:crypto';
import rule from '../../../rules/db/postgres15-schema-privilege';
import { adminClient, testServerMajor, type TestDatabase } from '../../support/postgres';
import { databaseInputs } from '../../support/database-input';
import { ruleTester } from '../../support/rule-tester';
import type { Inputs } from '../../../src/engine/inputs';
import type { DatabaseInput } from '../../../src/inputs/database/types';

/** A login role that may read Kong's tables; `grant` adds CREATE on public, `own` makes it own the database. */
async function roleUrl(db: TestDatabase, mode: 'plain' | 'grant' | 'own'): Promise<string> {
  const role = `kong_${mode}_${randomBytes(3).toString('hex')}`;
  const password = 'role-pw';
  const admin = await adminClient(db.database);
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    if (mode === 'plain') await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    if (mode === 'grant') await admin.query(`GRANT CREATE ON SCHEMA public TO ${role}`);
    if (mode === 'own') await admin.query(`ALTER DATABASE "${db.database}" OWNER TO ${role}`);
  } finally {
    await admin.end();
  }
  return `postgres://${role}:${password}@${db.host}:${db.port}/${db.database}`;
}

ruleTester.run(rule, {
  valid: [
    { name: 'a superuser', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8') },
    { name: 'a role granted CREATE on public', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8', { private: true, url: (db) => roleUrl(db, 'grant') }) },
    { name: 'the database owner', from: '3.4', to: '3.9', inputs: databaseInputs('clean-3.4', { private: true, url: (db) => roleUrl(db, 'own') }) },
  ],
  invalid: [
    {
      name: 'a role with SELECT only', from: '2.8', to: '3.4', inputs: databaseInputs('clean-2.8', { private: true, url: (db) => roleUrl(db, 'plain') }),
      findings: [{ messageId: testServerMajor() >= 15 ? 'noCreate' : 'noCreateRevoked', severity: 'blocker', data: { schema: 'public', owner: 'postgres' } }],
    },
    {
      // Before 15 `public` belongs to the bootstrap superuser, so owning the database grants no
      // CREATE once it is revoked from PUBLIC. The privileges are those such a server reports
      // (the suite's own server may be 15 or later, where the owner always has CREATE).
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
