// `kong-preflight freeze snapshot` and `freeze verify`: prove nothing wrote to the configuration
// database between the snapshot (before the upgrade) and the verification (after the cut-over,
// or before `kong migrations finish`). Both connect read-only, like every database access.

import { InputError, UsageError } from '../errors';
import { collectKongEnv } from '../inputs/env';
import { connectionSettings, databaseSkipReason } from '../inputs/database';
import { ReadOnlySession } from '../inputs/database/session';
import { loadKongConf } from '../inputs/kong-conf';
import type { KongConf } from '../inputs/kong-conf/types';
import { freezeFindings, freezeReport, FREEZE_RULES } from '../freeze/findings';
import { takeSnapshot } from '../freeze/snapshot';
import { formatSnapshot, readSnapshotFile, writeSnapshotFile } from '../freeze/snapshot-file';
import { verifySnapshot } from '../freeze/verify';
import type { FailOn } from '../report/report';
import type { CliIo } from './io';
import { type Format, planOutputs, writeReports } from './output';

export interface FreezeConnectionOptions {
  pg?: string;
}

export interface SnapshotOptions extends FreezeConnectionOptions {
  output?: string;
}

export interface VerifyOptions extends FreezeConnectionOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  color?: boolean;
}

/**
 * One fingerprint statement scans a whole table (about 0.8 s per 100,000 routes): it gets a
 * minute even when pg_timeout is the default 5 s. Connecting still waits pg_timeout only.
 */
const FINGERPRINT_TIMEOUT_MS = 60_000;

/** Opens the database kong.conf (with KONG_PG_* overrides) or --pg names, read-only. */
async function openDatabase(confFile: string | undefined, options: FreezeConnectionOptions, io: CliIo): Promise<ReadOnlySession> {
  const env = io.env as NodeJS.ProcessEnv;
  const kongEnv = collectKongEnv(io.env);
  const kongConf: KongConf | undefined = confFile || Object.keys(kongEnv).length > 0
    ? loadKongConf(confFile, kongEnv)
    : undefined;
  if (!kongConf && !options.pg) throw new UsageError('name the database: give a kong.conf, --pg postgres://user@host/db, or KONG_PG_* variables');
  const skip = databaseSkipReason({ kongConf, url: options.pg, env });
  if (skip) throw new InputError(`${skip}; the write freeze concerns the configuration database`, confFile ? { file: confFile } : {});
  const settings = connectionSettings({ kongConf, url: options.pg, env });
  return ReadOnlySession.open(settings, { statementTimeoutMs: Math.max(settings.timeoutMs, FINGERPRINT_TIMEOUT_MS) });
}

export async function runFreezeSnapshot(confFile: string | undefined, options: SnapshotOptions, io: CliIo): Promise<number> {
  const session = await openDatabase(confFile, options, io);
  try {
    const snapshot = await takeSnapshot(session, session.settings);
    if (options.output) {
      writeSnapshotFile(snapshot, options.output, io.cwd);
      const rows = snapshot.tables.reduce((n, t) => n + t.rows, 0);
      io.stderr(`wrote ${options.output}: ${snapshot.tables.length} tables, ${rows} rows fingerprinted (${snapshot.installed}, ${snapshot.database.label})\n`);
    } else {
      io.stdout(formatSnapshot(snapshot));
    }
    return 0;
  } finally {
    await session.close();
  }
}

export async function runFreezeVerify(snapshotFile: string, confFile: string | undefined, options: VerifyOptions, io: CliIo): Promise<number> {
  // The file first: a missing snapshot should not wait for a connection.
  const snapshot = readSnapshotFile(snapshotFile, io.cwd);
  const outputs = planOutputs({ format: options.format, ...(options.output ? { file: options.output } : {}) }, [], io.cwd);
  const session = await openDatabase(confFile, options, io);
  let report;
  try {
    const result = await verifySnapshot(session, session.settings, snapshot, snapshotFile);
    report = freezeReport(result, freezeFindings(result, session.settings.anchor), options.failOn, snapshotFile);
  } finally {
    await session.close();
  }
  writeReports(report, outputs, FREEZE_RULES, io, options.color);
  return report.summary.failed ? 1 : 0;
}
