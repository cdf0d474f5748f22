// PostgreSQL 15 no longer lets every role create objects in `public`. `kong migrations` creates
// tables there, so a Kong role that neither owns the database nor holds CREATE on the schema
// fails the first migration of the upgrade.

import { defineRule } from '../../src/engine/define-rule';
import { pg15PrivilegeFromMajor, pg15PrivilegeSources } from '../../src/knowledge/database';
import { POSTGRES_DOCS } from '../../src/knowledge/database/facts';

export default defineRule<'noCreate'>({
  id: 'db/postgres15-schema-privilege',
  description: 'Checks that on PostgreSQL 15 or later the connected role may create tables in the schema Kong migrates.',
  catalog: ['database-postgres15-public-schema-privilege'],
  severity: 'blocker',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    noCreate: 'PostgreSQL {{major}}: role "{{role}}" has no CREATE privilege on schema "{{schema}}" and does not own database "{{database}}" (owner: {{owner}}): `kong migrations up` will fail.',
  },
  remediation: 'Make the Kong role own the database (ALTER DATABASE ... OWNER TO kong), or grant CREATE ON SCHEMA public to it for the migrations and revoke it afterwards. Run the check as the role Kong uses.',
  docsUrl: POSTGRES_DOCS.upgradeUrl,
  sources: pg15PrivilegeSources,
  check(ctx) {
    const db = ctx.input('database');
    const { privileges, server } = db;
    if (server.major < pg15PrivilegeFromMajor) return;
    if (privileges.canCreateInSchema || privileges.ownsDatabase || privileges.superuser) return;
    ctx.report({
      messageId: 'noCreate',
      at: db.origin('pg_namespace', privileges.schema),
      data: {
        major: server.major, role: privileges.role, schema: privileges.schema,
        database: db.label.replace(/^.*\//, ''), owner: privileges.databaseOwner,
      },
    });
  },
});
