// Compares the PostgreSQL server with what each version on the path supports: below Kong's
// hard minimum the new version refuses to start; outside the versions Kong tested it may work but
// is unsupported, which matters when the upgrade goes wrong.

import { defineRule } from '../../src/engine/define-rule';
import { postgresCodeMinimum, postgresSources, postgresSupportFor } from '../../src/knowledge/database';
import { POSTGRES_DOCS } from '../../src/knowledge/database/facts';

export default defineRule<'belowMinimum' | 'untested' | 'untestedDisputed' | 'noData'>({
  id: 'db/postgres-version',
  description: 'Checks the PostgreSQL server version against the minimum Kong enforces and the versions tested for each version on the path.',
  catalog: ['database-postgres-12-unsupported'],
  severity: 'warning',
  inputs: ['database'],
  // Only nodes with a database: DB-less nodes and data planes have none.
  gate: { roles: ['traditional', 'control_plane'] },
  messages: {
    belowMinimum: 'PostgreSQL {{server}} is below {{minimum}}, the minimum Kong {{version}} accepts: it will not start on this database.',
    untested: 'PostgreSQL {{major}} is not among the versions tested with Kong {{minor}} ({{tested}}).',
    untestedDisputed: 'PostgreSQL {{major}} is not among the versions tested with Kong {{minor}} ({{tested}}); another documentation source lists {{other}}.',
    noData: 'No PostgreSQL support data for Kong {{minor}}: check the support page for PostgreSQL {{major}}.',
  },
  remediation: 'Move the database to a PostgreSQL major tested with the target version (a dump and restore into the new server, in a maintenance window), or accept running an untested combination.',
  docsUrl: POSTGRES_DOCS.supportUrl,
  sources: postgresSources,
  check(ctx) {
    const db = ctx.input('database');
    const { server } = db;
    const at = db.origin('pg_settings', 'server_version');
    // Every hop runs its migrations against this server, so each hop's version must accept it.
    const targets = ctx.plan.hops.length > 0 ? ctx.plan.hops.map((h) => h.toVersion) : [ctx.plan.to];
    if (server.versionNum < versionNum(postgresCodeMinimum.major, postgresCodeMinimum.minor)) {
      ctx.report({
        messageId: 'belowMinimum', severity: 'blocker', at, since: targets[0],
        data: { server: server.version, minimum: `${postgresCodeMinimum.major}.${postgresCodeMinimum.minor}`, version: ctx.plan.to.toString() },
      });
      return;
    }
    const seen = new Set<string>();
    for (const target of targets) {
      const support = postgresSupportFor(target);
      const minor = `${target.major}.${target.minor}`;
      if (seen.has(minor)) continue;
      seen.add(minor);
      if (!support) {
        ctx.report({ messageId: 'noData', severity: 'info', at, since: target, data: { minor, major: server.major } });
        continue;
      }
      if (support.testedMajors.includes(server.major)) continue;
      const other = support.disagreeing.find((view) => view.majors.includes(server.major));
      ctx.report({
        messageId: other ? 'untestedDisputed' : 'untested',
        severity: other ? 'info' : 'warning',
        at,
        since: target,
        data: {
          major: server.major, minor, tested: support.testedMajors.join(', '),
          ...(other ? { other: other.majors.join(', ') } : {}),
        },
      });
    }
  },
});

/** PostgreSQL's server_version_num for a release: 9.5 is 90500, 15 is 150000. */
function versionNum(major: number, minor: number): number {
  return major >= 10 ? major * 10000 : major * 10000 + minor * 100;
}
