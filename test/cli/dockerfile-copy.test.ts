// End to end: a Dockerfile that copies kong.yml or kong.conf from its build context where Kong
// reads them (`COPY kong.yml /kong/declarative/kong.yml` with `ENV KONG_DECLARATIVE_CONFIG`,
// `COPY kong.conf /etc/kong/kong.conf`) has those project files read, at their own lines, listed
// with the step that copies them. Steps Kong does not read from, and steps whose files are not in
// the context (`COPY --from=stage`), read nothing.

import { join } from 'node:path';
import { fixture, runCli } from '../support/cli';
import { tempDir } from '../support/temp';

interface JsonFinding { ruleId: string; message: string; location: { file?: string; line?: number } }
interface JsonReport { installation: { inputs: { kind: string; label: string }[] }; findings: JsonFinding[] }

async function report(args: string[]): Promise<{ json: JsonReport; text: string }> {
  const result = await runCli(['check', ...args, '--no-db', '--format', 'json', '--fail-on', 'none']);
  expect(result.stderr).toBe('');
  return { json: JSON.parse(result.stdout) as JsonReport, text: result.stdout };
}

const copyFixture = (...parts: string[]) => fixture('platform', 'dockerfile-copy', ...parts);
const label = (json: JsonReport, kind: string) => json.installation.inputs.find((input) => input.kind.startsWith(kind))?.label;

describe('check --image-file Dockerfile that copies Kong files in', () => {
  it('reads the declarative file KONG_DECLARATIVE_CONFIG names from the COPY that puts it there', async () => {
    const dockerfile = copyFixture('declarative', 'Dockerfile');
    const kongYml = copyFixture('declarative', 'config', 'kong.yml');
    const { json } = await report(['--image-file', dockerfile, '--to', '3.4']);
    const regex = json.findings.filter((f) => f.ruleId === 'entities/route-regex-path-without-tilde');
    expect(regex.map((f) => [f.location.file, f.location.line])).toEqual([[kongYml, 7]]);
    expect(label(json, 'declarative')).toBe(`${kongYml} (declarative_config /usr/local/kong/declarative/kong.yml, copied there by COPY at ${dockerfile}:3 from the build context ${copyFixture('declarative')} (the Dockerfile's folder))`);
  });

  it('reads a kong.conf copied to /etc/kong/kong.conf, where Kong looks without -c', async () => {
    const dockerfile = copyFixture('conf', 'Dockerfile');
    const conf = copyFixture('conf', 'kong.conf');
    const { json } = await report(['--image-file', dockerfile, '--to', '3.4']);
    expect(json.findings.find((f) => f.ruleId === 'conf/unknown-property' && f.message.startsWith('`proxy_https_listen`'))?.location).toMatchObject({ file: conf, line: 2 });
    expect(label(json, 'kong.conf')).toBe(`${conf} (copied to /etc/kong/kong.conf by COPY at ${dockerfile}:2 from the build context ${copyFixture('conf')} (the Dockerfile's folder): Kong reads it when started without -c)`);
  });

  it('follows the -c the command gives instead of Kong\'s default paths', async () => {
    const conf = 'proxy_https_listen = 0.0.0.0:8443\n';
    const named = tempDir({ Dockerfile: 'FROM kong:3.1\nCOPY kong.conf /opt/kong/custom.conf\nCMD ["kong", "docker-start", "-c", "/opt/kong/custom.conf"]\n', 'kong.conf': conf });
    const { json } = await report(['--image-file', join(named, 'Dockerfile'), '--to', '3.4']);
    expect(label(json, 'kong.conf')).toContain(`${join(named, 'kong.conf')} (copied to /opt/kong/custom.conf by COPY at ${join(named, 'Dockerfile')}:2`);
    expect(label(json, 'kong.conf')).toContain(`which the -c of ${join(named, 'Dockerfile')}:3 names)`);
    // The default path is not read when the command names another file.
    const other = tempDir({ Dockerfile: 'FROM kong:3.1\nCOPY kong.conf /etc/kong/kong.conf\nCMD kong docker-start -c /opt/kong/custom.conf\n', 'kong.conf': conf });
    const unread = await report(['--image-file', join(other, 'Dockerfile'), '--to', '3.4']);
    expect(label(unread.json, 'kong.conf')).toBeUndefined();
    expect(unread.json.findings.find((f) => f.message.startsWith('`proxy_https_listen`'))).toBeUndefined();
  });

  it('lets a kong.conf given win, and only names the copied one', async () => {
    const given = tempDir({ 'kong.conf': 'database = off\n' });
    const { json } = await report([join(given, 'kong.conf'), '--image-file', copyFixture('conf', 'Dockerfile'), '--to', '3.4']);
    expect(json.findings.find((f) => f.message.startsWith('`proxy_https_listen`'))).toBeUndefined();
    expect(label(json, 'kong.conf')).toBe(`${join(given, 'kong.conf')} (given; COPY at ${copyFixture('conf', 'Dockerfile')}:2 copies ${copyFixture('conf', 'kong.conf')} to /etc/kong/kong.conf in the image, not read: the kong.conf given wins)`);
  });

  it('lets a --declarative given win over the copied file', async () => {
    const given = tempDir({ 'kong.yml': '_format_version: "2.1"\nservices:\n- name: other\n  url: http://other:80\n' });
    const { json } = await report(['--image-file', copyFixture('declarative', 'Dockerfile'), '--declarative', join(given, 'kong.yml'), '--to', '3.4']);
    expect(json.findings.filter((f) => f.ruleId === 'entities/route-regex-path-without-tilde')).toEqual([]);
    expect(label(json, 'declarative')).toBe(join(given, 'kong.yml'));
  });

  it('reads nothing a COPY puts where Kong does not look', async () => {
    const { json, text } = await report(['--image-file', copyFixture('elsewhere', 'Dockerfile'), '--to', '3.4']);
    expect(label(json, 'kong.conf')).toBeUndefined();
    expect(label(json, 'declarative')).toBeUndefined();
    expect(json.findings.filter((f) => f.location.file?.startsWith(copyFixture('elsewhere', 'kong')))).toEqual([]);
    expect(text).toContain('names /kong/kong.yml, absent on this machine; give a copy with --declarative');
  });

  it('does not follow COPY --from of another stage, and says so', async () => {
    const { json, text } = await report(['--image-file', copyFixture('from-stage', 'Dockerfile'), '--to', '3.4']);
    expect(label(json, 'declarative')).toBeUndefined();
    expect(json.findings.filter((f) => f.ruleId === 'entities/route-regex-path-without-tilde')).toEqual([]);
    expect(text).toContain(`declarative_config /kong/kong.yml is put in the image by COPY at ${copyFixture('from-stage', 'Dockerfile')}:7, not followed here (COPY --from=render copies from another stage or image)`);
    // A kong.conf another stage gives where Kong looks is named, not read.
    const conf = tempDir({ Dockerfile: 'FROM kong:3.4 AS conf\nFROM kong:3.4\nENV KONG_DATABASE=off\nCOPY --from=conf /tmp/kong.conf /etc/kong/kong.conf\n' });
    const named = await report(['--image-file', join(conf, 'Dockerfile'), '--to', '3.9']);
    expect(label(named.json, 'kong.conf')).toBe(`none read (COPY at ${join(conf, 'Dockerfile')}:4 puts a file at /etc/kong/kong.conf, where Kong looks when started without -c; not followed here: COPY --from=conf copies from another stage or image)`);
  });

  it('copies from the context a compose build: gives, and a bind mount over the path wins', async () => {
    const kongYml = '_format_version: "2.1"\nservices:\n- name: api\n  url: http://api:8080\n  routes:\n  - name: items\n    paths: ["/items/\\\\d+$"]\n';
    const compose = (volumes: string[]) => [
      'services:',
      '  kong:',
      '    build:',
      '      context: .',
      '      dockerfile: docker/kong/Dockerfile',
      '    environment:',
      '      KONG_DATABASE: "off"',
      '      KONG_DECLARATIVE_CONFIG: /kong/kong.yml',
      ...(volumes.length > 0 ? ['    volumes:', ...volumes.map((volume) => `      - ${volume}`)] : []),
    ].join('\n') + '\n';
    const files = { 'docker/kong/Dockerfile': 'FROM kong:2.8.1\nCOPY config/kong.yml /kong/\n', 'config/kong.yml': kongYml, 'mounted/kong.yml': '_format_version: "2.1"\n' };
    const project = tempDir({ ...files, 'docker-compose.yml': compose([]) });
    const { json } = await report(['--image-file', join(project, 'docker-compose.yml'), '--to', '3.4']);
    const regex = json.findings.filter((f) => f.ruleId === 'entities/route-regex-path-without-tilde');
    expect(regex.map((f) => f.location.file)).toEqual([join(project, 'config', 'kong.yml')]);
    expect(label(json, 'declarative')).toContain(`from the build context ${project} that service kong of ${join(project, 'docker-compose.yml')} gives`);
    const mounted = tempDir({ ...files, 'docker-compose.yml': compose(['./mounted/kong.yml:/kong/kong.yml']) });
    const overMount = await report(['--image-file', join(mounted, 'docker-compose.yml'), '--to', '3.4']);
    expect(label(overMount.json, 'declarative')).toContain(`${join(mounted, 'mounted', 'kong.yml')} (declarative_config /kong/kong.yml, mounted by service kong`);
  });
});

// A compose service's `command:` replaces the image's CMD and `entrypoint:` its ENTRYPOINT and CMD
// (compose-spec/compose-spec@170098ba 05-services.md lines 200, 542-546): the Dockerfile's -c then
// no longer applies, and a -c of the service's own is followed through its bind mounts or the
// Dockerfile's COPY steps.
describe('check --image-file compose.yaml whose service replaces the image\'s command', () => {
  const dockerfile = 'FROM kong:3.1\nCOPY default.conf /etc/kong/kong.conf\nCOPY custom.conf /opt/kong/custom.conf\nCMD ["kong", "docker-start", "-c", "/opt/kong/custom.conf"]\n';
  const confs = { 'default.conf': 'database = off\nproxy_https_listen = 0.0.0.0:8443\n', 'custom.conf': 'database = off\n\nlua_ssl_verify_depth = 1\nproxy_https_listen = 0.0.0.0:8443\n', 'mounted.conf': 'database = off\n\n\nproxy_https_listen = 0.0.0.0:8443\n' };
  const compose = (...lines: string[]) => ['services:', '  kong:', '    build: .', ...lines].join('\n') + '\n';
  const httpsListen = (json: JsonReport) => json.findings.find((f) => f.ruleId === 'conf/unknown-property' && f.message.startsWith('`proxy_https_listen`'))?.location;

  it('follows the Dockerfile\'s -c while the service sets no command', async () => {
    const project = tempDir({ Dockerfile: dockerfile, ...confs, 'compose.yaml': compose() });
    const { json } = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(json)).toMatchObject({ file: join(project, 'custom.conf'), line: 4 });
    expect(label(json, 'kong.conf')).toContain(`which the -c of ${join(project, 'Dockerfile')}:4 names`);
  });

  it('reads Kong\'s default path instead when the command has no -c (string or list), and says why', async () => {
    for (const command of ['    command: kong docker-start', '    command: ["kong", "docker-start"]']) {
      const project = tempDir({ Dockerfile: dockerfile, ...confs, 'compose.yaml': compose(command) });
      const { json } = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
      expect(httpsListen(json)).toMatchObject({ file: join(project, 'default.conf'), line: 2 });
      expect(label(json, 'kong.conf')).toContain(`copied to /etc/kong/kong.conf by COPY at ${join(project, 'Dockerfile')}:2`);
      expect(label(json, 'kong.conf')).toContain(`Kong reads it when started without -c (the -c of ${join(project, 'Dockerfile')}:4 does not apply: the service's command at ${join(project, 'compose.yaml')}:4 replaces the image's CMD)`);
    }
  });

  it('reads the default path when the entrypoint replaces the image\'s, but keeps an ENTRYPOINT\'s -c under a command', async () => {
    const project = tempDir({ Dockerfile: dockerfile, ...confs, 'compose.yaml': compose('    entrypoint: /docker-entrypoint.sh kong docker-start') });
    const { json } = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(json)).toMatchObject({ file: join(project, 'default.conf'), line: 2 });
    expect(label(json, 'kong.conf')).toContain('replaces the image\'s ENTRYPOINT and CMD');
    const viaEntrypoint = tempDir({ Dockerfile: dockerfile.replace('CMD', 'ENTRYPOINT'), ...confs, 'compose.yaml': compose('    command: --vv') });
    const kept = await report(['--image-file', join(viaEntrypoint, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(kept.json)).toMatchObject({ file: join(viaEntrypoint, 'custom.conf'), line: 4 });
  });

  it('follows the command\'s own -c through a bind mount, over the COPY there, or through the COPY', async () => {
    const mounted = tempDir({ Dockerfile: dockerfile, ...confs, 'compose.yaml': compose('    command: kong docker-start --conf /opt/kong/custom.conf', '    volumes:', '      - ./mounted.conf:/opt/kong/custom.conf') });
    const { json } = await report(['--image-file', join(mounted, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(json)).toMatchObject({ file: join(mounted, 'mounted.conf'), line: 4 });
    expect(label(json, 'kong.conf')).toBe(`${join(mounted, 'mounted.conf')} (/opt/kong/custom.conf in service kong, mounted at ${join(mounted, 'compose.yaml')}:6:9, which the -c of ${join(mounted, 'compose.yaml')}:4 names)`);
    const copied = tempDir({ Dockerfile: dockerfile.replace(/CMD .*\n/, ''), ...confs, 'compose.yaml': compose('    command: ["kong", "docker-start", "-c", "/opt/kong/custom.conf"]') });
    const viaCopy = await report(['--image-file', join(copied, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(viaCopy.json)).toMatchObject({ file: join(copied, 'custom.conf'), line: 4 });
    expect(label(viaCopy.json, 'kong.conf')).toContain(`which the -c of ${join(copied, 'compose.yaml')}:4 names`);
  });

  it('mounts the -c file into a Kong image it does not build, and takes no shell -c for Kong\'s', async () => {
    const run = (lines: string[]) => ['services:', '  kong:', '    image: kong:3.1', ...lines].join('\n') + '\n';
    const named = tempDir({ ...confs, 'compose.yaml': run(['    command: kong start -c /srv/kong.conf', '    volumes:', '      - ./custom.conf:/srv/kong.conf', '      - ./default.conf:/etc/kong/kong.conf']) });
    const { json } = await report(['--image-file', join(named, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(json)).toMatchObject({ file: join(named, 'custom.conf'), line: 4 });
    // `sh -c` is the shell's option: Kong starts without -c and reads the default path.
    const shell = tempDir({ ...confs, 'compose.yaml': run(['    command: ["sh", "-c", "ulimit -n 4096 && kong start"]', '    volumes:', '      - ./default.conf:/etc/kong/kong.conf']) });
    const viaShell = await report(['--image-file', join(shell, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(viaShell.json)).toMatchObject({ file: join(shell, 'default.conf'), line: 2 });
  });

  it('reads no COPY under a bind mount whose source is absent here, and says the mounted file is not read', async () => {
    const gone = tempDir({ Dockerfile: dockerfile, ...confs, 'compose.yaml': compose('    volumes:', '      - ./elsewhere/custom.conf:/opt/kong/custom.conf') });
    const { json } = await report(['--image-file', join(gone, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(json)).toBeUndefined();
    expect(label(json, 'kong.conf')).toBe(`none read (/opt/kong/custom.conf in service kong, mounted from ${join(gone, 'elsewhere', 'custom.conf')} (${join(gone, 'compose.yaml')}:5:9), which the -c of ${join(gone, 'Dockerfile')}:4 names; ${join(gone, 'elsewhere', 'custom.conf')} is absent on this machine (give it as the first argument to check))`);
    // A kong.conf given is read in its place, and the mount is named.
    const given = await report([join(gone, 'mounted.conf'), '--image-file', join(gone, 'compose.yaml'), '--to', '3.4']);
    expect(label(given.json, 'kong.conf')).toBe(`${join(gone, 'mounted.conf')} (given, read in place of /opt/kong/custom.conf in service kong, mounted from ${join(gone, 'elsewhere', 'custom.conf')} (${join(gone, 'compose.yaml')}:5:9), which the -c of ${join(gone, 'Dockerfile')}:4 names)`);
    // At a default path the same: the COPY to /etc/kong/kong.conf is hidden by the mount.
    const defaults = tempDir({ Dockerfile: dockerfile.replace(/CMD .*\n/, ''), ...confs, 'compose.yaml': compose('    volumes:', '      - ./gone.conf:/etc/kong/kong.conf') });
    const atDefault = await report(['--image-file', join(defaults, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(atDefault.json)).toBeUndefined();
    expect(label(atDefault.json, 'kong.conf')).toContain(`where Kong looks when started without -c; ${join(defaults, 'gone.conf')} is absent on this machine`);
    // A project folder mounted over /etc/kong without kong.conf hides the COPY too: Kong goes on to /etc/kong.conf.
    const folder = tempDir({ Dockerfile: dockerfile.replace(/CMD .*\n/, '') + 'COPY custom.conf /etc/kong.conf\n', ...confs, 'etc-kong/other.txt': 'x\n', 'compose.yaml': compose('    volumes:', '      - ./etc-kong:/etc/kong') });
    const viaFolder = await report(['--image-file', join(folder, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(viaFolder.json)).toMatchObject({ file: join(folder, 'custom.conf'), line: 4 });
  });

  it('says when the command sets the image\'s -c aside and no kong.conf is found in its place', async () => {
    const image = dockerfile.replace('COPY default.conf /etc/kong/kong.conf\n', '');
    const note = (dir: string) => `the -c of ${join(dir, 'Dockerfile')}:3 does not apply: the service's command at ${join(dir, 'compose.yaml')}:4 replaces the image's CMD; nothing of the project is mounted or copied at /etc/kong/kong.conf or /etc/kong.conf, where Kong looks without -c`;
    const project = tempDir({ Dockerfile: image, ...confs, 'compose.yaml': compose('    command: kong docker-start') });
    const { json } = await report(['--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    expect(label(json, 'kong.conf')).toBe(`none read (${note(project)})`);
    expect((json as unknown as { notEvaluated: { ruleId: string; reason: string }[] }).notEvaluated.find((n) => n.ruleId === 'conf/default-changed')?.reason).toBe(`no kong.conf given, and none read from the container (${note(project)})`);
    // With the service's environment read as settings, the note is the kong.conf entry of the inputs list.
    const withEnv = tempDir({ Dockerfile: image, ...confs, 'compose.yaml': compose('    command: kong docker-start', '    environment:', '      KONG_DATABASE: "off"') });
    const layered = await report(['--image-file', join(withEnv, 'compose.yaml'), '--to', '3.4']);
    expect(label(layered.json, 'kong.conf')).toBe(`none read (${note(withEnv)})`);
    // A kong.conf given needs no note.
    const given = await report([join(project, 'custom.conf'), '--image-file', join(project, 'compose.yaml'), '--to', '3.4']);
    expect(label(given.json, 'kong.conf')).toBe(join(project, 'custom.conf'));
  });

  it('keeps a quoted -c path with blanks whole, in a sh -c script and a shell-form CMD', async () => {
    const spaced = 'FROM kong:3.1\nCOPY default.conf /etc/kong/kong.conf\nCOPY ["custom.conf", "/opt/kong/my kong.conf"]\nCMD kong docker-start -c "/opt/kong/my kong.conf"\n';
    const project = tempDir({ Dockerfile: spaced, ...confs });
    const { json } = await report(['--image-file', join(project, 'Dockerfile'), '--to', '3.4']);
    expect(httpsListen(json)).toMatchObject({ file: join(project, 'custom.conf'), line: 4 });
    const scripted = tempDir({ ...confs, 'compose.yaml': ['services:', '  kong:', '    image: kong:3.1', `    command: sh -c "ulimit -n 4096 && exec kong start -c '/srv/my kong.conf'"`, '    volumes:', '      - ./mounted.conf:/srv/my kong.conf', '      - ./default.conf:/etc/kong/kong.conf'].join('\n') + '\n' });
    const viaScript = await report(['--image-file', join(scripted, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(viaScript.json)).toMatchObject({ file: join(scripted, 'mounted.conf'), line: 4 });
  });

  // Compose interpolates the whole file before it splits a string command
  // (compose-spec/compose-go@e70e961 loader/loader.go lines 470 and 607, types/command.go line 73).
  it('splits a command string after its variables are replaced, as compose does', async () => {
    const run = (command: string, env: string) => ({
      ...confs,
      '.env': env,
      'compose.yaml': ['services:', '  kong:', '    image: kong:3.1', `    command: ${command}`, '    volumes:', '      - ./mounted.conf:/srv/kong.conf', '      - ./custom.conf:/srv/my kong.conf', '      - ./default.conf:/etc/kong/kong.conf'].join('\n') + '\n',
    });
    const check = async (files: Record<string, string>) => {
      const dir = tempDir(files);
      const { json } = await report(['--image-file', join(dir, 'compose.yaml'), '--to', '3.4']);
      return { dir, at: httpsListen(json) };
    };
    // The whole start command in one variable: its -c is found once the value is in place.
    const whole = await check(run('${KONG_START}', 'KONG_START=kong start -c /srv/kong.conf\n'));
    expect(whole.at).toMatchObject({ file: join(whole.dir, 'mounted.conf'), line: 4 });
    // A default with a blank, unquoted: compose splits it, so Kong gets -c /srv/my and no file of the project.
    const split = await check(run('kong start -c ${KONG_CONF:-/srv/my kong.conf}', ''));
    expect(split.at).toBeUndefined();
    // Quoted around the variable, the path stays whole; a value without blanks is the same either way.
    const quoted = await check(run('kong start -c "${KONG_CONF:-/srv/my kong.conf}"', ''));
    expect(quoted.at).toMatchObject({ file: join(quoted.dir, 'custom.conf'), line: 4 });
    const plain = await check(run('kong start -c ${KONG_CONF}', 'KONG_CONF=/srv/kong.conf\n'));
    expect(plain.at).toMatchObject({ file: join(plain.dir, 'mounted.conf'), line: 4 });
    // A list item is one word, blanks and all.
    const listed = await check(run('["kong", "start", "-c", "${KONG_CONF}"]', 'KONG_CONF=/srv/my kong.conf\n'));
    expect(listed.at).toMatchObject({ file: join(listed.dir, 'custom.conf'), line: 4 });
  });

  it('joins a relative -c to the image\'s WORKDIR, or to the service\'s working_dir', async () => {
    const relative = 'FROM kong:3.1\nWORKDIR /opt/kong\nCOPY custom.conf ./custom.conf\nCOPY default.conf /srv/custom.conf\nCMD kong docker-start -c custom.conf\n';
    const project = tempDir({ Dockerfile: relative, ...confs });
    const { json } = await report(['--image-file', join(project, 'Dockerfile'), '--to', '3.4']);
    expect(httpsListen(json)).toMatchObject({ file: join(project, 'custom.conf'), line: 4 });
    const moved = tempDir({ Dockerfile: relative, ...confs, 'compose.yaml': compose('    working_dir: /srv') });
    const viaWorkingDir = await report(['--image-file', join(moved, 'compose.yaml'), '--to', '3.4']);
    expect(httpsListen(viaWorkingDir.json)).toMatchObject({ file: join(moved, 'default.conf'), line: 2 });
  });
});
