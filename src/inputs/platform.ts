// Loads the platform inputs of a check: Helm values (as a kong.conf layer, an image, an edition
// and a deployment mode), image files, and the host (`--host`: os-release, memory, CPUs; or
// `--os`). installation.ts calls this once and uses what it derives when no flag says otherwise.

import { resolve } from 'node:path';
import type { MissingInputReasons } from '../engine/inputs';
import type { Derived } from '../report/report';
import { helmConfLayer } from './helm/conf-layer';
import { helmControllerClass, helmControllerImage, helmControllerOff, helmControllerOn, helmDeployment, helmEdition, helmEnvEntries, helmFreeMode, helmImage, helmLicenseSecret, helmNoGateway, helmShellHelpers, readChartValues, type HelmDeployment, type HelmImage, type HelmShellHelpers } from './helm/kong-chart';
import type { HelmValues } from './helm/values';
import type { ChartPlugin } from './helm/chart-plugins';
import type { HelmfileContext } from './helm/helmfile-env';
import { activeComposeProfiles, type ComposeProfiles } from './images/compose-profiles';
import type { ControllerImageRef } from './images/controller-image';
import type { ComposeEnvFiles } from './images/compose-env-files';
import type { BindMount, OpaqueMount } from './images/compose-mounts';
import type { ObjectMount, VolumeObject } from './images/kubernetes-mounts';
import { describeImage, parseKongImage, type KongImageRef } from './images/image-ref';
import type { KongPackageRef } from './images/kong-package';
import { runConf, type RunConf } from './images/run-conf';
import { chartStockTemplatesWhy, nodeTemplates } from './images/stock-templates';
import { controllerModule, readImageFiles, type DockerfileCopies, type ImageFiles, type UnreadOverride, type UnresolvedImage } from './images/load';
import type { ContainerEnv } from './images/container-env';
import type { ControllerIngressClass } from './declarative/kic-controller-class';
import type { KicIngressPath } from './declarative/kic-ingresses';
import type { ConfDiagnostic } from './kong-conf/types';
import { parseOsFlag, readHostResources, readOsRelease, type HostOs, type HostResources } from './host';
import type { ConfLayer } from './kong-conf/load';
import type { LicenseCandidate, LicenseInput } from './license';
import type { Role } from '../plan/types';
import { onSameLine, fileOrigin } from '../model/origin';
import { KONG_DEFAULT_CONF_PATHS } from '../knowledge/conf/default-conf-paths';
import { isFile } from './file-kind';

export interface PlatformOptions {
  helmValues?: string[];
  /** `--helmfile-environment` and the check's environment variables, for a helmfile given as --helm-values. */
  helmfile?: HelmfileContext;
  imageFiles?: string[];
  /** `--systemd-unit`: Kong systemd units, read with their drop-ins and EnvironmentFiles (src/inputs/systemd/). */
  systemdUnits?: string[];
  /** The kong.conf and templates given to the check, to say when a unit names others. */
  systemdGiven?: import('./systemd/conf-layer').SystemdGiven;
  /** The check runs on the Kong host: read its OS, memory and CPUs. */
  host?: boolean;
  os?: string;
  /** `--role`: of several Kong containers in the image files, read the one with this KONG_ROLE. */
  role?: Role;
  /** `--profile`, else COMPOSE_PROFILES of the check's environment: the compose profiles docker compose activates. */
  composeProfiles?: ComposeProfiles;
  /** COMPOSE_FILE and COMPOSE_PATH_SEPARATOR of the check's environment, and the folder the check runs in. */
  composeFileEnv?: { env: Record<string, string | undefined>; cwd: string; envFiles?: ComposeEnvFiles };
  /** Test hooks: where `--host` reads from. */
  hostPaths?: { osRelease?: string; meminfo?: string; cpus?: number; arch?: string; systemdDirs?: string[]; kongConfPaths?: string[] };
}

export interface PlatformInputs {
  helm?: HelmValues;
  /** The custom plugins the Helm values have the chart mount from ConfigMaps and Secrets (./helm/chart-plugins.ts). */
  chartPlugins?: ChartPlugin[];
  /** The ConfigMaps and Secrets of the manifests given with --image-file, whatever container mounts them. */
  manifestObjects?: VolumeObject[];
  layer?: ConfLayer;
  /** The `ENV KONG_*` lines of the Dockerfiles' last stages, as settings under `layer` (src/inputs/images/dockerfile-conf-layer.ts). */
  dockerfileLayer?: ConfLayer;
  /**
   * The environment of the compose service or Kubernetes container that runs Kong, as settings
   * over `dockerfileLayer` (src/inputs/images/container-conf-layer.ts).
   */
  containerLayer?: ConfLayer;
  /** The `KONG_*` environment of the systemd units given (src/inputs/systemd/conf-layer.ts). */
  systemdLayer?: ConfLayer;
  /** The --nginx-template files a systemd unit starts Kong with as `--nginx-conf`, with who does. */
  nginxConfGiven?: { template: string; by: string }[];
  /** Kong installed from a package in a Dockerfile step. */
  packages: KongPackageRef[];
  images: KongImageRef[];
  /** The images the Kong container runs (build stages left out; the chosen container's alone when one was chosen). */
  running: KongImageRef[];
  /** Kong Ingress Controller images (Helm values, manifests, compose files): not the gateway. */
  controllers: ControllerImageRef[];
  /** The ingress classes the controller is started with, as --image-file manifests and the Helm values say (src/inputs/declarative/kic-controller-class.ts). */
  controllerClasses?: ControllerIngressClass[];
  /** The Ingress paths of --image-file manifests the controller passes to Kong as written (./images/manifest-ingresses.ts). */
  kicIngressPaths?: KicIngressPath[];
  os?: HostOs;
  host?: HostResources;
  listed: { kind: string; label: string }[];
  missing: MissingInputReasons;
  edition?: Derived;
  deployment?: HelmDeployment;
  /**
   * The running version an image tag or an installed package implies, for a missing `--from`;
   * `saidBy` names it in messages (`the image kong:2.8.1 at Dockerfile:1`).
   */
  version?: { text: string; reason: string; saidBy: string; image?: KongImageRef };
  /** Why the images give no version (`image kong:3 at Dockerfile:1 names no exact version`). */
  versionUnknown?: string;
  /** The Helm values write an image this tool cannot read (a template, another repository): why. */
  helmImageUnread?: string;
  /** A chart release named beside the values whose default images are not known (a range, an unknown release): why. */
  helmReleaseUnknown?: string;
  /** The Helm values turn the ingress controller off: where. */
  helmControllerOff?: string;
  /** The Helm values run the ingress controller (written, or the chart's default): why. */
  helmControllerOn?: string;
  /** The Helm values belong to another chart and were set aside: nothing in `layer` but that diagnostic. */
  helmSetAside?: string;
  /**
   * The Helm values run no Kong container (`deployment.kong.enabled: false`): why. Only their
   * ingress controller is read; no layer, image, edition or deployment mode comes from them.
   */
  helmNoGateway?: string;
  /** Licenses the chart wires from Secrets: known to exist, unreadable here. */
  licenseCandidates: LicenseCandidate[];
  /** The chart's helpers that run a shell in the Kong image, as the Helm values leave them. */
  helmHelpers?: HelmShellHelpers;
  /** The values turn Enterprise features off (`enterprise.enabled: false`): free mode without a license. */
  freeMode?: LicenseInput['freeMode'];
  /** Secret values of the check's environment that compose files may copy: the report hides them. */
  secretValues?: string[];
  /** The bind mounts of the compose service read as the Kong node: where its container paths lie in the project. */
  containerMounts?: { unit: string; mounts: BindMount[]; opaque?: OpaqueMount[] };
  /**
   * The ConfigMap and Secret volumes the Kubernetes container read as the Kong node mounts, its
   * namespace, and the ConfigMaps and Secrets of the manifests given, whose keys those volumes show.
   */
  containerObjectMounts?: { unit: string; mounts: ObjectMount[]; namespace?: string; objects?: VolumeObject[] };
  /**
   * The COPY and ADD steps of the Dockerfile whose last stage is the image Kong runs, to find the
   * project file behind a container path.
   */
  imageCopies?: DockerfileCopies;
  /** Why the Kong container renders Kong's own nginx templates, when the files read show it (./images/stock-templates.ts). */
  stockTemplates?: string;
  /** Why it may render other templates, when a file read shows something that may bring them (same module). */
  templatesOpen?: string;
  /** The `--nginx-conf` the Kong container is started with (a path inside it), and who passes it where. */
  nginxConfStart?: { path: string; by: string };
  /**
   * The kong.conf the Kong container is started with (`-c`): the image's CMD or ENTRYPOINT, as
   * the compose service's `command:` and `entrypoint:` leave them (./images/run-conf.ts). Absent
   * when neither a Dockerfile nor a compose service was read.
   */
  runConf?: RunConf;
}

/**
 * The Dockerfile that builds the image Kong runs: the one the chosen compose service builds
 * (`build:`), none when that service runs an image it does not build; without a compose service,
 * the one Dockerfile read that has a last stage (with several, which one runs is not known).
 */
function runningDockerfileCopies(read: ImageFiles, chosen: ContainerEnv | undefined): DockerfileCopies | undefined {
  if (chosen) {
    const build = chosen.buildDockerfile;
    return build ? read.dockerfileCopies.find((entry) => resolve(entry.file) === resolve(build.path)) : undefined;
  }
  return read.dockerfileCopies.length === 1 ? read.dockerfileCopies[0] : undefined;
}

export function loadPlatformInputs(options: PlatformOptions): PlatformInputs {
  const result: PlatformInputs = { images: [], running: [], controllers: [], packages: [], listed: [], missing: {}, licenseCandidates: [] };
  if (options.helmValues?.length) readHelm(options.helmValues, result, options.helmfile);
  if (options.systemdUnits?.length) readSystemd(options.systemdUnits, options.systemdGiven ?? {}, result);
  let unresolved: UnresolvedImage[] = [];
  let chosenImage: KongImageRef | undefined;
  if (options.imageFiles?.length) {
    const read = readImageFiles(options.imageFiles, options.composeFileEnv ?? {});
    result.images.push(...read.images);
    result.packages.push(...read.packages);
    result.controllers.push(...read.controllers);
    unresolved = read.unresolved;
    if (read.secretValues) result.secretValues = [...(result.secretValues ?? []), ...read.secretValues];
    if (read.manifests) {
      // Loaded only when an image file is a manifest.
      const { manifestIngresses } = require('./images/manifest-ingresses') as typeof import('./images/manifest-ingresses');
      const ingresses = manifestIngresses(read.manifests, result.controllerClasses?.[0]);
      result.controllerClasses = ingresses.classes;
      if (ingresses.paths.length > 0) result.kicIngressPaths = ingresses.paths;
    }
    // Loaded only when a Dockerfile sets variables: most checks give no image file.
    const { dockerfileConfLayer } = require('./images/dockerfile-conf-layer') as typeof import('./images/dockerfile-conf-layer');
    const layer = dockerfileConfLayer(read.dockerfileEnv);
    if (layer) result.dockerfileLayer = layer;
    const { containerConfLayer } = require('./images/container-conf-layer') as typeof import('./images/container-conf-layer');
    const container = containerConfLayer(read.containerEnv, options.role, options.composeProfiles ?? dotEnvProfiles(read.projectEnv));
    const overrideNotes = (read.unreadOverrides ?? []).map(unreadOverrideDiagnostic);
    if (container.layer) result.containerLayer = { ...container.layer, diagnostics: [...container.layer.diagnostics, ...overrideNotes] };
    const copies = runningDockerfileCopies(read, container.chosen);
    if (copies) result.imageCopies = copies;
    const templates = nodeTemplates(container.chosen, copies);
    if (templates.stock) result.stockTemplates = templates.stock;
    if (templates.open) result.templatesOpen = templates.open;
    if (templates.nginxConf) result.nginxConfStart = templates.nginxConf;
    if (container.chosen?.mounts || container.chosen?.opaqueMounts) {
      const { unit, mounts = [], opaqueMounts } = container.chosen;
      result.containerMounts = { unit, mounts, ...(opaqueMounts ? { opaque: opaqueMounts } : {}) };
    }
    if (read.containerEnv.volumeObjects) result.manifestObjects = read.containerEnv.volumeObjects;
    if (container.chosen?.objectMounts) {
      const { namespace } = container.chosen;
      const objects = read.containerEnv.volumeObjects;
      result.containerObjectMounts = { unit: container.chosen.unit, mounts: container.chosen.objectMounts, ...(namespace ? { namespace } : {}), ...(objects ? { objects } : {}) };
    }
    // A service running one of Kong's images unbuilt: they set no WORKDIR and run no -c
    // (Kong/kong build/dockerfiles/deb.Dockerfile@22246ef line 46), so a relative -c starts at /.
    const imageRun = copies?.run ?? (container.chosen?.kongImage ? { workdir: '/' } : undefined);
    if (imageRun || container.chosen?.run) result.runConf = runConf(imageRun, container.chosen?.run);
    // The container read (the data plane under --role data_plane) runs this image: its version
    // and edition are the node's, whichever image the file names first.
    const imageAt = container.chosen?.imageOrigin;
    chosenImage = imageAt && result.images.find((image) => !image.buildStage && onSameLine(image.origin, imageAt));
    for (const file of read.files) {
      const merged = read.composeMerged && read.composeMerged.indexOf(file) > 0 ? `merged over ${read.composeMerged.slice(0, read.composeMerged.indexOf(file)).join(', ')} as docker compose -f merges its files` : undefined;
      const env = layer?.settings.some((s) => s.origin.kind === 'file' && s.origin.file === file) ? 'ENV KONG_* read as settings'
        : container.chosen?.file === file ? container.label
        : container.unrecognised?.some((u) => u.file === file) ? container.unrecognised.filter((u) => u.file === file).map((u) => u.label).join('; ') : merged;
      const overrides = (read.unreadOverrides ?? []).filter((unread) => unread.file === file).map(unreadOverrideLabel);
      const added = read.composeFileAdded?.includes(file) ? `not given, read because COMPOSE_FILE of ${read.composeFileIn ?? 'the check\'s environment'} lists it with the files given, as docker compose without -f reads the whole list` : undefined;
      const missing = file === read.files.find((f) => !read.composeFileAdded?.includes(f)) && read.composeFileMissing ? `COMPOSE_FILE lists ${read.composeFileMissing.join(', ')}, which ${read.composeFileMissing.length > 1 ? 'do' : 'does'} not exist: docker compose refuses to start without ${read.composeFileMissing.length > 1 ? 'them' : 'it'}` : undefined;
      const builtBy = read.builtDockerfiles?.find((built) => built.file === file);
      const built = builtBy ? `not given, read because ${builtBy.unit} of ${builtBy.composeFile} builds its image from it (\`build:\`)` : undefined;
      const notes = [added, built, env, ...overrides, missing].filter(Boolean);
      result.listed.push({ kind: 'image file', label: notes.length > 0 ? `${file} (${notes.join('; ')})` : file });
    }
  }
  if (result.images.length === 0) {
    const unread = unresolved.filter((u, i) => unresolved.findIndex((other) => other.written === u.written) === i)
      .map((u) => `\`${u.written}\` at ${u.origin.file}:${u.origin.line} depends on ${u.variables.join(', ')} (no value or default here)`);
    // Kong installed from a package in the stage that runs stands for the image's edition and version.
    const runningPackages = result.packages.filter((p) => !p.buildStage);
    result.missing.images = runningPackages.length > 0
      ? `Kong is installed from a package in ${runningPackages[0].origin.file}, not run from one of Kong's images: the image checks do not apply`
      : options.imageFiles?.length
        ? `no Kong image named in ${options.imageFiles.join(', ')}${unread.length ? ` (${unread.join('; ')})` : ''}`
        : result.helmImageUnread ?? (result.helm ? `the Helm values name no image (the chart then runs its default open-source \`kong\` image, whose tag depends on the chart release${result.helmReleaseUnknown ? `; ${result.helmReleaseUnknown}` : ', named nowhere beside the values'})`
          : 'no --image-file (Dockerfile, compose file) or --helm-values naming a Kong image given');
    if (runningPackages.length > 0) {
      readPackages(runningPackages, result);
    } else if (options.imageFiles?.length) {
      // Say the files were read, and what was looked for.
      result.versionUnknown = `${options.imageFiles.join(', ')} ${options.imageFiles.length > 1 ? 'were' : 'was'} read but ${options.imageFiles.length > 1 ? 'name' : 'names'} no Kong image or Kong package, so ${options.imageFiles.length > 1 ? 'they give' : 'it gives'} no Kong version${unread.length ? ` (${unread.join('; ')})` : ''}`;
    } else if (result.helmImageUnread) {
      result.versionUnknown = result.helmImageUnread;
    }
  }
  // The container runs the last stage of a Dockerfile: images of earlier stages do not speak for it.
  const running = chosenImage ? [chosenImage] : result.images.filter((image) => !image.buildStage);
  result.running = running;
  if (!result.edition && running.length > 0) {
    // Kong's Enterprise image names the edition; open-source images only when every image is one.
    const enterprise = running.find((image) => image.edition === 'enterprise');
    const shown = enterprise ?? running[0];
    if (enterprise || running.every((image) => image.edition === 'oss')) {
      result.edition = { value: shown.edition, reason: `inferred: image ${describeImage(shown)}` };
    }
  }
  if (!result.version) {
    const versioned = running.find((image) => image.version);
    if (versioned) result.version = { text: versioned.version!.toString(), reason: `image ${describeImage(versioned)}`, saidBy: `the image ${describeImage(versioned)}`, image: versioned };
    else if (running.length > 0 && !result.versionUnknown) result.versionUnknown = `image ${describeImage(running[0])} names no exact version`;
  }
  if (!result.helmHelpers) {
    result.missing.helmHelpers = result.helmSetAside ? `the Helm values were set aside (${result.helmSetAside})`
      : result.helmNoGateway ? `the Helm values run no Kong container (${result.helmNoGateway})` : 'no --helm-values given';
  }
  if (result.controllers.length === 0) {
    result.missing.controllers = result.helmControllerOff && !options.imageFiles?.length
      ? `the Helm values run no ingress controller (${result.helmControllerOff})`
      : options.imageFiles?.length || result.helm
      ? `no Kong Ingress Controller image with a tag named in ${[...(result.helm?.files ?? []), ...(options.imageFiles ?? [])].join(', ')}${result.helm ? ` (Helm values that leave ingressController.image.tag to the chart run the chart release's default controller, unknown here${result.helmReleaseUnknown ? `: ${result.helmReleaseUnknown}` : ''})` : ''}`
      : 'no --helm-values or --image-file (manifest, compose file) naming a Kong Ingress Controller image given';
  }
  if (options.os) result.os = parseOsFlag(options.os);
  else if (options.host) result.os = readOsRelease(options.hostPaths?.osRelease);
  if (result.os) result.listed.push({ kind: 'os', label: `${result.os.label} (${options.os ? '--os' : '--host'})` });
  else result.missing.os = 'no --host (run on the Kong host) or --os NAME-VERSION given';
  if (options.host) {
    result.host = readHostResources({ meminfo: options.hostPaths?.meminfo, cpus: options.hostPaths?.cpus, arch: options.hostPaths?.arch });
    result.listed.push({ kind: 'host', label: `this host (${result.host.cpus} CPU(s), ${Math.round(result.host.memTotalBytes / 1024 ** 2)} MiB)${unreadHostConf(options)}${unreadHostUnits(options)}` });
  } else {
    result.missing.host = 'no --host given (run the check on the Kong host to compare its memory and CPUs with the settings)';
  }
  return result;
}

/**
 * Kong's systemd units on this host, named when none was given: the settings in their
 * Environment= lines are Kong's too, and the check reads them only with --systemd-unit (it never
 * reads a file it was not given).
 */
function unreadHostUnits(options: PlatformOptions): string {
  if (options.systemdUnits?.length) return '';
  const { kongUnitsOnHost } = require('./systemd/search-path') as typeof import('./systemd/search-path');
  const units = kongUnitsOnHost(options.hostPaths?.systemdDirs);
  if (units.length === 0) return '';
  return `; Kong's systemd unit ${units.join(', ')} is on this host but not read: --systemd-unit ${units[0]} reads the settings its Environment= and EnvironmentFile= lines give Kong`;
}

/** The kong.conf Kong reads by default on this host, named when the check was given none. */
function unreadHostConf(options: PlatformOptions): string {
  if (options.systemdGiven?.confFile) return '';
  const conf = (options.hostPaths?.kongConfPaths ?? KONG_DEFAULT_CONF_PATHS).find(isFile);
  return conf ? `; ${conf}, the kong.conf Kong reads when started without -c, is on this host but not read: give it as the check's first argument` : '';
}

/**
 * Systemd units: their environment as a layer, the files listed, and the edition the Enterprise
 * package's unit name implies unless the Helm values named one.
 */
function readSystemd(units: readonly string[], given: import('./systemd/conf-layer').SystemdGiven, result: PlatformInputs): void {
  // Loaded only when a unit is given: most checks read none.
  const { readSystemdUnits } = require('./systemd/conf-layer') as typeof import('./systemd/conf-layer');
  const read = readSystemdUnits(units, given);
  if (read.layer) result.systemdLayer = read.layer;
  result.listed.push(...read.listed);
  if (read.edition && !result.edition) result.edition = read.edition;
  if (read.secretValues.length > 0) result.secretValues = [...(result.secretValues ?? []), ...read.secretValues];
  if (read.nginxConfGiven) result.nginxConfGiven = read.nginxConfGiven;
}

/**
 * COMPOSE_PROFILES of the compose project's `.env`, which docker compose reads when neither
 * `--profile` nor the shell sets the profiles (compose-go cli/options.go `WithDotEnv` before
 * `WithDefaultProfiles`; docker/compose pkg/e2e/profiles_test.go `TestDotEnvProfileUsage`).
 */
function dotEnvProfiles(projectEnv: { file: string; values: ReadonlyMap<string, string> } | undefined): ComposeProfiles | undefined {
  const value = projectEnv?.values.get('COMPOSE_PROFILES');
  if (value === undefined) return undefined;
  return { ...activeComposeProfiles(undefined, { COMPOSE_PROFILES: value })!, said: `COMPOSE_PROFILES=${value} of ${projectEnv!.file}` };
}

/** The override file docker compose would read over a default-named compose file: said, never read unasked. */
function unreadOverrideDiagnostic(unread: UnreadOverride): ConfDiagnostic {
  const why = unread.listedIn
    ? `${unread.override} is listed with ${unread.file} in COMPOSE_FILE of ${unread.listedIn}: docker compose run in that folder without -f reads the files that list names (compose-go WithConfigFileEnv)`
    : `${unread.override} lies beside ${unread.file}: docker compose run in that folder without -f reads it over ${unread.file} (compose-go DefaultOverrideFileNames)`;
  return {
    kind: 'unread-override-file',
    origin: fileOrigin(unread.file, 1),
    message: `${why}, and it was not given here, so the images and environment it changes were not read`,
  };
}

function unreadOverrideLabel(unread: UnreadOverride): string {
  return unread.listedIn
    ? `${unread.override} not given: COMPOSE_FILE of ${unread.listedIn} lists it, so docker compose reads it too when run there without -f`
    : `${unread.override} beside it not given: docker compose reads it too when run there without -f`;
}

/**
 * Edition and version from Kong packages a Dockerfile's running stage installs. The package name
 * states the edition; the version only when written out (not `apt-get install kong`, not a
 * `${KONG_VERSION}` without a value here).
 */
function readPackages(packages: readonly KongPackageRef[], result: PlatformInputs): void {
  const describe = (p: KongPackageRef) => `package ${p.written} at ${p.origin.file}:${p.origin.line}`;
  const enterprise = packages.find((p) => p.edition === 'enterprise');
  if (!result.edition && (enterprise || packages.every((p) => p.edition === 'oss'))) {
    const shown = enterprise ?? packages[0];
    result.edition = { value: shown.edition, reason: `inferred: ${describe(shown)}` };
  }
  const versioned = packages.find((p) => p.version && p.edition === (enterprise ? 'enterprise' : 'oss'));
  if (!result.version && versioned) {
    result.version = { text: versioned.version!.toString(), reason: describe(versioned), saidBy: `the ${describe(versioned)}` };
  } else if (!result.version) {
    const shown = enterprise ?? packages[0];
    const why = shown.unresolvedVariables?.length ? `its version depends on ${shown.unresolvedVariables.join(', ')}, which has no value here` : 'it names no version';
    result.versionUnknown = `Kong is installed from ${describe(shown)}, but ${why}`;
  }
}

function readHelm(files: readonly string[], result: PlatformInputs, helmfile?: HelmfileContext): void {
  const reading = readChartValues(files, helmfile);
  const values = reading.values;
  result.helm = values;
  // A controller-only release (the controller half of a split install): its env:, image and
  // enterprise switches configure a container the chart does not render. Reading them would check
  // a Kong node that does not exist (the chart's default open-source DB-less one).
  const noGateway = reading.notUnderstood ? undefined : helmNoGateway(values);
  if (!noGateway) result.layer = helmConfLayer(values, reading.notUnderstood, reading.release);
  const note = noGateway ? `${noGateway}: only the ingress controller was read` : reading.readAs === 'Kong chart' ? undefined : reading.readAs;
  for (const file of values.files) result.listed.push({ kind: 'helm values', label: note ? `${file} (${note})` : file });
  if (reading.release && !reading.notUnderstood) {
    result.listed.push({ kind: 'helm chart', label: reading.release.note });
    if (!reading.release.defaults) result.helmReleaseUnknown = reading.release.note;
  }
  if (reading.notUnderstood) {
    // Set aside, the file may still name an image (Bitnami's does): say so rather than report
    // that it names none and that Kong's chart default image runs.
    result.helmImageUnread = `${values.files.join(', ')} ${values.files.length > 1 ? 'were' : 'was'} set aside (${reading.readAs}): no image or Kong version was taken from ${values.files.length > 1 ? 'them' : 'it'}`;
    result.helmSetAside = `${values.files.join(', ')}: ${reading.readAs}`;
    return;
  }
  if (noGateway) {
    result.helmNoGateway = `${noGateway}: the Kong chart then renders only the ingress controller, no Kong container`;
    result.helmImageUnread = `${values.files.join(', ')} run${values.files.length > 1 ? '' : 's'} no Kong gateway (${noGateway}): no image or Kong version was taken from ${values.files.length > 1 ? 'them' : 'it'}`;
  } else {
    result.edition = helmEdition(values);
    result.helmHelpers = helmShellHelpers(values);
  }
  const controllerClass = helmControllerClass(values);
  if (controllerClass) result.controllerClasses = [controllerClass];
  const deployment = noGateway ? undefined : helmDeployment(values);
  if (deployment) result.deployment = deployment;
  const freeMode = noGateway ? undefined : helmFreeMode(values);
  if (freeMode) result.freeMode = freeMode;
  const image = noGateway ? undefined : helmImage(values);
  // An image key a template block decides is not known, whatever its text would parse to.
  const ref = image && !image.conditional ? parseKongImage(image.reference, image.tagOrigin ?? image.origin, 'helm-values') : undefined;
  if (image && !ref) result.helmImageUnread = unreadHelmImage(image, values.prefix);
  if (!ref?.tag && !result.helmImageUnread) {
    // The tag is the chart release's default, and that release is not known here: say why.
    const why = result.helmReleaseUnknown ?? 'no chart release is named beside them (an Argo CD targetRevision, a Flux HelmRelease version, a Chart.lock), so the chart\'s default tag is not known here';
    result.versionUnknown = `${ref ? `image ${describeImage(ref)} names no tag` : 'the Helm values name no image tag'}, and ${why}`;
  }
  if (ref && !result.stockTemplates) {
    const stockTemplates = chartStockTemplatesWhy(values.files.join(', '), describeImage(ref), userMountPaths(values));
    if (stockTemplates) result.stockTemplates = stockTemplates;
  }
  if (ref) {
    result.images.push(ref);
    if (ref.version) result.version = { text: ref.version.toString(), reason: helmVersionReason(image!, ref, values.prefix), saidBy: `the image ${describeImage(ref)}`, image: ref };
  }
  const controllerOff = helmControllerOff(reading.controllerValues ?? values);
  if (controllerOff) result.helmControllerOff = controllerOff;
  const controllerOn = helmControllerOn(reading.controllerValues ?? values);
  if (controllerOn) result.helmControllerOn = controllerOn;
  const controller = helmControllerImage(reading.controllerValues ?? values);
  const controllerRef = controller ? controllerModule().parseControllerImage(controller.reference, controller.origin, 'helm-values') : undefined;
  if (controllerRef) {
    const read = controllerModule().withEffectiveSemver(controllerRef, controller!.effectiveSemver);
    result.controllers.push(controller!.defaultedBy ? { ...read, chartDefault: controller!.defaultedBy } : read);
  }
  if (noGateway) return;
  // Helm values only: a kong.conf check does not load the chart's plugin reader.
  const plugins = (require('./helm/chart-plugins') as typeof import('./helm/chart-plugins')).chartPlugins(values);
  if (plugins.length > 0) result.chartPlugins = plugins;
  const secret = helmLicenseSecret(values);
  const envLicense = helmEnvEntries(values).find((e) => e.key === 'license_data' && e.valueFrom);
  const licenseOrigin = envLicense?.origin ?? secret?.origin;
  if (licenseOrigin) {
    result.licenseCandidates.push({
      via: 'KONG_LICENSE_DATA',
      origin: licenseOrigin,
      status: 'unreadable',
      detail: `the chart reads it from ${envLicense?.valueFrom ?? `Secret ${secret!.secret} (key license)`} when the pod starts`,
    });
  }
  if (reading.konnectLicense) {
    const { origin, path } = reading.konnectLicense;
    result.licenseCandidates.push({
      via: 'Konnect',
      origin,
      status: 'unreadable',
      detail: `${path} is true at ${origin.file}:${origin.line}: the ingress controller fetches the license from Konnect and applies it to the gateways it manages`,
    });
  }
}

/**
 * Where the running version was read: the tag written in the values, or the default tag of the
 * chart release named beside them (`chart kong 2.26.0 (Argo CD targetRevision at app.yaml:12)
 * defaults to image kong:3.3`).
 */
function helmVersionReason(image: HelmImage, ref: KongImageRef, prefix: string): string {
  if (!image.tagDefaultedBy) return `${prefix}image.tag ${ref.tag} at ${ref.origin.file}:${ref.origin.line}`;
  const shown = image.repositoryDefaulted ? `image ${ref.reference}` : `tag ${ref.tag} (image ${ref.reference})`;
  return `${prefix}image.tag not set: ${image.tagDefaultedBy} defaults to ${shown}`;
}

/**
 * Why an image written in the values gives nothing: a `{{ ... }}` template (helmfile and parent
 * charts fill those in before Helm sees them), or a repository that is not one of Kong's images.
 */
function unreadHelmImage(image: HelmImage, prefix: string): string {
  const at = `${image.origin.file}:${image.origin.line}`;
  if (image.conditional) {
    const { key, condition, origin } = image.conditional;
    return `the Helm values write ${prefix}${key} under ${condition} at ${origin.file}:${origin.line}, a template condition helmfile evaluates: the image and its Kong version cannot be read here`;
  }
  if (/\{\{.*\}\}/.test(image.reference)) {
    return `the Helm values write the image as a template (\`${image.reference}\` at ${at}), which a tool such as helmfile fills in before Helm runs: the image and its Kong version cannot be read here`;
  }
  return `${prefix}image \`${image.reference}\` at ${at} is not one of Kong's images (kong, kong/kong, kong/kong-gateway): its Kong version cannot be read here`;
}

/**
 * The `mountPath`s of the chart's `deployment.userDefinedVolumeMounts`; undefined when one is not
 * a plain path written in the values (a template, a block's choice), so that nothing is claimed.
 */
function userMountPaths(values: HelmValues): string[] | undefined {
  const node = values.at('deployment', 'userDefinedVolumeMounts');
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind !== 'seq') return undefined;
  const paths: string[] = [];
  for (const item of node.items) {
    const path = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).mountPath : undefined;
    if (typeof path !== 'string' || path.includes('{{')) return undefined;
    paths.push(path);
  }
  return paths;
}
