// Turns a freeze verification into findings and a report, so every reporter (text, JSON, SARIF,
// Markdown, JUnit, GitLab) prints it and the exit code follows --fail-on as for `check`.

import type { Finding } from '../model/finding';
import type { DbOrigin, FileOrigin } from '../model/origin';
import type { Plan } from '../plan/types';
import { buildReport, type FailOn, type Report, type RuleDescription } from '../report/report';
import { REPOSITORY_URL } from '../docs/rule-links';
import { isOssSubsystem } from '../knowledge/database/migrations';
import type { ChangedRow, TableChange, VerifyResult } from './verify';

const DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/write-freeze.md`;

export const FREEZE_RULES: readonly RuleDescription[] = [
  {
    id: 'freeze/config-changed',
    description: 'Reports configuration tables whose content changed after the freeze snapshot, other than by the upgrade\'s own migrations.',
    severity: 'blocker',
    docsUrl: DOCS_URL,
    remediation: 'Find who wrote during the freeze (Admin API, Kong Manager, decK, `kong config`, SQL) and stop it. Dual-cluster: carry the named rows over to the new cluster. In-place: check them against the new version before `kong migrations finish`. Then take a new snapshot or verify again.',
  },
  {
    id: 'freeze/unclassified-changed',
    description: 'Reports changed tables the knowledge base does not classify (custom plugin or Enterprise tables): configuration or runtime state.',
    severity: 'warning',
    docsUrl: DOCS_URL,
    remediation: 'Check whether the table holds configuration (then treat the change as a write during the freeze) or runtime state Kong writes on its own.',
  },
  {
    id: 'freeze/migration-changes',
    description: 'Lists tables that changed only where the migrations run since the snapshot rewrite data; not counted as writes.',
    severity: 'info',
    docsUrl: DOCS_URL,
    remediation: 'Nothing to do: these changes are the upgrade\'s own.',
  },
  {
    id: 'freeze/identity-unconfirmed',
    description: 'Warns when the database cannot be proved to be the one the snapshot was taken from (no cluster_id, another address).',
    severity: 'warning',
    docsUrl: DOCS_URL,
    remediation: 'Verify against the database the snapshot was taken from (compare --pg with the snapshot\'s database.label).',
  },
];

const severityOf = (id: string) => FREEZE_RULES.find((r) => r.id === id)!.severity;
const ROWS_IN_MESSAGE = 10;

export function freezeFindings(result: VerifyResult, anchor?: FileOrigin): Finding[] {
  const at = (table: string, id?: string): DbOrigin => ({ kind: 'db', table, ...(id ? { id } : {}), ...(anchor ? { anchor } : {}) });
  const findings: Finding[] = [];
  const taken = result.snapshot.takenAt;
  for (const change of result.changes) {
    const ruleId = change.kind === 'configuration' ? 'freeze/config-changed' : 'freeze/unclassified-changed';
    const first = [...change.added, ...change.changed, ...change.removed][0];
    findings.push({
      ruleId,
      messageId: change.status === 'dropped' ? 'dropped' : 'changed',
      severity: severityOf(ruleId),
      message: change.status === 'dropped'
        ? `${change.table} (${change.rowsBefore} rows at the snapshot) no longer exists, and no migration run since ${taken} drops it.`
        : `${change.table} changed after the freeze snapshot of ${taken}: ${describeRows(change)}.`,
      location: at(change.table, first && !first.id.startsWith('key md5') ? first.id : undefined),
      remediation: FREEZE_RULES.find((r) => r.id === ruleId)!.remediation,
      docsUrl: DOCS_URL,
      data: {
        table: change.table,
        added: change.added.length,
        removed: change.removed.length,
        changed: change.changed.length,
        rowsBefore: change.rowsBefore,
        ...(change.rowsAfter !== undefined ? { rowsAfter: change.rowsAfter } : {}),
        allRowsNamed: !change.unnamed,
        ids: [...change.added, ...change.changed, ...change.removed].map((r) => r.id).join(','),
      },
    });
  }
  for (const change of result.explained) {
    findings.push({
      ruleId: 'freeze/migration-changes',
      messageId: 'explained',
      severity: 'info',
      message: `${change.table}: ${change.note ?? 'changed'} by ${change.explainedBy.join(', ')}; not counted as a write.`,
      location: at(change.table),
      docsUrl: DOCS_URL,
      data: { table: change.table, migrations: change.explainedBy.join(',') },
    });
  }
  if (result.identityUnconfirmed) {
    findings.push({
      ruleId: 'freeze/identity-unconfirmed',
      messageId: 'unconfirmed',
      severity: 'warning',
      message: `The snapshot was taken from ${result.snapshot.database.label}, this is ${result.current.label}, and no Kong cluster_id confirms they are the same database.`,
      location: at('parameters', 'cluster_id'),
      docsUrl: DOCS_URL,
    });
  }
  return findings;
}

/** `1 added (3f2… "orders"), 2 changed (...), 1 removed (...); 12 -> 13 rows`. */
function describeRows(change: TableChange): string {
  const list = (rows: ChangedRow[]) => {
    const shown = rows.slice(0, ROWS_IN_MESSAGE).map((r) => (r.label ? `${r.id} "${r.label}"` : r.id));
    return rows.length > ROWS_IN_MESSAGE ? `${shown.join(', ')} and ${rows.length - ROWS_IN_MESSAGE} more` : shown.join(', ');
  };
  const parts = [
    change.added.length > 0 ? `${change.added.length} added (${list(change.added)})` : '',
    change.changed.length > 0 ? `${change.changed.length} changed (${list(change.changed)})` : '',
    change.removed.length > 0 ? `${change.removed.length} removed (${list(change.removed)})` : '',
  ].filter(Boolean);
  if (change.unnamed) parts.push(change.note ?? 'more rows differ than the snapshot can name');
  else if (change.note) parts.push(change.note);
  const rows = change.rowsAfter !== undefined ? `; ${change.rowsBefore} -> ${change.rowsAfter} rows` : '';
  const newest = change.newestAfter && change.newestAfter !== change.newestBefore ? `, newest write ${change.newestAfter}` : '';
  return `${parts.join('; ') || 'content differs'}${rows}${newest}`;
}

/** The report: the "plan" is the snapshot's version to the version the ledger shows now. */
export function freezeReport(result: VerifyResult, findings: Finding[], failOn: FailOn, snapshotFile: string): Report {
  const enterprise = result.current.ledger.some((r) => !isOssSubsystem(r.subsystem));
  const plan: Plan = {
    from: result.before.planVersion,
    to: result.current.installed.planVersion,
    topology: 'traditional',
    role: 'traditional',
    edition: enterprise ? 'enterprise' : 'oss',
    hops: [],
    alternatives: [],
    strategies: [],
    problems: [],
    basis: 'guaranteed-paths',
    sources: [],
  };
  return buildReport({
    plan,
    installation: {
      edition: { value: plan.edition, reason: enterprise ? 'Enterprise subsystems in schema_meta' : 'schema_meta holds OSS subsystems only' },
      topology: { value: 'traditional', reason: 'freeze verify compares one database' },
      from: { value: result.snapshot.installed, reason: `freeze snapshot ${snapshotFile} taken ${result.snapshot.takenAt}` },
      to: { value: result.current.installed.label, reason: `schema_meta now${result.migrationsRun.length > 0 ? ` (${result.migrationsRun.length} migrations run since the snapshot)` : ' (no migration run since the snapshot)'}` },
      inputs: [{ kind: 'freeze snapshot', label: snapshotFile }, { kind: 'database', label: `postgres ${result.current.label}` }],
    },
    result: { findings, notEvaluated: [], notApplicable: [], internalErrors: [], evaluated: FREEZE_RULES.map((r) => r.id) },
    failOn,
  });
}
