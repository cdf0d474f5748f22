// Database inputs for rule tests: `databaseInputs('hybrid-cp-2.8')` is a rule-tester `inputs`
// hook that loads the scenario into the test PostgreSQL (once per run, shared) and reads it through
// the real loader, with the case's kong.conf as anchor. Sessions and databases are closed and
// dropped after the file's tests.

import type { Inputs } from '../../src/engine/inputs';
import { loadDatabase, type DatabaseInput } from '../../src/inputs/database';
import { createScenarioDatabase, sharedScenarioDatabase, type TestDatabase } from './postgres';

const privateDatabases: TestDatabase[] = [];
const sessions: DatabaseInput[] = [];

/** The scenario's database, shared with the whole run (nothing here writes to it). */
export function scenarioDatabase(scenario: string): Promise<TestDatabase> {
  return sharedScenarioDatabase(scenario);
}

/**
 * Loads a scenario as the `database` and `entities` inputs. `url` changes the connection (another
 * role); `private` gives the case its own copy, for tests that change roles or ownership.
 */
export function databaseInputs(scenario: string, options: { url?: (db: TestDatabase) => string | Promise<string>; private?: boolean } = {}) {
  return async ({ inputs }: { inputs: Inputs }): Promise<Inputs> => {
    let db: TestDatabase;
    if (options.private) {
      db = await createScenarioDatabase(scenario);
      privateDatabases.push(db);
    } else {
      db = await scenarioDatabase(scenario);
    }
    const url = options.url ? await options.url(db) : db.url;
    const database = await loadDatabase({ url, kongConf: inputs.kongConf });
    sessions.push(database);
    return { database, entities: [...(inputs.entities ?? []), database.entities] };
  };
}

afterAll(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const db of privateDatabases.splice(0)) await db.drop();
});
