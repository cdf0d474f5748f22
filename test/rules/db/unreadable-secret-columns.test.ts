// A role that may not SELECT a credential or private key column is told so once, by column; a
// role that reads them all, and a database that lacks the tables (keys before 3.1), are not.
// The grants are real, on a private copy of each scenario.

import { randomBytes } from 'node:crypto';
import rule from '../../../rules/db/unreadable-secret-columns';
import { adminClient, type TestDatabase } from '../../support/postgres';
import { databaseInputs } from '../../support/database-input';
import { ruleTester, runCase } from '../../support/rule-tester';

/** A login role that reads every table of the database except `withheld` (`table.column`), whose other columns it may read. */
async function roleWithout(db: TestDatabase, withheld: string[]): Promise<string> {
  const role = `kong_reader_${randomBytes(3).toString('hex')}`;
  const admin = await adminClient(db.database);
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'reader-pw'`);
    await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
    const byTable = new Map<string, string[]>();
    for (const name of withheld) {
      const [table, column] = name.split('.');
      byTable.set(table, [...(byTable.get(table) ?? []), column]);
    }
    for (const [table, columns] of byTable) {
      const { rows } = await admin.query<{ column_name: string }>(
        'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', [table]);
      await admin.query(`REVOKE SELECT ON ${table} FROM ${role}`);
      const kept = rows.map((r) => r.column_name).filter((c) => !columns.includes(c));
      await admin.query(`GRANT SELECT (${kept.map((c) => `"${c}"`).join(', ')}) ON ${table} TO ${role}`);
    }
  } finally {
    await admin.end();
  }
  return `postgres://${role}:reader-pw@${db.host}:${db.port}/${db.database}`;
}

ruleTester.run(rule, {
  valid: [
    { name: 'a role that reads every secret column of a 3.4 database', from: '3.4', to: '3.9', inputs: databaseInputs('kong-3.4.2-key-material', { private: true, url: (db) => roleWithout(db, []) }) },
    { name: 'a 2.8 database: no keys table, every credential column readable', from: '2.8', to: '3.4', inputs: databaseInputs('kong-2.8.5-credential-reuse') },
  ],
  invalid: [
    {
      name: 'a role without the private key columns', from: '3.4', to: '3.9',
      inputs: databaseInputs('kong-3.4.2-key-material', { private: true, url: (db) => roleWithout(db, ['certificates.key', 'certificates.key_alt', 'keys.jwk', 'keys.pem']) }),
      findings: [{ messageId: 'unreadable', severity: 'info', data: { columns: 'certificates.key, certificates.key_alt, keys.jwk, keys.pem' } }],
    },
    {
      name: 'a role without two credential columns', from: '2.8', to: '3.4',
      inputs: databaseInputs('kong-2.8.5-credential-reuse', { private: true, url: (db) => roleWithout(db, ['keyauth_credentials.key', 'jwt_secrets.secret']) }),
      findings: [{ messageId: 'unreadable', severity: 'info', data: { columns: 'keyauth_credentials.key, jwt_secrets.secret' } }],
    },
  ],
  notEvaluated: [{ name: 'no database read', from: '2.8', to: '3.4', missing: { database: '--no-db given' }, reason: /--no-db/ }],
});

describe('db/unreadable-secret-columns details', () => {
  it('names the role and says what may show, on the first table it names', async () => {
    const { result } = await runCase(rule, {
      name: 'role', from: '3.4', to: '3.9',
      inputs: databaseInputs('kong-3.4.2-key-material', { private: true, url: (db) => roleWithout(db, ['keys.jwk']) }),
    });
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding.message).toMatch(/^Role "kong_reader_[0-9a-f]{6}" may not read keys\.jwk: .* may show in this report\.$/);
    expect(finding.location).toMatchObject({ kind: 'db', table: 'keys' });
  });
});
