// Runs Kong's up_f and teardown migration functions against the database being generated,
// through read-migrations.lua's `--live` mode: the Lua side sends each query as a line, this side
// runs it on PostgreSQL and answers with the rows as a Lua chunk. `kong migrations` runs those
// functions on the live database (kong/db/init.lua run_migrations), and some read what earlier
// migrations wrote: Enterprise's enterprise/007_1500_to_2100.lua teardown moves the RBAC roles
// enterprise/000_base.lua seeded into their workspace (both @FTI-6378).

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import pg, { type Client } from 'pg';

/** A value as a Lua expression; SQL NULL is ngx.null, as pgmoon's convert_null leaves it. */
function luaValue(value: unknown): string {
  if (value === null || value === undefined) return 'ngx.null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  if (value instanceof Date) return luaString(value.toISOString());
  if (Buffer.isBuffer(value)) return luaString(value.toString('binary'));
  if (Array.isArray(value)) return `{${value.map(luaValue).join(',')}}`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `[${luaString(k)}]=${luaValue(v)}`).join(',')}}`;
  }
  return luaString(String(value));
}

function luaString(text: string): string {
  return `"${text.replace(/[\\"\x00-\x1f]/g, (c) => (c === '\\' || c === '"' ? `\\${c}` : `\\${c.charCodeAt(0)}`))}"`;
}

// pgmoon returns bigint (count(*)) as a number; node-pg would give a string.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')),
};

export class LiveMigrations {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private readonly reader: Interface;

  constructor(luajit: string, reader: string, tree: string, subsystems: readonly string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(luajit, [reader, tree, '--live', ...subsystems], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.resume();
    this.reader = createInterface({ input: this.child.stdout });
    this.lines = this.reader[Symbol.asyncIterator]();
  }

  private async line(): Promise<string> {
    const next = await this.lines.next();
    if (next.done) throw new Error('read-migrations.lua ended early');
    return next.value;
  }

  /** The listing read-migrations.lua prints first (the same JSON as without --live). */
  async listing(): Promise<string> {
    return this.line();
  }

  /** One migration's up_f or teardown, its queries run on client. */
  async run(client: Client, subsystem: string, name: string, phase: 'up_f' | 'teardown'): Promise<void> {
    this.child.stdin.write(`run ${subsystem} ${name} ${phase}\n`);
    for (;;) {
      const line = await this.line();
      if (line === 'done') return;
      if (line.startsWith('failed ')) throw new Error(JSON.parse(line.slice('failed '.length)) as string);
      if (!line.startsWith('query ')) throw new Error(`read-migrations.lua: unexpected line ${line.slice(0, 80)}`);
      const sql = JSON.parse(line.slice('query '.length)) as string;
      try {
        const result = await client.query({ text: sql, types });
        const last = Array.isArray(result) ? result[result.length - 1] : result;
        this.child.stdin.write(`return ${luaValue(last.rows ?? [])}\n`);
      } catch (error) {
        this.child.stdin.write(`error ${(error as Error).message.replace(/\n/g, ' ')}\n`);
      }
    }
  }

  close(): void {
    this.child.stdin.end();
    this.reader.close();
  }
}
