// PostgreSQL 15 no longer lets every role create objects in `public`. `kong migrations` creates
// tables there, so a Kong role that neither owns the database nor holds CREATE on the schema
// fails the first migration of the upgrade. Older servers grant CREATE on `public` to every role
// by default, but hardened ones revoke it (`REVOKE CREATE ON SCHEMA public FROM PUBLIC`, a common
// benchmark item): the migration fails the same way there, and owning the database does not
// help, because `public` belongs to the bootstrap superuser before 15.
import { defineRule } from '../../src/engine/define-rule';
import { pg15PrivilegeFromMajor, pg15PrivilegeSources } from '../../src/knowledge/database';
import { POSTGRES_DOCS } from '../../src/knowledge/database/facts';

export default defineRule<'noCreate' | 'noCreateRevoked'>({
  id: 'db/postgres15-schema-privilege',
  description: 'Checks that the connected role may create tables in the schema Kong migrates (PostgreSQL 15 stopped granting it on public to every role; older servers may have it revoked).',
  catalog: ['database-postgres15-public-schema-privilege'],
  severity: 'blocker',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    noCreate: 'PostgreSQL {{major}}: role "{{role}}" has no CREATE privilege on schema "{{schema}}" and does not own database "{{database}}" (owner: {{owner}}): `kong migrations up` will fail.',
    noCreateRevoked: 'PostgreSQL {{major}}: role "{{role}}" has no CREATE privilege on schema "{{schema}}" (this server has it revoked from PUBLIC, and before 15 owning database "{{database}}" does not grant it): `kong migrations up` will fail.',
  },
  remediation: 'Make the Kong role own the database (ALTER DATABASE ... OWNER TO kong), or grant CREATE ON SCHEMA public to it for the migrations and revoke it afterwards. Run the check as the role Kong uses.',
  docsUrl: POSTGRES_DOCS.upgradeUrl,
  sources: pg15PrivilegeSources,
  check(ctx) {
    const db = ctx.input('database');
    const { privileges, server } = db;
    if (privileges.canCreateInSchema || privileges.superuser) return;
    const ownerCreates = server.major >= pg15PrivilegeFromMajor; // `public` belongs to pg_database_owner from 15
    if (ownerCreates && privileges.ownsDatabase) return;
    ctx.report({
      messageId: ownerCreates ? 'noCreate' : 'noCreateRevoked',
      at: db.origin('pg_namespace', privileges.schema),
      data: {
        major: server.major, role: privileges.role, schema: privileges.schema,
        database: db.label.replace(/^.*\//, ''), owner: privileges.databaseOwner,
      },
    });
  },
});
