// Dockerfiles read as docker build reads them: the last stage's ENV (forms, continuations,
// substitution, stages), the Kong packages its steps install, and the ENV as a kong.conf layer
// under the environment given to the check.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors';
import { readDockerfile } from '../../src/inputs/images/dockerfile';
import { dockerfileConfLayer } from '../../src/inputs/images/dockerfile-conf-layer';
import { findKongPackages } from '../../src/inputs/images/kong-package';
import { loadKongConf } from '../../src/inputs/kong-conf';
import { fixture } from '../support/cli';

const read = (name: string) => readDockerfile(name, readFileSync(fixture('platform', name), 'utf8'));
const at = { kind: 'file' as const, file: 'Dockerfile', line: 1, column: 1 };
const packages = (text: string) => findKongPackages(text, at).map((p) => [p.name, p.edition, p.version?.toString(), p.unresolvedVariables]);

describe('Dockerfile ENV', () => {
  it('ENV and ARG values built from copies of earlier ones are refused at the line that overflows (once a RangeError: Invalid string length)', () => {
    const copies = (keyword: string) => Array.from({ length: 11 }, (_, i) => `${keyword} V${i + 1}=${`\${V${i}}`.repeat(10)}`);
    const env = ['FROM kong:3.4.2', 'ENV V0=xxxxxxxxxx', ...copies('ENV')].join('\n');
    expect(() => readDockerfile('Dockerfile', env)).toThrow(InputError);
    expect(() => readDockerfile('Dockerfile', env)).toThrow(/^variables expand to more than 67108864 characters/);
    const error = (() => { try { readDockerfile('Dockerfile', env); } catch (caught) { return caught as InputError; } })();
    expect(error?.oneLine()).toMatch(/^Dockerfile:9: variables expand/);
    // Global build arguments used by FROM overflow the same way.
    const args = ['ARG V0=xxxxxxxxxx', ...copies('ARG'), 'FROM kong:$V11'].join('\n');
    expect(() => readDockerfile('Dockerfile', args)).toThrow(/^variables expand to more than/);
    // A few copies still read.
    expect(readDockerfile('Dockerfile', 'FROM kong:3.4.2\nENV A=ab\nENV B=$A$A\nENV C=${B}-$B\n').env.map((v) => v.value)).toEqual(['ab', 'abab', 'abab-abab']);
  });

  it('reads the = form, several pairs, a continuation with a comment, the legacy space form, and ARG defaults', () => {
    const env = read('Dockerfile.env').env;
    expect(env.map((v) => [v.name, v.value, v.origin.line, v.origin.column])).toEqual([
      ['KONG_DATABASE', 'postgres', 7, 5],
      ['KONG_PG_HOST', undefined, 9, 5],
      ['KONG_LOG_LEVEL', 'notice', 10, 5],
      ['KONG_PROXY_ACCESS_LOG', '/dev/stdout', 10, 35],
      ['KONG_PG_PASSWORD', 'kong-secret-in-image', 11, 5],
      ['KONG_PG_SSL_VERSION', 'tlsv1', 12, 5],
      // The legacy form takes the rest of the line, blanks included.
      ['KONG_ADMIN_LISTEN', '0.0.0.0:8001, 0.0.0.0:8444 ssl', 13, 5],
      ['NOT_KONG', '1', 14, 5],
    ]);
    // A build argument without default gives no value: named, never guessed.
    expect(env[1].unresolved).toEqual(['PGHOST']);
  });

  it('keeps only the last stage\'s ENV, inherited through FROM <stage>', () => {
    expect(read('Dockerfile.env-multistage').env.map((v) => [v.name, v.value])).toEqual([['KONG_DATABASE', 'off']]);
    const chained = readDockerfile('Dockerfile', 'FROM kong:2.8.1 AS base\nENV KONG_DATABASE=postgres KONG_PLUGINS=bundled\nFROM base\nENV KONG_PLUGINS=bundled,mine\n');
    expect(chained.env.map((v) => [v.name, v.value, v.origin.line])).toEqual([['KONG_DATABASE', 'postgres', 2], ['KONG_PLUGINS', 'bundled,mine', 4]]);
  });

  it('substitutes as docker does: values from before the instruction, ENV over ARG, quotes removed, a global ARG only when redeclared', () => {
    const text = [
      'ARG GLOBAL=from-global',
      'FROM kong:3.4.2',
      'ARG GLOBAL',
      'ARG NOTSEEN',
      'ENV A=one',
      'ENV A=two B=$A C="${GLOBAL}" D=\'$A\' E=x\\ y F=${MISSING:-fallback}',
    ].join('\n');
    const env = new Map(readDockerfile('Dockerfile', text).env.map((v) => [v.name, v.value]));
    expect(Object.fromEntries(env)).toEqual({ A: 'two', B: 'one', C: 'from-global', D: '$A', E: 'x y', F: 'fallback' });
    const unseen = readDockerfile('Dockerfile', 'ARG V=1\nFROM kong:3.4.2\nENV KONG_X=$V\n').env[0];
    expect([unseen.value, unseen.unresolved]).toEqual([undefined, ['V']]);
  });
});

describe('Kong packages in Dockerfile steps', () => {
  it('reads the edition and version of Kong\'s own package names', () => {
    expect(packages('curl -fL https://packages.konghq.com/public/gateway-39/deb/debian/pool/bullseye/main/k/ko/kong-enterprise-edition_3.9.0.1/kong-enterprise-edition_3.9.0.1_amd64.deb -o /tmp/kong.deb'))
      .toEqual([['kong-enterprise-edition', 'enterprise', '3.9.0.1', undefined]]);
    expect(packages('COPY kong-enterprise-edition-3.1.1.3.rhel8.amd64.rpm /tmp/kong.rpm')).toEqual([['kong-enterprise-edition', 'enterprise', '3.1.1.3', undefined]]);
    expect(packages('curl -fL .../rpm/el/9/x86_64/kong-3.9.3.el9.x86_64.rpm -o /tmp/kong.rpm')).toEqual([['kong', 'oss', '3.9.3', undefined]]);
    expect(packages('dpkg -i kong_2.8.1_amd64.deb')).toEqual([['kong', 'oss', '2.8.1', undefined]]);
    expect(packages('yum install -y kong-2.8.1.el7.amd64.rpm')).toEqual([['kong', 'oss', '2.8.1', undefined]]);
    expect(packages('apt-get update && apt-get install -y kong-enterprise-edition=3.4.3.5 && apt-mark hold kong-enterprise-edition')).toEqual([['kong-enterprise-edition', 'enterprise', '3.4.3.5', undefined]]);
    expect(packages('sudo yum install -y kong-enterprise-edition-3.6.0.0')).toEqual([['kong-enterprise-edition', 'enterprise', '3.6.0.0', undefined]]);
    expect(packages('apt-get install -y kong=2.8.1')).toEqual([['kong', 'oss', '2.8.1', undefined]]);
    expect(packages('curl -o kong-enterprise-edition-fips_3.4.3.5_arm64.deb https://x')).toEqual([['kong-enterprise-edition-fips', 'enterprise', '3.4.3.5', undefined]]);
    // Up to 1.1.x the open-source package was kong-community-edition (bitdrive/docker-images
    // kong/alpine/Dockerfile: bintray kong-community-edition-alpine-tar, KONG_VERSION 1.0.0).
    expect(packages('wget -O kong.tar.gz "https://bintray.com/kong/kong-community-edition-alpine-tar/download_file?file_path=kong-community-edition-1.0.0.apk.tar.gz"')).toEqual([['kong-community-edition', 'oss', '1.0.0', undefined]]);
    expect(packages('apt install -y ./kong-community-edition_0.13.1_all.deb')).toEqual([['kong-community-edition', 'oss', '0.13.1', undefined]]);
    expect(packages('yum install -y kong-community-edition-0.14.1')).toEqual([['kong-community-edition', 'oss', '0.14.1', undefined]]);
    // pearsontechnology/kong-docker-baseimage Dockerfile: the .deb names its Ubuntu release (pre-2.x bintray names).
    expect(packages('curl -LO https://bintray.com/kong/kong-community-edition-deb/download_file?file_path=dists/kong-community-edition-0.13.0.xenial.all.deb')).toEqual([['kong-community-edition', 'oss', '0.13.0', undefined]]);
    // Kong/docker-kong Dockerfile up to 0.13 (CentOS): bintray's file_path parameter holds the
    // folder and file with the slash URL-encoded.
    expect(packages('yum install -y wget https://bintray.com/kong/kong-community-edition-rpm/download_file?file_path=dists%2Fkong-community-edition-0.11.2.el7.noarch.rpm'))
      .toEqual([['kong-community-edition', 'oss', '0.11.2', undefined]]);
    expect(packages('curl -fL "https://x/download_file?file_path=rhel%2f7%2Fkong-${KONG_VERSION}.rhel7.amd64.rpm"')).toEqual([['kong', 'oss', undefined, ['KONG_VERSION']]]);
    expect(packages('dpkg -i kong-2.0.4.bionic.amd64.deb && dpkg -i kong-0.9.0.jessie_all.deb')).toEqual([['kong', 'oss', '2.0.4', undefined], ['kong', 'oss', '0.9.0', undefined]]);
  });

  it('names the edition without a version, and the variable that hides one', () => {
    expect(packages('apt-get install -y kong-enterprise-edition; rm -rf /var/lib/apt/lists/*')).toEqual([['kong-enterprise-edition', 'enterprise', undefined, undefined]]);
    expect(packages('curl https://x/kong-enterprise-edition_${KONG_VERSION}_amd64.deb')).toEqual([['kong-enterprise-edition', 'enterprise', undefined, ['KONG_VERSION']]]);
  });

  it('takes no other name or file for a Kong package', () => {
    expect(packages('luarocks install kong-oidc && luarocks install kong-plugin-jwt-keycloak 1.1.0-1')).toEqual([]);
    expect(packages('curl -O https://github.com/Kong/kong/archive/kong-3.4.0.tar.gz && curl lua-resty-kong-1.2.3.el8.rpm')).toEqual([]);
    expect(packages('pip install kong=2.8.1 && apt-get install -y kongfig')).toEqual([]);
    // Open-source Kong numbers releases in three fields: a fourth is not its version.
    expect(packages('cp kong-3.9.3.20.04.amd64.deb /tmp')).toEqual([]);
  });

  it('substitutes the stage\'s ARG and ENV values, and marks packages of a build stage', () => {
    const ee = read('Dockerfile.ee-deb').packages;
    expect(ee.map((p) => [p.written, p.version?.toString(), p.origin.line, p.buildStage])).toEqual([['kong-enterprise-edition_3.4.3.5_amd64.deb', '3.4.3.5', 5, undefined]]);
    const staged = readDockerfile('Dockerfile', 'FROM debian AS build\nRUN apt-get install -y kong=2.8.1\nFROM debian\nRUN echo nothing\n').packages;
    expect(staged.map((p) => p.buildStage)).toEqual(['build']);
  });
});

describe('Dockerfile ENV as kong.conf settings', () => {
  const layer = () => dockerfileConfLayer(read('Dockerfile.env').env)!;

  it('keeps KONG_* variables only, each at its Dockerfile line and variable name', () => {
    const conf = loadKongConf(undefined, {}, { layer: layer() });
    expect(conf.get('database')).toMatchObject({ value: 'postgres', envName: 'KONG_DATABASE', origin: { line: 7 } });
    expect(conf.get('admin_listen')?.value).toBe('0.0.0.0:8001, 0.0.0.0:8444 ssl');
    expect(conf.raw('not_kong')).toBeUndefined();
    // Set from a build argument: known to be set, value unreadable.
    expect(conf.get('pg_host')).toBeUndefined();
    expect(conf.raw('pg_host')?.unreadableFrom).toMatch(/ENV KONG_PG_HOST at Dockerfile\.env:9, which depends on PGHOST/);
    expect(conf.diagnostics.find((d) => d.kind === 'unreadable-value')).toMatchObject({ key: 'pg_host', origin: { line: 9 } });
  });

  it('never names a variable read out of a secret value, where a `$` typed in a password starts one', () => {
    // Shrunk from a fast-check counterexample (test/hardening/property-image-readers.test.ts): for
    // `ENV KONG_PG_PASSWORD $$s3cr3t-docker` the message named `s3cr3t`, part of the password.
    const env = readDockerfile('Dockerfile', 'FROM kong:3.4.2\nENV KONG_PG_PASSWORD $$s3cr3t-docker\nENV KONG_PG_HOST=$PGHOST\n').env;
    expect(env[0].unresolved).toEqual(['s3cr3t']);
    const conf = loadKongConf(undefined, {}, { layer: dockerfileConfLayer(env) });
    const messages = conf.diagnostics.filter((d) => d.kind === 'unreadable-value').map((d) => d.message);
    expect(messages).toEqual([
      expect.stringMatching(/^ENV KONG_PG_PASSWORD depends on a variable written inside its value \(not named: the value is a secret\), which has no value here/),
      expect.stringMatching(/^ENV KONG_PG_HOST depends on PGHOST, which has no value here/),
    ]);
    expect(JSON.stringify([messages, conf.raw('pg_password')?.unreadableFrom])).not.toContain('s3cr3t');
  });

  it('keeps the values a secret ENV replaced, and leaves unread a setting copied from a secret no Kong setting holds', () => {
    const text = 'ARG PG_PASSWORD=from-arg\nFROM kong:3.4.2\nARG PG_PASSWORD\nENV KONG_PG_PASSWORD=s3cr3t-docker\n'
      + 'ENV KONG_DATABASE=$KONG_PG_PASSWORD KONG_PG_PASSWORD=\nENV KONG_PG_USER=${PG_PASSWORD}\nENV KONG_LOG_LEVEL=\\$PG_PASSWORD\n';
    const env = new Map(readDockerfile('Dockerfile', text).env.map((v) => [v.name, v]));
    // A Kong secret copied elsewhere is read (the report hides it by value), and its earlier value is kept.
    expect(env.get('KONG_DATABASE')?.value).toBe('s3cr3t-docker');
    expect(env.get('KONG_PG_PASSWORD')).toMatchObject({ value: '', replacedSecretValues: ['s3cr3t-docker'] });
    // A build argument is no Kong setting: nothing would hide its copy.
    expect(env.get('KONG_PG_USER')).toMatchObject({ copiesSecret: true });
    expect(env.get('KONG_PG_USER')?.value).toBeUndefined();
    expect(env.get('KONG_LOG_LEVEL')?.value).toBe('$PG_PASSWORD');
    const conf = loadKongConf(undefined, {}, { layer: dockerfileConfLayer([...env.values()]) });
    expect(conf.raw('pg_password')?.overrides.map((s) => s.value)).toEqual(['s3cr3t-docker']);
    expect(conf.diagnostics.filter((d) => d.kind === 'unreadable-value').map((d) => d.message)).toEqual([
      expect.stringMatching(/^ENV KONG_PG_USER is built from a secret build argument or variable, whose value is never read into a setting/),
    ]);
  });

  it('loses to the environment given to the check, and beats kong.conf', () => {
    const confFile = join(mkdtempSync(join(tmpdir(), 'kp-dockerfile-')), 'kong.conf');
    writeFileSync(confFile, 'log_level = warn\ndatabase = off\n');
    const conf = loadKongConf(confFile, { KONG_LOG_LEVEL: 'debug' }, { layer: layer() });
    // The environment beats the image's ENV, which beats kong.conf; each replaced line is named.
    expect(conf.get('log_level')).toMatchObject({ value: 'debug', origin: { kind: 'env', env: 'KONG_LOG_LEVEL' } });
    expect(conf.get('log_level')!.overrides.map((o) => [o.origin.kind, (o.origin as { line?: number }).line])).toEqual([['file', 1], ['file', 10]]);
    expect(conf.diagnostics.find((d) => d.kind === 'env-overrides-file')).toMatchObject({ key: 'log_level', origin: { file: 'Dockerfile.env', line: 10 } });
    expect(conf.get('database')).toMatchObject({ value: 'postgres', origin: { file: 'Dockerfile.env', line: 7 } });
    expect(conf.diagnostics.find((d) => d.kind === 'layer-overrides-file' && d.key === 'database')).toMatchObject({ origin: { file: confFile, line: 2 } });
  });

  it('gives no layer for a Dockerfile without KONG_* ENV', () => {
    expect(dockerfileConfLayer(readDockerfile('Dockerfile', 'FROM kong:3.4.2\nENV PATH=/usr/local/bin\n').env)).toBeUndefined();
  });

  it('reads KONG_*_FILE as the official entrypoint does: set, unreadable', () => {
    const layered = dockerfileConfLayer(readDockerfile('Dockerfile', 'FROM kong:3.4.2\nENV KONG_PG_PASSWORD_FILE=/run/secrets/pg\n').env)!;
    expect(layered.settings).toEqual([expect.objectContaining({ key: 'pg_password', unreadableFrom: expect.stringContaining('ENV KONG_PG_PASSWORD_FILE'), envName: 'KONG_PG_PASSWORD' })]);
  });
});
