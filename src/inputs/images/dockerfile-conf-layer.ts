// Turns the `ENV KONG_*` variables of a Dockerfile's last stage into kong.conf settings for the
// kong.conf loader. Kong reads them as it reads any `KONG_*` variable (`overrides()` in Kong/kong
// kong/conf_loader/parse.lua@3.9.3), so they beat kong.conf; each setting keeps its Dockerfile
// line and the variable's name.
//
// Precedence: what the container is started with (`docker run -e`, compose `environment:`, a
// Kubernetes container's `env`) replaces the image's ENV, so the loader lays this layer under the
// Helm values' `env:` and under the `KONG_*` variables given to the check
// (src/installation.ts). A value built from a variable without a value here is known to be set
// but unreadable, never guessed.

import { fileEnvTarget } from '../../knowledge/conf/env-file-convention';
import { envNameFor, kongPropertyOf } from '../env';
import { trimLuaSpace } from '../kong-conf/comments';
import type { ConfLayer } from '../kong-conf/load';
import type { ConfDiagnostic, ConfSetting } from '../kong-conf/types';
import type { DockerfileEnv } from './dockerfile';

/** The layer of the Dockerfiles' `ENV KONG_*` variables (a later file wins), or undefined when they set none. */
export function dockerfileConfLayer(variables: readonly DockerfileEnv[]): ConfLayer | undefined {
  const kong = variables.filter((variable) => kongPropertyOf(variable.name) !== undefined);
  if (kong.length === 0) return undefined;
  const byKey = new Map<string, ConfSetting>();
  const diagnostics: ConfDiagnostic[] = [];
  const fileReferences: { variable: DockerfileEnv; property: string }[] = [];
  const set = (setting: ConfSetting) => {
    byKey.delete(setting.key);
    byKey.set(setting.key, setting);
  };
  for (const variable of kong) {
    const key = kongPropertyOf(variable.name)!;
    const property = variable.value !== '' ? fileEnvTarget(key) : undefined;
    if (property) {
      fileReferences.push({ variable, property });
    } else if (variable.value === undefined) {
      diagnostics.push({ kind: 'unreadable-value', key, origin: variable.origin, message: `ENV ${variable.name} ${dependsOn(variable)}: its value cannot be read here, so no rule checked \`${key}\`` });
      set({ key, value: '', rawValue: '', unreadableFrom: `ENV ${variable.name} at ${at(variable)}, which ${dependsOn(variable)}`, origin: variable.origin, envName: variable.name, overrides: [] });
    } else {
      set({ key, value: trimLuaSpace(variable.value), rawValue: variable.value, origin: variable.origin, envName: variable.name, overrides: [] });
    }
  }
  // KONG_<PROPERTY>_FILE: the official image's entrypoint reads the file into KONG_<PROPERTY>
  // (src/knowledge/conf/env-file-convention.ts), and refuses to start when both are set.
  for (const { variable, property } of fileReferences) {
    const direct = byKey.get(property);
    if (direct && (direct.rawValue !== '' || direct.unreadableFrom)) {
      diagnostics.push({ kind: 'file-env-conflict', key: property, origin: variable.origin, message: `${envNameFor(property)} and ${variable.name} are both set: the official Kong image's entrypoint refuses this and exits before Kong starts (keep one of them)` });
      continue;
    }
    diagnostics.push({ kind: 'unreadable-value', key: property, origin: variable.origin, message: `ENV ${variable.name} names a file that the official Kong image reads into ${envNameFor(property)} before Kong starts: its content cannot be read here, so no rule checked \`${property}\`` });
    set({ key: property, value: '', rawValue: '', unreadableFrom: `the file named by ENV ${variable.name} at ${at(variable)}`, origin: variable.origin, envName: envNameFor(property), overrides: [] });
  }
  return { settings: [...byKey.values()], diagnostics, anchor: { ...kong[0].origin } };
}

function at(variable: DockerfileEnv): string {
  return `${variable.origin.file}:${variable.origin.line}`;
}

/** `depends on PGHOST, which has no value here (a build argument without default, or set by the base image)`. */
function dependsOn(variable: DockerfileEnv): string {
  const names = variable.unresolved.join(', ');
  return `depends on ${names}, which ${variable.unresolved.length > 1 ? 'have' : 'has'} no value here (a build argument without default, or a variable the base image sets)`;
}
