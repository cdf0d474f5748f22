// The test server is PostgreSQL 15 or later, where `public` no longer grants CREATE to everyone:
// a role made for the test shows the failure, the owner and a granted role do not.

import { randomBytes } from 'node:crypto';
import rule from '../../../rules/db/postgres15-schema-privilege';
import { adminClient, type TestDatabase } from '../../support/postgres';
import { databaseInputs } from '../../support/database-input';
import { ruleTester } from '../../support/rule-tester';

/** A login role that may read Kong's tables; `grant` adds CREATE on public, `own` makes it own the database. */
async function roleUrl(db: TestDatabase, mode: 'plain' | 'grant' | 'own'): Promise<string> {
  const role = `kong_${mode}_${randomBytes(3).toString('hex')}`;
  const password = 'role-pw';
  const admin = await adminClient(db.database);
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
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
      findings: [{ messageId: 'noCreate', severity: 'blocker', data: { schema: 'public', owner: 'postgres' } }],
    },
  ],
});
