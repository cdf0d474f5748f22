// Where each Kubernetes workload kind keeps its pod spec (the Kubernetes API: a Pod's own `spec`;
// the pod `template` of controllers; a CronJob's job template), OpenShift's DeploymentConfig
// included. Data only: read by the container environment reader and by the reader that tells a
// decK Job's ConfigMap from Kong's.

export const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod spec path of a workload kind; undefined for other kinds (inherited keys never count). */
export function podSpecPathOf(kind: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
}
