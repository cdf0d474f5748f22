// The inputs a rule may declare. A rule names the inputs it needs; the engine runs it only when
// all of them are present, and lists it as not evaluated (with the loader's reason) otherwise.
// A new input source adds its field here and its name to INPUT_NAMES.

import type { KongConf } from '../inputs/kong-conf/types';
import type { BackupEvidence } from '../inputs/backup';
import type { EntitySource } from '../model/entities';
import type { LicenseInput } from '../inputs/license';
import type { DatabaseInput } from '../inputs/database/types';
import type { DeclarativeConfig } from '../inputs/declarative/types';
import type { NginxTemplate } from '../inputs/nginx/load';
import type { CustomPlugins, PluginCopiesNotRead } from '../inputs/plugins/types';
import type { KongImageRef } from '../inputs/images/image-ref';
import type { ControllerImageRef } from '../inputs/images/controller-image';
import type { KicIngressPath } from '../inputs/declarative/kic-ingresses';
import type { HostOs, HostResources } from '../inputs/host';
import type { ImageOs } from '../inputs/images/image-os';
import type { HelmShellHelpers } from '../inputs/helm/kong-chart';

export interface Inputs {
  kongConf?: KongConf;
  backup?: BackupEvidence;
  /** The Enterprise license candidates (KONG_LICENSE_DATA/PATH, the default file, database rows). */
  license?: LicenseInput;
  /**
   * Gateway entities (routes, plugins...) from declarative files and/or the database. Rules that
   * declare `entities` return visitors and see every source; findings carry each source's origin.
   */
  entities?: EntitySource[];
  /**
   * The Kong PostgreSQL database, read-only: migration ledger and lock, installed version range,
   * server version and role privileges, workspaces, license rows, data planes, plugin names.
   * Its entities also appear in `entities`.
   */
  database?: DatabaseInput;
  /** Declarative files (kong.yml, decK state) as files: format version, flavour, collections. */
  declarative?: DeclarativeConfig;
  /** Custom nginx templates from `--nginx-template` (the `--nginx-conf` file and kept include copies). */
  nginxTemplates?: NginxTemplate[];
  /** Custom plugin sources from `--plugin-dir` (and lua_package_path folders found on this machine). */
  customPlugins?: CustomPlugins;
  /** The Dockerfile steps that put plugin code where Kong loads it but were not read (absent sources, misplaced folders). */
  pluginCopiesNotRead?: PluginCopiesNotRead;
  /** Kong images named by Dockerfiles, compose files, manifests (`--image-file`) and Helm values. */
  images?: KongImageRef[];
  /** Kong Ingress Controller images named by Helm values and `--image-file` manifests or compose files. */
  controllers?: ControllerImageRef[];
  /**
   * Paths of the Ingresses the Kong Ingress Controller serves in `--image-file` manifests (those
   * of `--declarative` manifests are in `declarative`), with what decides how Kong reads them.
   */
  kicIngressPaths?: KicIngressPath[];
  /** The Kong chart's pod helpers that run a shell in the Kong image, read from `--helm-values`. */
  helmHelpers?: HelmShellHelpers;
  /** The Kong host's distribution (`--host` reads /etc/os-release; `--os NAME-VERSION`). */
  os?: HostOs;
  /**
   * Without --host or --os: the base OS of the Kong image the node runs and of the image each hop
   * moves to, when the image is one of Kong's and the facts name those bases.
   */
  imageOs?: ImageOs;
  /** The Kong host's memory and CPUs (`--host`). */
  host?: HostResources;
}

export type InputName = keyof Inputs;

export const INPUT_NAMES: readonly InputName[] = ['kongConf', 'backup', 'license', 'entities', 'database', 'declarative', 'customPlugins', 'pluginCopiesNotRead', 'nginxTemplates', 'images', 'controllers', 'kicIngressPaths', 'helmHelpers', 'os', 'imageOs', 'host'];

/** Why an input is missing, keyed by input name: "no kong.conf given", "declarative_config names /etc/kong/kong.yml, absent here". */
export type MissingInputReasons = Partial<Record<InputName, string>>;
