// Turns the `ENV KONG_*` variables of a Dockerfile's last stage into kong.conf settings for the
// kong.conf loader. Kong reads them as it reads any `KONG_*` variable (`overrides()` in Kong/kong
// kong/conf_loader/parse.lua@3.9.3), so they beat kong.conf; each setting keeps its Dockerfile
// line and the variable's name.
//
// Precedence: what the container is started with (`docker run -e`, compose `environment:`, a
// Kubernetes container's `env`) replaces the image's ENV, so the loader lays this layer under the
// containers' environment (./container-conf-layer.ts), the Helm values' `env:` and the `KONG_*`
// variables given to the check (src/installation.ts). A value built from a variable without a
// value here is known to be set but unreadable, never guessed.

import type { ConfLayer } from '../kong-conf/load';
import type { DockerfileEnv } from './dockerfile';
import { markDockerfileEnv } from './dockerfile-setting';
import { unresolvedNames, variablesConfLayer } from './variables-conf-layer';

/** The layer of the Dockerfiles' `ENV KONG_*` variables (a later file wins), or undefined when they set none. */
export function dockerfileConfLayer(variables: readonly DockerfileEnv[]): ConfLayer | undefined {
  const layer = variablesConfLayer(variables.map((variable) => ({
    name: variable.name,
    label: `ENV ${variable.name}`,
    origin: variable.origin,
    ...(variable.replacedSecretValues ? { replacedValues: variable.replacedSecretValues } : {}),
    ...(variable.value !== undefined ? { value: variable.value } : { unreadable: dependsOn(variable) }),
  })));
  // Rules tell the image's own variables from those a container is started with (conf/unknown-property).
  const readByBuild = new Set(variables.filter((variable) => variable.readByBuild).map((variable) => variable.name));
  for (const setting of layer?.settings ?? []) markDockerfileEnv(setting, setting.envName !== undefined && readByBuild.has(setting.envName));
  return layer;
}

/** `depends on PGHOST, which has no value here (a build argument without default, or set by the base image)`. */
function dependsOn(variable: DockerfileEnv): string {
  if (variable.copiesSecret) return 'is built from a secret build argument or variable, whose value is never read into a setting';
  const names = unresolvedNames(variable.name, variable.unresolved);
  return `depends on ${names.text}, which ${names.plural ? 'have' : 'has'} no value here (a build argument without default, or a variable the base image sets)`;
}
