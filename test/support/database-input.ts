// Database inputs for rule tests: `databaseInputs('hybrid-cp-2.8')` is a rule-tester `inputs`
// hook that loads the scenario into the test PostgreSQL (once per test file) and reads it through
// the real loader, with the case's kong.conf as anchor. Sessions and databases are closed and
// dropped after the file's tests.

import type { Inputs } from '../../src/engine/inputs';
import { loadDatabase, type DatabaseInput } from '../../src/inputs/database';
import { createScenarioDatabase, type TestDatabase } from './postgres';

const databases = new Map<string, Promise<TestDatabase>>();
const sessions: DatabaseInput[] = [];

/** The scenario's database, created on first use in this test file. */
export function scenarioDatabase(scenario: string): Promise<TestDatabase> {
  if (!databases.has(scenario)) databases.set(scenario, createScenarioDatabase(scenario));
  return databases.get(scenario)!;
}

/** Loads a scenario as the `database` and `entities` inputs. `url` changes the connection (another role). */
export function databaseInputs(scenario: string, options: { url?: (db: TestDatabase) => string | Promise<string> } = {}) {
  return async ({ inputs }: { inputs: Inputs }): Promise<Inputs> => {
    const db = await scenarioDatabase(scenario);
    const url = options.url ? await options.url(db) : db.url;
    const database = await loadDatabase({ url, kongConf: inputs.kongConf });
    sessions.push(database);
    return { database, entities: [...(inputs.entities ?? []), database.entities] };
  };
}

afterAll(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const db of databases.values()) await (await db).drop();
  databases.clear();
});
