// Marks the kong.conf settings that a Dockerfile's `ENV KONG_*` line gives the image, so rules can
// tell them from a container's environment or a Helm `env:` entry. Kept apart from
// ./dockerfile-conf-layer.ts, which loads only when a Dockerfile is given, so rules can ask cheaply.

import type { ConfSetting } from '../kong-conf/types';

/** A setting that comes from a Dockerfile `ENV` line (the image's environment). */
export interface DockerfileEnvSetting extends ConfSetting {
  dockerfileEnv: true;
  /** The Dockerfile's own instructions read the variable (`$KONG_PLUGIN_VER` in a RUN line). */
  readByBuild?: boolean;
}

/** Marks `setting` as set by a Dockerfile `ENV` line, and whether the build reads it. */
export function markDockerfileEnv(setting: ConfSetting, readByBuild = false): void {
  (setting as DockerfileEnvSetting).dockerfileEnv = true;
  if (readByBuild) (setting as DockerfileEnvSetting).readByBuild = true;
}

/** True when a Dockerfile `ENV` line sets the variable and another instruction of the file reads it. */
export function isReadByBuild(setting: ConfSetting): boolean {
  return isDockerfileEnv(setting) && (setting as Partial<DockerfileEnvSetting>).readByBuild === true;
}

/** True when a Dockerfile `ENV` line sets the setting (a `docker run -e` or compose entry over it does not). */
export function isDockerfileEnv(setting: ConfSetting): boolean {
  return (setting as Partial<DockerfileEnvSetting>).dockerfileEnv === true;
}
