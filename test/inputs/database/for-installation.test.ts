import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDatabaseForInstallation } from '../../../src/inputs/database/for-installation';
import { loadKongConf } from '../../../src/inputs/kong-conf';

describe('loadDatabaseForInstallation skip reasons', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-db-skip-'));
  const conf = (text: string) => {
    const file = join(dir, `kong-${Math.random().toString(36).slice(2)}.conf`);
    writeFileSync(file, text);
    return loadKongConf(file, {});
  };

  // A data plane is database = off too, but it is no DB-less node, and --no-db reads nothing it has.
  it('says a data plane has no database, with or without --no-db', async () => {
    const dp = conf('role = data_plane\ndatabase = off\n');
    for (const noDb of [false, true]) {
      expect(await loadDatabaseForInstallation({ kongConf: dp, noDb, env: {} })).toEqual({ skipped: 'role = data_plane: data planes have no database', secretValues: [] });
    }
  });
  it('keeps the --no-db reason for a control plane', async () => {
    const cp = conf('role = control_plane\ndatabase = postgres\n');
    expect(await loadDatabaseForInstallation({ kongConf: cp, noDb: true, env: {} })).toEqual({ skipped: '--no-db given: the database was not read', secretValues: [] });
  });
});
