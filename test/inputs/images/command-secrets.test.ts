// A container command shown in a note (`it runs `kong migrations up``) never carries a secret:
// Kong's CLI takes no credential option (kong/cmd/*.lua@3.9.3), so they come from the shell
// around it (a variable assignment, an `export`, a helper's --password, a URL's user:password@).

import { join } from 'node:path';
import { withoutCommandSecrets } from '../../../src/inputs/images/command-secrets';
import { readImageFiles } from '../../../src/inputs/images/load';
import { tempDir } from '../../support/temp';

describe('withoutCommandSecrets', () => {
  it.each([
    ['KONG_PG_PASSWORD=hunter2-pg kong migrations up', 'KONG_PG_PASSWORD=(hidden) kong migrations up'],
    ['sh -c "export KONG_PG_PASSWORD=\'hunter2 pg\' && kong migrations bootstrap"', 'sh -c "export KONG_PG_PASSWORD=(hidden) && kong migrations bootstrap"'],
    ['env PGPASSWORD=hunter2-pg KONG_PG_HOST=db kong migrations up', 'env PGPASSWORD=(hidden) KONG_PG_HOST=db kong migrations up'],
    ['wait-for --password hunter2-pg db:5432 && kong migrations up', 'wait-for --password (hidden) db:5432 && kong migrations up'],
    ['wait-for --db-token=hunter2-pg && kong migrations up', 'wait-for --db-token=(hidden) && kong migrations up'],
    ['psql postgres://kong:hunter2-pg@db:5432/kong -c select && kong migrations up', 'psql postgres://kong:(hidden)@db:5432/kong -c select && kong migrations up'],
    // A password glued to a short option, or under a letter that is a port elsewhere: only after its tool.
    ['mysql -h db -uroot -phunter2-my -e select && kong migrations up', 'mysql -h db -uroot -p(hidden) -e select && kong migrations up'],
    ['/usr/bin/mysqladmin -p\'hunter 2\' ping; kong migrations up', '/usr/bin/mysqladmin -p(hidden) ping; kong migrations up'],
    ['mariadb-dump -phunter2-ma kong > /tmp/d', 'mariadb-dump -p(hidden) kong > /tmp/d'],
    ['cqlsh -u cassandra -p hunter2-cql db 9042 && kong migrations up', 'cqlsh -u cassandra -p (hidden) db 9042 && kong migrations up'],
    ['cqlsh -u cassandra -phunter2-cql db && kong migrations up', 'cqlsh -u cassandra -p(hidden) db && kong migrations up'],
    ['redis-cli -h redis -p 6379 -a hunter2-redis ping && kong migrations up', 'redis-cli -h redis -p 6379 -a (hidden) ping && kong migrations up'],
    ['redis-cli --user kong --pass hunter2-redis ping', 'redis-cli --user kong --pass (hidden) ping'],
    ['redis-server --port 6380 --requirepass hunter2-rs --masterauth hunter3-rs', 'redis-server --port 6380 --requirepass (hidden) --masterauth (hidden)'],
    ['curl -fsu admin:hunter2-curl http://kong:8001/status', 'curl -fsu admin:(hidden) http://kong:8001/status'],
    ['curl -u admin:hunter2-curl http://kong:8001/status && kong health', 'curl -u admin:(hidden) http://kong:8001/status && kong health'],
    ['curl --user "admin:hunter2 curl" http://kong:8001/', 'curl --user "admin:(hidden)" http://kong:8001/'],
    ['sh -c "curl --user \\"admin:hunter2 curl\\" http://kong:8001/"', 'sh -c "curl --user \\"admin:(hidden)\\" http://kong:8001/"'],
    ['curl -H "Kong-Admin-Token: hunter2-rbac" -H "Accept: application/json" http://kong:8001/', 'curl -H "Kong-Admin-Token: (hidden)" -H "Accept: application/json" http://kong:8001/'],
    ["curl -H 'Authorization: Bearer hunter2-jwt' http://kong:8001/", "curl -H 'Authorization: (hidden)' http://kong:8001/"],
    // key-auth's default key name and a cookie carry credentials without a secret-like name.
    ["curl -H 'apikey: hunter2-key' -H 'Cookie: session=hunter2-cookie' http://kong:8000/", "curl -H 'apikey: (hidden)' -H 'Cookie: (hidden)' http://kong:8000/"],
    ['sh -c "curl -H \\"Authorization: Bearer hunter2-jwt\\" http://kong:8001/ && kong health"', 'sh -c "curl -H \\"Authorization: (hidden)\\" http://kong:8001/ && kong health"'],
  ])('hides the secret of %s', (command, shown) => {
    expect(withoutCommandSecrets(command)).toBe(shown);
  });

  // `-p` is a port for psql, pg_isready and redis-cli, a prefix for kong; mysql's `-p` alone prompts
  // and the next word is the database; curl's `-u user` alone prompts.
  it.each([
    'psql -h db -p 5432 -U kong -c select && kong migrations up',
    'pg_isready -h db -p 5432 && kong migrations up -p /usr/local/kong',
    'redis-cli -h redis -p 6379 ping && kong migrations up',
    'mysql -h db -P 3306 -u kong -p kong_db && kong migrations up',
    'curl -u admin http://kong:8001/ -H "Accept: application/json"',
  ])('leaves the non-secret options of %s', (command) => {
    expect(withoutCommandSecrets(command)).toBe(command);
  });

  it('leaves a command without secrets as written', () => {
    const command = 'KONG_PG_HOST=db kong migrations up -c /etc/kong/kong.conf --db-timeout 60 -p /usr/local/kong && curl http://db:5432/';
    expect(withoutCommandSecrets(command)).toBe(command);
  });
});

describe('the "it runs" note of a one-shot container', () => {
  it('hides the password of a compose command and a Kubernetes Job args, and keeps the rest', () => {
    const dir = tempDir({
      'compose.yml': [
        'services:',
        '  migrations:',
        '    image: kong:3.9',
        '    command: ["sh", "-c", "KONG_PG_PASSWORD=compose-hunter2 kong migrations up"]',
        '  kong:',
        '    image: kong:3.9',
      ].join('\n'),
      'job.yaml': [
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: migrate}',
        'spec:',
        '  containers:',
        '  - name: kong',
        '    image: kong:3.9',
        '    command: ["/bin/sh", "-c"]',
        '    args: ["export KONG_PG_PASSWORD=k8s-hunter2 && kong migrations finish"]',
      ].join('\n'),
    });
    const read = readImageFiles([join(dir, 'compose.yml'), join(dir, 'job.yaml')]);
    const notes = read.containerEnv.containers.map((c) => c.oneShot).filter((note): note is string => note !== undefined);
    expect(notes.sort()).toEqual([
      'it runs `/bin/sh -c export KONG_PG_PASSWORD=(hidden) && kong migrations finish`',
      'it runs `sh -c KONG_PG_PASSWORD=(hidden) kong migrations up`',
    ]);
    // The running node has no command: nothing to hide, no note.
    expect(read.containerEnv.containers.find((c) => c.unit === 'service kong')?.oneShot).toBeUndefined();
  });
});

describe('the inputs list', () => {
  it('names the migrations task of the compose file with its command, the password hidden', async () => {
    const { loadPlatformInputs } = await import('../../../src/inputs/platform');
    const dir = tempDir({
      'compose.yml': [
        'services:',
        '  kong-migrations:',
        '    image: kong:3.9.1',
        '    command: sh -c "KONG_PG_PASSWORD=listed-hunter2 kong migrations bootstrap"',
        '  kong:',
        '    image: kong:3.9.1',
        '    environment: {KONG_LOG_LEVEL: notice}',
      ].join('\n'),
    });
    const label = loadPlatformInputs({ imageFiles: [join(dir, 'compose.yml')] }).listed.map((l) => l.label).join('\n');
    expect(label).toContain('service kong-migrations not read: it runs `sh -c "KONG_PG_PASSWORD=(hidden) kong migrations bootstrap"`');
    expect(label).not.toContain('listed-hunter2');
  });
});
