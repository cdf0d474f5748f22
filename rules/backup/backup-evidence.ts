// Kong migrations cannot be undone: the upgrade guide asks for a backup first. This rule wants
// evidence (`--backup FILE`) of the right kind for the topology, newer than the configuration.

import { defineRule } from '../../src/engine/define-rule';
import { DATABASE_BACKUP_KINDS } from '../../src/inputs/backup';
import { BACKUP_FACTS as FACT } from '../../src/knowledge/core-changes';
import type { Plan } from '../../src/plan/types';

export default defineRule<'noEvidence' | 'unrecognised' | 'wrongKind' | 'olderThanConfig'>({
  id: 'backup/backup-evidence',
  description: 'Asks for evidence of a backup of the right kind for the topology, taken after the last configuration change.',
  severity: 'warning',
  inputs: [],
  messages: {
    noEvidence: 'No backup evidence given (--backup FILE). Steps for this {{topology}} node: {{steps}}',
    unrecognised: '{{file}} is not recognisably a pg_dump, `kong config db_export` or decK dump ({{detail}}).',
    wrongKind: '{{file}} is a {{kind}} backup; a {{topology}} node needs {{needed}}. Steps: {{steps}}',
    olderThanConfig: '{{file}} ({{backupDate}}) is older than {{configFile}} ({{configDate}}): it may not cover the current configuration.',
  },
  remediation: 'Take the backup for the topology just before the upgrade and pass it with --backup.',
  // Touching either file changes the dates, not what the finding is about.
  volatileData: ['backupDate', 'configDate'],
  docsUrl: FACT.docsUrl,
  sources: [...FACT.sources],
  check(ctx) {
    const backup = ctx.optionalInput('backup');
    const conf = ctx.optionalInput('kongConf');
    const topology = ctx.plan.role === 'data_plane' ? 'data plane' : ctx.plan.topology;
    const steps = backupSteps(ctx.plan);
    const anchor = conf?.anchor() ?? { kind: 'global' as const };
    if (!backup) {
      ctx.report({ messageId: 'noEvidence', at: anchor, data: { topology, steps } });
      return;
    }
    const at = { kind: 'global' as const, file: backup.file };
    if (backup.kind === 'unrecognised') {
      ctx.report({ messageId: 'unrecognised', at, data: { file: backup.file, detail: backup.detail } });
      return;
    }
    const needsDatabase = ctx.plan.topology === 'traditional' || ctx.plan.role === 'control_plane';
    const isDatabase = DATABASE_BACKUP_KINDS.includes(backup.kind);
    if (needsDatabase && !isDatabase) {
      ctx.report({ messageId: 'wrongKind', at, data: { file: backup.file, kind: backup.kind, topology, needed: 'a pg_dump of the Kong database (declarative exports are only a secondary backup)', steps } });
    } else if (!needsDatabase && isDatabase) {
      ctx.report({ messageId: 'wrongKind', at, data: { file: backup.file, kind: backup.kind, topology, needed: 'a copy of its declarative configuration', steps } });
    }
    const configTime = conf?.modifiedAt;
    if (configTime && backup.modifiedAt < configTime && conf?.file) {
      ctx.report({
        messageId: 'olderThanConfig',
        at,
        data: { file: backup.file, backupDate: backup.modifiedAt.toISOString(), configFile: conf.file, configDate: configTime.toISOString() },
      });
    }
  },
});

/** The documented backup steps for the node's topology, in one line. */
function backupSteps(plan: Plan): string {
  const keyring = plan.edition === 'enterprise' ? ' If Keyring/data encryption is on, back up the keyring materials separately.' : '';
  if (plan.role === 'data_plane') {
    return 'data planes hold no database: back up kong.conf, the prefix (certificates, keys) and make sure the control plane is backed up.';
  }
  if (plan.topology === 'dbless') {
    return 'copy the declarative file named by declarative_config (validate it with `kong config parse`), kong.conf and the prefix folder (certificates, keys).' + keyring;
  }
  return (
    '`pg_dump -U kong -d kong -F d -f kong-backup` (the primary backup), then `deck gateway dump --all-workspaces -o kong-deck.yaml` ' +
    'or `kong config db_export kong-export.yaml` as a secondary backup; also copy kong.conf and the prefix folder.' + keyring
  );
}
