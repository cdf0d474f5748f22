// Kubernetes manifests for tests that give them with --image-file: one Deployment, one container.

export interface DeploymentSpec {
  /** The container's image (`kong:2.8.4`). */
  image: string;
  /** The Deployment's name (default `gateway`) and the container's (default `proxy`). */
  name?: string;
  container?: string;
  /** Lines under the container, already indented (env, command, args). */
  lines?: string[];
  /** `volumeMounts` entries and `volumes` entries, already indented. */
  volumeMounts?: string[];
  volumes?: string[];
}

/** The manifest's text, ending with a line break: `volumes` is its last section, so callers may append to its last entry. */
export function deploymentYaml(spec: DeploymentSpec): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${spec.name ?? 'gateway'}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    `        - name: ${spec.container ?? 'proxy'}`,
    `          image: ${spec.image}`,
    ...(spec.lines ?? []),
    ...(spec.volumeMounts ? ['          volumeMounts:', ...spec.volumeMounts] : []),
    ...(spec.volumes ? ['      volumes:', ...spec.volumes] : []),
    '',
  ].join('\n');
}
