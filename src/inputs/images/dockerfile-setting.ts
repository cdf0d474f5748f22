// Marks the kong.conf settings that a Dockerfile's `ENV KONG_*` line gives the image, so rules can
// tell them from a container's environment or a Helm `env:` entry. Kept apart from
// ./dockerfile-conf-layer.ts, which loads only when a Dockerfile is given, so rules can ask cheaply.

import type { ConfSetting } from '../kong-conf/types';

/** A setting that comes from a Dockerfile `ENV` line (the image's environment). */
export interface DockerfileEnvSetting extends ConfSetting {
  dockerfileEnv: true;
}

/** Marks `setting` as set by a Dockerfile `ENV` line. */
export function markDockerfileEnv(setting: ConfSetting): void {
  (setting as DockerfileEnvSetting).dockerfileEnv = true;
}

/** True when a Dockerfile `ENV` line sets the setting (a `docker run -e` or compose entry over it does not). */
export function isDockerfileEnv(setting: ConfSetting): boolean {
  return (setting as Partial<DockerfileEnvSetting>).dockerfileEnv === true;
}
