// Turns `KONG_*` variables that a file gives the Kong container (a Dockerfile's ENV, a compose
// service's environment, a Kubernetes container's env) into kong.conf settings, each at the line
// that sets it and under the variable's name. A value this tool cannot read (a build argument,
// the shell that runs docker compose, a Secret) is known to be set and never guessed.

import { fileEnvTarget } from '../../knowledge/conf/env-file-convention';
import { isSecretName } from '../../knowledge/conf/sensitive';
import type { FileOrigin } from '../../model/origin';
import { envNameFor, kongPropertyOf } from '../env';
import { trimLuaSpace } from '../kong-conf/comments';
import { sameEffectiveValue, type ConfLayer } from '../kong-conf/load';
import type { ConfDiagnostic, ConfSetting } from '../kong-conf/types';

export interface LayerVariable {
  name: string;
  /** The value the container gets; undefined when it cannot be read here. May be a secret: never put it in a message. */
  value?: string;
  /**
   * Values the same file gave this variable before (a Dockerfile's earlier `ENV` of a secret), kept
   * so the report's hiding by value still knows them. Never put them in a message.
   */
  replacedValues?: string[];
  /** Why the value cannot be read, as a phrase after the variable (`comes from Secret kong (key pg)`). */
  unreadable?: string;
  /** How messages name the variable: `ENV KONG_PG_HOST`, `environment KONG_PG_HOST of service kong`. */
  label: string;
  /** Variables without a value here whose defaults made the value (ConfSetting.defaultedFrom). */
  defaultedFrom?: readonly string[];
  /** The container's own command reads the variable (ConfSetting.readByCommand). */
  readByCommand?: string;
  origin: FileOrigin;
}

export interface VariablesLayerOptions {
  /**
   * Name a variable that a later one of the same name replaces (a compose `environment:` entry
   * over an `env_file` line), as the loader names a kong.conf line a layer replaces.
   */
  reportReplaced?: boolean;
}

/** The layer of the variables' `KONG_*` settings, a later variable winning; undefined when none is a Kong variable. */
export function variablesConfLayer(variables: readonly LayerVariable[], options: VariablesLayerOptions = {}): ConfLayer | undefined {
  const kong = variables.filter((variable) => kongPropertyOf(variable.name) !== undefined);
  if (kong.length === 0) return undefined;
  const byKey = new Map<string, ConfSetting>();
  const diagnostics: ConfDiagnostic[] = [];
  const fileReferences: { variable: LayerVariable; property: string }[] = [];
  const set = (setting: ConfSetting, label: string) => {
    const below = byKey.get(setting.key);
    byKey.delete(setting.key);
    if (below) {
      if (options.reportReplaced && !sameEffectiveValue(setting, below)) diagnostics.push({ kind: 'layer-overrides-file', key: setting.key, origin: below.origin, message: `\`${setting.key}\` is overridden by ${label} at ${at(setting.origin as FileOrigin)}` });
      // Kept even when not named: a replaced secret's value must stay known to the report's
      // hiding (`ENV KONG_DATABASE=$KONG_PG_PASSWORD KONG_PG_PASSWORD=` moves it elsewhere).
      setting.overrides = [...below.overrides, below, ...setting.overrides];
    }
    byKey.set(setting.key, setting);
  };
  for (const variable of kong) {
    const key = kongPropertyOf(variable.name)!;
    const property = variable.value !== '' && variable.unreadable === undefined ? fileEnvTarget(key) : undefined;
    if (property) {
      fileReferences.push({ variable, property });
    } else if (variable.value === undefined) {
      diagnostics.push({ kind: 'unreadable-value', key, origin: variable.origin, message: `${variable.label} ${variable.unreadable ?? 'cannot be read'}: its value cannot be read here, so no rule checked \`${key}\`` });
      set({ key, value: '', rawValue: '', unreadableFrom: `${variable.label} at ${at(variable.origin)}, which ${variable.unreadable ?? 'cannot be read'}`, origin: variable.origin, envName: variable.name, overrides: replacedSettings(key, variable) }, variable.label);
    } else {
      set({
        key, value: trimLuaSpace(variable.value), rawValue: variable.value, origin: variable.origin, envName: variable.name, overrides: replacedSettings(key, variable),
        ...(variable.defaultedFrom?.length ? { defaultedFrom: variable.defaultedFrom } : {}),
        ...(variable.readByCommand ? { readByCommand: variable.readByCommand } : {}),
      }, variable.label);
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
    diagnostics.push({ kind: 'unreadable-value', key: property, origin: variable.origin, message: `${variable.label} names a file that the official Kong image reads into ${envNameFor(property)} before Kong starts: its content cannot be read here, so no rule checked \`${property}\`` });
    set({ key: property, value: '', rawValue: '', unreadableFrom: `the file named by ${variable.label} at ${at(variable.origin)}`, origin: variable.origin, envName: envNameFor(property), overrides: [] }, variable.label);
  }
  return { settings: [...byKey.values()], diagnostics, anchor: { ...kong[0].origin } };
}

/** The values a variable replaced within its own file, as the settings it overrides (for the hiding only). */
function replacedSettings(key: string, variable: LayerVariable): ConfSetting[] {
  return (variable.replacedValues ?? []).map((value) => ({ key, value: trimLuaSpace(value), rawValue: value, origin: variable.origin, envName: variable.name, overrides: [] }));
}

function at(origin: FileOrigin): string {
  return `${origin.file}:${origin.line}`;
}

/**
 * How a message names the variables without a value that `variable`'s value refers to. A secret's
 * are left unnamed: a `$` typed inside a password (`pa$word`) makes the rest of it read as a
 * variable's name, and naming that would print part of the password.
 */
export function unresolvedNames(variable: string, unresolved: readonly string[]): { text: string; plural: boolean } {
  if (isSecretName(variable)) return { text: 'a variable written inside its value (not named: the value is a secret)', plural: false };
  return { text: unresolved.join(', '), plural: unresolved.length > 1 };
}
