// The tool's session cannot write, bounds its queries, streams with a cursor, and fails with one
// line naming host and database, never the password.

import net from 'node:net';
import { InputError } from '../../../src/errors';
import { loadDatabase } from '../../../src/inputs/database';
import { settingsFromUrl } from '../../../src/inputs/database/connection';
import { ReadOnlySession, scrub } from '../../../src/inputs/database/session';
import { adminClient, sharedScenarioDatabase, type TestDatabase } from '../../support/postgres';

let db: TestDatabase;
beforeAll(async () => { db = await sharedScenarioDatabase('clean-2.8'); });

const urlWith = (changes: { password?: string; port?: number; database?: string; query?: string }) =>
  `postgres://${db.user}:${encodeURIComponent(changes.password ?? db.password)}@${db.host}:${changes.port ?? db.port}` +
  `/${changes.database ?? db.database}${changes.query ?? ''}`;

async function lockRows(): Promise<number> {
  const admin = await adminClient(db.database);
  try {
    return (await admin.query('SELECT count(*)::int AS n FROM locks')).rows[0].n;
  } finally {
    await admin.end();
  }
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('read-only session', () => {
  it('the server refuses a write even when it is disguised as a read', async () => {
    const session = await ReadOnlySession.open(settingsFromUrl(db.url));
    try {
      const error = await failure(session.query(
        "WITH w AS (INSERT INTO locks (key, owner, ttl) VALUES ('x', 'y', now()) RETURNING 1) SELECT * FROM w"));
      expect(error.message).toMatch(/read-only transaction/);
      const [row] = await session.query<{ ro: string }>("SELECT current_setting('default_transaction_read_only') AS ro");
      expect(row.ro).toBe('on');
    } finally {
      await session.close();
    }
    expect(await lockRows()).toBe(0);
  });

  it('never sends a statement that is not a read', async () => {
    const session = await ReadOnlySession.open(settingsFromUrl(db.url));
    try {
      await expect(session.query("INSERT INTO locks (key) VALUES ('x')")).rejects.toThrow(/not a read/);
      await expect(session.query('SET default_transaction_read_only = off')).rejects.toThrow(/not a read/);
    } finally {
      await session.close();
    }
  });

  // Set after connecting, not among the start-up options: PostgreSQL 9.5 (Kong 2.x's minimum)
  // refuses a connection that names a setting it does not have (9.6 added this one).
  it('bounds a transaction left idle at six times pg_timeout, set once connected', async () => {
    const session = await ReadOnlySession.open(settingsFromUrl(db.url, undefined, 1000));
    try {
      const [row] = await session.query<{ idle: string; source: string }>("SELECT setting AS idle, source FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'");
      expect(row).toEqual({ idle: '6000', source: 'session' });
    } finally {
      await session.close();
    }
  });

  it('reads the server version once, when it opens, as the server reports it', async () => {
    const session = await ReadOnlySession.open(settingsFromUrl(db.url));
    try {
      const [row] = await session.query<{ server_version: string; num: string }>("SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num");
      expect(session.server).toEqual({ version: row.server_version, versionNum: Number(row.num), major: Math.floor(Number(row.num) / 10000) });
      expect(session.server.major).toBeGreaterThanOrEqual(12);
    } finally {
      await session.close();
    }
  });

  it('bounds every statement with pg_timeout', async () => {
    const session = await ReadOnlySession.open(settingsFromUrl(db.url, undefined, 1000));
    try {
      const error = await failure(session.query('SELECT pg_sleep(3)'));
      expect(error.message).toContain('longer than 1000 ms');
    } finally {
      await session.close();
    }
  });

  it('streams a large result in cursor batches', async () => {
    const session = await ReadOnlySession.open(settingsFromUrl(db.url));
    const statements: string[] = [];
    const original = session.query.bind(session);
    session.query = ((sql: string, ...rest: [unknown[]?, object?]) => { statements.push(sql); return original(sql, ...rest); }) as typeof session.query;
    try {
      const rows: unknown[][] = [];
      await session.stream("SELECT n, 'r' || n AS name, NULL::text AS nothing FROM generate_series(1, 1050) AS n", (row) => rows.push(row), 500);
      expect(rows).toHaveLength(1050);
      // Rows come as arrays in the SELECT's order.
      expect(rows[0]).toEqual([1, 'r1', null]);
      expect(rows[1049]).toEqual([1050, 'r1050', null]);
      expect(statements.filter((s) => s.startsWith('FETCH 500'))).toHaveLength(3);
      expect(statements[0]).toBe('BEGIN READ ONLY');
    } finally {
      await session.close();
    }
  });
});

describe('connection errors: one line with host and database, never the password', () => {
  it('wrong password', async () => {
    const error = await failure(loadDatabase({ url: urlWith({ password: 'Wr0ng-Secret!' }) }));
    expect(error.oneLine()).toBe(
      `cannot connect to PostgreSQL postgres@127.0.0.1:${db.port}/${db.database}: password authentication failed for user "postgres"`);
    expect(error.oneLine()).not.toContain('Wr0ng-Secret!');
  });

  it('a short password that is also a word of the message (kong/kong, docker style) leaves the message readable', async () => {
    // The password `e` is in "password authentication failed", the password `postgres` is the user.
    for (const password of ['e', 'postgres']) {
      const error = await failure(loadDatabase({ url: urlWith({ password }) }));
      expect(error.oneLine()).toBe(
        `cannot connect to PostgreSQL postgres@127.0.0.1:${db.port}/${db.database}: password authentication failed for user "postgres"`);
    }
  });

  it('unreachable host (nothing listens)', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const error = await failure(loadDatabase({ url: urlWith({ port: closedPort, password: 'Secret-123' }) }));
    expect(error.oneLine()).toMatch(new RegExp(`^cannot connect to PostgreSQL postgres@127\\.0\\.0\\.1:${closedPort}/${db.database}: connection refused`));
    expect(error.oneLine()).not.toContain('Secret-123');
    expect(error.oneLine()).not.toContain('\n');
  });

  // connect_timeout in --pg bounds the connection in its place, as libpq's does.
  it.each([
    ['pg_timeout', (port: number) => ReadOnlySession.open(settingsFromUrl(urlWith({ port }), undefined, 1000)), 'no answer within 1000 ms (pg_timeout)'],
    ['--pg connect_timeout=2', (port: number) => loadDatabase({ url: urlWith({ port, query: '?connect_timeout=2' }) }), 'no answer within 2000 ms (connect_timeout)'],
  ] as const)('a server that never answers times out after %s', async (_bound, open, reason) => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => { sockets.push(socket); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const error = await failure(open(port));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(error.oneLine()).toBe(`cannot connect to PostgreSQL postgres@127.0.0.1:${port}/${db.database}: ${reason}`);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('a database that does not exist', async () => {
    const error = await failure(loadDatabase({ url: urlWith({ database: 'no_such_kong' }) }));
    expect(error.oneLine()).toContain('/no_such_kong: database "no_such_kong" does not exist');
  });

  it('a --pg value that is not a URL is refused without echoing it', async () => {
    const error = await failure(loadDatabase({ url: 'kong:S3cret@db' }));
    expect(error.oneLine()).not.toContain('S3cret');
  });
});

describe('databases that are not (yet) Kong databases', () => {
  it.each([
    ['not-bootstrapped', /has no tables: Kong was never bootstrapped here/],
    ['not-kong', /is not a Kong database: it has no schema_meta table/],
  ])('%s', async (scenario, message) => {
    const other = await sharedScenarioDatabase(scenario);
    const error = await failure(loadDatabase({ url: other.url }));
    expect(error.oneLine()).toMatch(message);
    expect(error.oneLine()).toContain(`postgres@127.0.0.1:${other.port}/${other.database}`);
  });
});

describe('scrub: the password in a driver message', () => {
  it('hides a password of six characters or more wherever it occurs', () => {
    expect(scrub('bad token xS3cretx here', { password: 'S3cret' })).toBe('bad token x***x here');
  });

  it('hides a short password only as a word of its own, never inside other words', () => {
    expect(scrub('Connection terminated unexpectedly', { password: 'x' })).toBe('Connection terminated unexpectedly');
    expect(scrub('role kong: token kong rejected (kong)', { password: 'kong' })).toBe('role ***: token *** rejected (***)');
    expect(scrub('value a.b and aXb', { password: 'a.b' })).toBe('value *** and aXb');
  });
});
