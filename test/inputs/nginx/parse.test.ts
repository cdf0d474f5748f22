import { parseNginx } from '../../../src/inputs/nginx/parse';

const names = (text: string): string[] => parseNginx(text).all.map((d) => `${d.context.join('>') || 'main'}:${d.name}`);

describe('parseNginx: well-formed input', () => {
  it('builds nested blocks with contexts and positions', () => {
    const parsed = parseNginx('events {\n  worker_connections 1024;\n}\nhttp {\n  server {\n    listen 8000;\n  }\n}\n');
    expect(parsed.problems).toEqual([]);
    expect(names('events {\n  worker_connections 1024;\n}\nhttp {\n  server {\n    listen 8000;\n  }\n}\n')).toEqual([
      'main:events', 'events:worker_connections', 'main:http', 'http:server', 'http>server:listen',
    ]);
    const listen = parsed.all.find((d) => d.name === 'listen')!;
    expect(listen.at).toEqual({ line: 6, column: 5 });
    expect(listen.args[0]).toMatchObject({ value: '8000', at: { line: 6, column: 12 } });
  });

  it('reads quoted strings with escapes and keeps the raw form', () => {
    const parsed = parseNginx(`return 200 "say \\"hi\\"\\n";\nadd_header X 'it\\'s';\n`);
    expect(parsed.problems).toEqual([]);
    expect(parsed.all[0].args[1]).toMatchObject({ raw: '"say \\"hi\\"\\n"', value: 'say "hi"\n', quoted: true });
    expect(parsed.all[1].args[1].value).toBe("it's");
  });

  it('treats # as a comment only where a token starts', () => {
    const parsed = parseNginx('set $a foo#bar; # trailing comment { ; }\nset $b "x # y";\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.all.map((d) => d.args.map((a) => a.value))).toEqual([['$a', 'foo#bar'], ['$b', 'x # y']]);
  });

  it('keeps ${{...}} placeholders, ${var} and $(expr) inside words despite their braces', () => {
    const parsed = parseNginx("lua_package_path '${{LUA_PACKAGE_PATH}};;';\nerror_log ${{PROXY_ERROR_LOG}} ${{LOG_LEVEL}};\nset $x ${host}_a;\n$(el.name) $(el.value);\n");
    expect(parsed.problems).toEqual([]);
    expect(parsed.placeholders.map((p) => p.name)).toEqual(['lua_package_path', 'proxy_error_log', 'log_level']);
    expect(parsed.placeholders[1].at).toEqual({ line: 2, column: 11 });
    expect(parsed.all.map((d) => d.name)).toEqual(['lua_package_path', 'error_log', 'set', '$(el.name)']);
    expect(parsed.all[2].args[1].value).toBe('${host}_a');
  });

  it('records penlight lines and the guards around each directive', () => {
    const parsed = parseNginx('> if database == "off" then\nlmdb_map_size 128m;\n> else\nfoo bar;\n> end\n> for _, el in ipairs(nginx_main_directives) do\n$(el.name) $(el.value);\n> end\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.templateLines.map((t) => t.kind)).toEqual(['if', 'else', 'end', 'for', 'end']);
    expect(parsed.all[0].guards.map((g) => g.code)).toEqual(['if database == "off" then']);
    expect(parsed.all[1].guards.map((g) => g.kind)).toEqual(['else']);
    expect(parsed.all[2].guards[0].code).toContain('ipairs(nginx_main_directives)');
  });

  it('reads *_by_lua_block bodies as Lua: braces in strings, comments and long strings do not close the block', () => {
    const text = [
      'content_by_lua_block {',
      '  local t = { a = "}" }  -- a } in a comment',
      "  ngx.say('{')",
      '  local s = [[ } ]] ; local n = #t',
      '  --[==[ } ]==]',
      '}',
      'next_directive on;',
    ].join('\n');
    const parsed = parseNginx(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.all.map((d) => d.name)).toEqual(['content_by_lua_block', 'next_directive']);
    expect(parsed.all[0].lua!.code).toContain('#t');
    expect(parsed.all[0].block).toBeUndefined();
  });

  it('handles CRLF line endings', () => {
    const parsed = parseNginx('http {\r\n  server_tokens off;\r\n}\r\n');
    expect(parsed.problems).toEqual([]);
    expect(parsed.all[1].at).toEqual({ line: 2, column: 3 });
  });
});

describe('parseNginx: nasty input gives problems with positions, never a crash', () => {
  it('reports a block that is never closed', () => {
    const parsed = parseNginx('http {\n  server {\n    listen 80;\n');
    expect(parsed.problems.map((p) => [p.at.line, p.message])).toEqual([
      [1, 'block "http" opened here is never closed'],
      [2, 'block "server" opened here is never closed'],
    ]);
    expect(parsed.all.map((d) => d.name)).toEqual(['http', 'server', 'listen']);
  });

  it('reports a stray closing brace and keeps going', () => {
    const parsed = parseNginx('a 1;\n}\nb 2;\n');
    expect(parsed.problems).toEqual([{ severity: 'error', message: 'unexpected "}": no block is open here', at: { line: 2, column: 1 } }]);
    expect(parsed.all.map((d) => d.name)).toEqual(['a', 'b']);
  });

  it('reports an unterminated quote at the quote, with a # inside it left alone', () => {
    const parsed = parseNginx('a 1;\nlog_format x "abc # not a comment;\nb 2;\n');
    expect(parsed.problems).toContainEqual({ severity: 'error', message: 'unterminated double-quoted string (opened here)', at: { line: 2, column: 14 } });
    // The string swallowed the rest of the file, as it does in nginx.
    expect(parsed.all.map((d) => d.name)).toEqual(['a', 'log_format']);
  });

  it('reports a directive missing its semicolon', () => {
    const parsed = parseNginx('server {\n  listen 80\n}\n');
    expect(parsed.problems).toEqual([{ severity: 'error', message: 'directive "listen" is not terminated by ";"', at: { line: 2, column: 3 } }]);
  });

  it('reports junk right after a closing quote', () => {
    const parsed = parseNginx('add_header "a"b;\n');
    expect(parsed.problems[0]).toMatchObject({ message: 'unexpected "b" right after a quoted string', at: { line: 1, column: 15 } });
  });

  it('reports an unclosed Lua block and an unmatched template end', () => {
    const parsed = parseNginx('> end\ninit_by_lua_block {\n  local x = "}"\n');
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'template "> end" without an open "> if" or "> for"',
      'block "init_by_lua_block" opened here is never closed',
      'Lua block is not closed before the end of the file (opened here)',
    ]);
  });

  it('reports a template if without end and a brace without a directive', () => {
    const parsed = parseNginx('> if wasm then\n{ a 1; }\n');
    expect(parsed.problems.map((p) => p.message)).toEqual([
      'template "> if" has no matching "> end"',
      'block "{" opened without a directive name',
    ]);
  });

  it('survives random bytes and pathological nesting quickly', () => {
    const chunks = ['{', '}', ';', '"', "'", '#', '\\', '${{', '}}', '$(', ')', '\n', '> if x then\n', '> end\n', 'a', ' ', '_by_lua_block {'];
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let i = 0; i < 300; i++) text += chunks[Math.floor(random() * chunks.length)];
      expect(() => parseNginx(text)).not.toThrow();
    }
    const deep = '{'.repeat(20000) + '}'.repeat(19999);
    const started = Date.now();
    const parsed = parseNginx(`x ${deep}`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parsed.problems.length).toBeGreaterThan(0);
    const manyIfs = '> if x then\na 1;\n'.repeat(20000);
    const started2 = Date.now();
    const messages = parseNginx(manyIfs).problems.map((p) => p.message);
    expect(messages).toContain('template "> if" has no matching "> end"');
    expect(messages.filter((m) => m === 'template blocks nested deeper than 64 levels')).toHaveLength(1);
    expect(Date.now() - started2).toBeLessThan(2000);
  });
});
