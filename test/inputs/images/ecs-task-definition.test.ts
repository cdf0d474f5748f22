// Amazon ECS task definitions given with --image-file: the Kong container's environment, secrets,
// command and mounts are read as a compose service's or a Kubernetes container's are, from the
// three shapes that hold container definitions (a task definition JSON, a CloudFormation
// template, a bare list kept for Terraform).

import { join } from 'node:path';
import { readImageFiles } from '../../../src/inputs/images/load';
import { runCli, fixture } from '../../support/cli';
import { tempDir } from '../../support/temp';

const ecs = (name: string) => fixture('platform', 'ecs', name);

describe('ECS task definitions', () => {
  it('reads each container definition of a task definition: variables, secrets as unreadable, env files as notes, the command', () => {
    const read = readImageFiles([ecs('task-definition.json')]);
    const containers = read.containerEnv.containers;
    expect(containers.map((c) => [c.platform, c.unit, c.kongImage, c.oneShot])).toEqual([
      ['ecs', 'container kong-migrations of task definition kong-gateway', true, 'it runs `kong migrations up`'],
      ['ecs', 'container kong of task definition kong-gateway', true, undefined],
    ]);
    const kong = containers[1];
    expect(kong.variables.map((v) => [v.name, v.value, v.origin.line])).toEqual([
      ['KONG_DATABASE', 'cassandra', 19], ['KONG_CASSANDRA_CONTACT_POINTS', 'cassandra.internal', 20], ['KONG_ADMIN_LISTEN', '0.0.0.0:8001', 21],
      ['KONG_PG_PASSWORD', undefined, 24],
    ]);
    expect(kong.variables[3].unreadable).toMatch(/^comes from arn:aws:secretsmanager:.*kong-pg \(Secrets Manager or the SSM Parameter Store\) when the task starts$/);
    expect(kong.notes.map((n) => [n.origin.line, n.message])).toEqual([[26, expect.stringContaining('reads the environment file arn:aws:s3:::kong-config/kong.env from S3')]]);
  });

  it('reads CloudFormation\'s capitalised keys, its functions as unreadable, the working folder and mounts, and its Image as the Kong image', () => {
    const read = readImageFiles([ecs('cloudformation.yaml')]);
    const [kong] = read.containerEnv.containers;
    expect(kong.unit).toBe('container kong of task definition kong-cp');
    expect(kong.variables.map((v) => [v.name, v.value ?? v.unreadable])).toEqual([
      ['KONG_ROLE', 'control_plane'], ['KONG_PG_HOST', 'is a CloudFormation function, resolved when the stack is deployed'], ['KONG_PROXY_LISTEN', 'off'],
    ]);
    expect(kong.run?.workingDir).toBe('/opt/kong');
    expect(kong.opaqueMounts?.map((m) => [m.what, m.target])).toEqual([['volume certs of the task', '/etc/kong/cluster']]);
    expect(read.images.map((i) => [i.reference, i.edition, i.origin.line])).toEqual([['kong/kong-gateway:3.4.3.5', 'enterprise', 13]]);
  });

  it('reads a bare list of container definitions, a template placeholder as unreadable, and takes no other list of names and images for one', () => {
    const [kong] = readImageFiles([ecs('container-definitions.json.tpl')]).containerEnv.containers;
    expect(kong.unit).toBe('container definition kong');
    expect(kong.variables.map((v) => [v.name, v.value ?? v.unreadable])).toEqual([
      ['KONG_DATABASE', 'holds a template placeholder (${kong_database}) filled when the file is rendered'], ['KONG_PG_HOTS', 'db'],
    ]);
    const dir = tempDir({ 'images.yaml': '- name: kong\n  image: kong:3.4\n- name: db\n  image: postgres:15\n' });
    expect(readImageFiles([join(dir, 'images.yaml')]).containerEnv.containers).toEqual([]);
  });
});

describe('check --image-file with an ECS task definition', () => {
  it('checks the Kong container\'s settings: Cassandra is a blocker on the way to 3.4', async () => {
    const result = await runCli(['check', '--image-file', ecs('task-definition.json'), '--to', '3.4', '--no-db', '--no-config', '--format', 'json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: { ruleId: string; severity: string; location: { file?: string; line?: number } }[]; installation: { inputs: { label: string }[] } };
    expect(report.findings.filter((f) => f.severity === 'blocker').map((f) => [f.ruleId, f.location.line])).toEqual([['conf/cassandra-removed', 19]]);
    expect(report.installation.inputs[0].label).toContain('environment of container kong of task definition kong-gateway read as settings; container kong-migrations of task definition kong-gateway not read: it runs `kong migrations up`');
    // The secret's ARN is named; no value is read, so none can be printed.
    expect(result.stdout).toContain('arn:aws:secretsmanager:eu-west-1:123456789012:secret:kong-pg');
  });
});
