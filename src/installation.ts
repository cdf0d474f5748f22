// Loads every input the user gave and derives what the rules need to know about the installation:
// edition, topology and role, the versions, and the upgrade plan. Each derived value keeps the
// reason it was chosen, so the report can say "hybrid (role = control_plane at kong.conf:4)".

import { resolve } from 'node:path';
import type { Progress } from './cli/progress';
import type { Inputs, MissingInputReasons } from './engine/inputs';
import { InputError } from './errors';
import { loadBackupEvidence } from './inputs/backup-loader';
import { configSourceOf, ingressControllerRuns } from './inputs/config-source';
import { licenseCandidatesFromDatabase, loadDatabaseForInstallation } from './inputs/database/for-installation';
import type { DatabaseInput } from './inputs/database/types';
import { DeclarativeEntitySource, loadDeclarative, type DeclarativeConfig } from './inputs/declarative';
import { describeEmbeddedSource } from './inputs/declarative/embedded-source';
import { asNginxConf, loadNginxTemplates, type NginxTemplate } from './inputs/nginx/load';
import { collectKongEnv } from './inputs/env';
import { loadKongConf } from './inputs/kong-conf';
import { stackConfLayers } from './inputs/kong-conf/load';
import { settingsReadIn } from './inputs/kong-conf/settings-read';
import { loadLicenseEvidence } from './inputs/license';
import { chartDefaultCopyOf, chartDefaultOf, withoutIgnoredChartDefaults } from './inputs/helm/conf-layer';
import { activeComposeProfiles } from './inputs/images/compose-profiles';
import { containerKongConf, setAsideWithoutConf } from './inputs/images/copied-kong-conf';
import type { NginxConfFile } from './inputs/images/nginx-conf-file';
import { kindOnDisk } from './inputs/images/dockerfile-copies';
import { isFile } from './inputs/file-kind';
import { chosenComposeEnvFiles, type ComposeEnvFiles } from './inputs/images/compose-env-files';
import { describeImageOs, imageOsOnPath } from './inputs/images/image-os';
import { describeImage } from './inputs/images/image-ref';
import { loadPlatformInputs, type PlatformOptions } from './inputs/platform';
import { loadCustomPlugins } from './inputs/plugins/installation-plugins';
import { readImageFiles } from './inputs/images/load';
import { noCustomPluginCanLoad, type NoCustomPlugins } from './inputs/plugins/no-custom-plugins';
import type { ConfSetting, KongConf } from './inputs/kong-conf/types';
import { ENTERPRISE_DECLARATIVE, ENTERPRISE_MARKERS, findEnterpriseMarker } from './knowledge/edition-markers';
import { isEnterprisePluginName } from './knowledge/plugins/bundled';
import { newestWithin, resolveGivenVersion, resolveVersion } from './knowledge/releases';
import { describeOrigin, type Origin } from './model/origin';
import { computePlan } from './plan/compute-plan';
import { defaultRole } from './plan/default-role';
import type { Edition, Plan, Role, Topology } from './plan/types';
import type { Derived, ReportInstallation } from './report/report';
import type { KongVersion } from './version/kong-version';

export interface InstallationOptions {
  confFile?: string;
  env: Record<string, string | undefined>;
  from?: string;
  to?: string;
  topology?: Topology;
  role?: Role;
  edition?: Edition;
  backupFile?: string;
  /** `--pg URL`: read this database instead of the one kong.conf configures. */
  pgUrl?: string;
  /** `--no-db`: do not read the database. */
  noDb?: boolean;
  /** `--recent-writes-minutes`: configuration writes this recent mean the Admin API is still in use. */
  recentWritesMinutes?: number;
  /** Values of --declarative (files or folders). */
  declarativePaths?: string[];
  /** `--nginx-template` files, in the order given. */
  nginxTemplates?: string[];
  /** `--plugin-dir` folders, in the order given. */
  pluginDirs?: string[];
  cwd: string;
  /** `--profile` values: the compose profiles to activate, replacing COMPOSE_PROFILES of `env`. */
  composeProfiles?: string[];
  /** `--compose-env-file` values: read in place of the compose project's `.env`, replacing COMPOSE_ENV_FILES of `env`. */
  composeEnvFiles?: string[];
  /** Helm values, image files and the host (src/inputs/platform.ts). */
  platform?: PlatformOptions;
  /** `--max-file-size` in bytes: replaces each input's own default limit. */
  maxFileBytes?: number;
  /** For loaders with long work (database reads, large files): drawn on a terminal only. */
  progress?: Progress;
}

export interface Installation {
  inputs: Inputs;
  /**
   * The Kong image the node runs, when one is named: changes that only concern package
   * installations do not apply to it (src/engine/manual-review.ts).
   */
  runsFromImage?: string;
  /**
   * The settings read enable bundled plugins only: changes that concern custom plugin code alone
   * do not apply (src/engine/manual-review.ts).
   */
  noCustomPlugins?: NoCustomPlugins;
  /**
   * Why the node renders Kong's own nginx templates: changes only custom templates meet do not
   * apply (src/engine/manual-review.ts).
   */
  stockTemplates?: string;
  missing: MissingInputReasons;
  plan: Plan;
  report: ReportInstallation;
  /**
   * Secret values an input read but keeps nowhere (the database password): the report hides them
   * wherever they appear. Outside `inputs`, so no rule sees them.
   */
  secretValues: string[];
}

export async function buildInstallation(options: InstallationOptions): Promise<Installation> {
  const inputs: Inputs = {};
  const missing: MissingInputReasons = {};
  const listed: ReportInstallation['inputs'] = [];

  const kongEnv = collectKongEnv(options.env);
  const composeProfiles = activeComposeProfiles(options.composeProfiles, options.env);
  const systemdGiven = { ...(options.confFile ? { confFile: options.confFile } : {}), ...(options.nginxTemplates ? { nginxTemplates: options.nginxTemplates } : {}) };
  const platform = loadPlatformInputs({ systemdGiven, ...(options.role ? { role: options.role } : {}), ...(composeProfiles !== undefined ? { composeProfiles } : {}), composeFileEnv: { env: options.env, cwd: options.cwd, ...withEnvFiles(chosenComposeEnvFiles(options.composeEnvFiles, options.env, options.cwd)) }, ...(options.platform ?? {}) });
  // The compose service that runs Kong mounts a kong.conf where Kong reads one (the -c of its
  // command, else the default paths), or the Dockerfile that builds its image copies one there;
  // a Kubernetes container's ConfigMap or Secret volume there holds it as a key's text.
  // A mount wins over a copy and is read only when no kong.conf is given; a copy is named then.
  // So is a ConfigMap or Secret key, as a bind mount is: a kong.conf given is read in its place.
  const cwd = options.cwd ?? process.cwd();
  const inContainer = platform.containerMounts || platform.containerObjectMounts || platform.imageCopies
    ? containerKongConf({ ...(platform.runConf ? { run: platform.runConf } : {}), ...(platform.containerMounts ? { mounts: platform.containerMounts } : {}), ...(platform.containerObjectMounts ? { objectMounts: platform.containerObjectMounts } : {}), ...(platform.imageCopies ? { copies: platform.imageCopies } : {}) }, (path) => isFile(resolve(cwd, path)), kindOnDisk(cwd))
    : undefined;
  const mountedConf = !options.confFile && inContainer?.kind === 'mounted' ? inContainer : undefined;
  const heldConf = inContainer?.kind === 'held' ? inContainer : undefined;
  const heldText = !options.confFile ? heldConf?.conf : undefined;
  const copiedConf = inContainer?.kind === 'file' || inContainer?.kind === 'unread' ? inContainer : undefined;
  const copiedPath = !options.confFile && copiedConf?.kind === 'file' ? copiedConf.path : undefined;
  // The service's command set the image's -c aside and no kong.conf of the project is found in its place.
  const asideNote = !options.confFile && !inContainer ? setAsideWithoutConf(platform.runConf) : undefined;
  const confFile = options.confFile ?? mountedConf?.path ?? heldText?.file ?? copiedPath;
  const ownSettings = Boolean(confFile) || Object.keys(kongEnv).length > 0 || platform.dockerfileLayer !== undefined || platform.containerLayer !== undefined || platform.systemdLayer !== undefined;
  // Values of another chart give no settings: alone, they must not pass for a kong.conf that sets
  // nothing (every default would be reported as relied on).
  const helmLayer = platform.layer && (ownSettings || !platform.helmSetAside) ? platform.layer : undefined;
  // Lowest first: kong.conf, the environment a systemd unit starts Kong with, the image's
  // Dockerfile ENV, the environment a compose file or manifest starts the Kong container with, the
  // chart's container env, then the KONG_* variables given to the check (the environment the
  // container is started with replaces the image's ENV: docker run -e, compose environment:, a
  // Kubernetes container's env).
  const layer = stackConfLayers(platform.systemdLayer, platform.dockerfileLayer, platform.containerLayer, helmLayer);
  if (ownSettings || layer) {
    inputs.kongConf = loadKongConf(heldText ?? confFile, kongEnv, { layer, ...(options.maxFileBytes ? { maxBytes: options.maxFileBytes } : {}) });
    const mountedAs = mountedConf?.how ?? (heldText ? heldConf!.how : undefined);
    // A kong.conf given wins over a copied one: that one is only named.
    const copyNote = copiedConf?.kind === 'file' ? (copiedPath ? copiedConf.how : `given; ${copiedConf.at} copies ${copiedConf.path} to ${copiedConf.containerPath} in the image, not read: the kong.conf given wins`)
      : copiedConf?.kind === 'unread' ? (options.confFile && copiedConf.given ? copiedConf.given : copiedConf.reason)
      : heldConf && options.confFile ? heldConf.given : asideNote;
    const note = mountedAs ?? copyNote;
    if (confFile || !layer) listed.push({ kind: 'kong.conf', label: note ? `${confFile ?? 'KONG_* environment'} (${note})` : confFile ?? 'KONG_* environment' });
    else if (copyNote) listed.push({ kind: 'kong.conf', label: `none read (${copyNote})` });
  } else {
    // Why the container's kong.conf was not read: named in the inputs list and the missing reason.
    const unreadNote = copiedConf?.kind === 'unread' ? copiedConf.reason : asideNote;
    if (unreadNote) listed.push({ kind: 'kong.conf', label: `none read (${unreadNote})` });
    missing.kongConf = unreadNote
      ? `no kong.conf given, and none read from the container (${unreadNote})`
      : platform.helmSetAside
      ? `no kong.conf given, and the Helm values belong to another chart (${platform.helmSetAside})`
      : platform.helmNoGateway
      ? `no kong.conf given, and the Helm values run no Kong gateway (${platform.helmNoGateway})`
      : 'no kong.conf given (pass it as the first argument to check)';
  }
  // Versions the user gave are checked before any connection is made.
  const to = deriveVersion(options.to, '--to');
  const givenFrom = options.from ? deriveVersion(options.from, '--from') : undefined;
  const database = await loadDatabaseForInstallation({ pgUrl: options.pgUrl, noDb: options.noDb, kongConf: inputs.kongConf, env: options.env, recentWritesMinutes: options.recentWritesMinutes });
  if ('input' in database) {
    inputs.database = database.input;
    inputs.entities = [...(inputs.entities ?? []), database.input.entities];
    listed.push({ kind: 'database', label: database.input.label });
  } else {
    missing.database = database.skipped;
  }
  try {
    if (inputs.kongConf || inputs.database) {
      inputs.license = loadLicenseEvidence(inputs.kongConf, inputs.database ? { databaseCandidates: licenseCandidatesFromDatabase(inputs.database) } : {});
      inputs.license.candidates.push(...platform.licenseCandidates);
      if (platform.freeMode) inputs.license.freeMode = platform.freeMode;
    } else {
      missing.license = 'no kong.conf or KONG_* environment given, so the license configuration is unknown';
    }
    const declarative = loadDeclarative({ paths: options.declarativePaths, kongConf: inputs.kongConf, cwd: options.cwd, maxBytes: options.maxFileBytes, ...(platform.containerMounts ? { containerMounts: platform.containerMounts } : {}), ...(platform.imageCopies ? { imageCopies: platform.imageCopies } : {}), ...(platform.containerObjectMounts ? { containerObjectMounts: platform.containerObjectMounts } : {}), ...(platform.controllerClasses ? { controllerClasses: platform.controllerClasses } : {}) });
    if (declarative.config) {
      inputs.declarative = declarative.config;
      inputs.entities = [...(inputs.entities ?? []), declarative.config.entities];
      for (const document of declarative.config.documents) {
        // A kong.yml kept in a ConfigMap is named by where it was read: `data.kong.yml` of ConfigMap NAME in FILE.
        // One that a decK Job mounts says so: decK, not Kong, reads it.
        const readBy = document.readByDeckIn ? ` (read by decK in ${document.readByDeckIn})` : '';
        const notes = [declarative.mountedAs, declarative.notLoaded].filter(Boolean).join('; ');
        const label = document.embeddedIn ? `${describeEmbeddedSource(document.embeddedIn)}${readBy}${notes ? ` (${notes})` : ''}` : notes ? `${document.file} (${notes})` : document.file;
        listed.push({ kind: `declarative (${document.flavor === 'deck' ? 'decK state' : 'kong.yml'})`, label });
      }
      if (declarative.setAside) listed.push({ kind: 'declarative (Helm values dblessConfig.config)', label: declarative.setAside });
      for (const manifest of declarative.config.unreadable) {
        if (manifest.objects && manifest.objects.checked.length > 0) listed.push({ kind: 'Kubernetes manifest (KongPlugin, KongClusterPlugin)', label: manifest.file });
      }
    } else {
      // Under the ingress controller Kong's configuration comes from Kubernetes resources, not from a file.
      const controller = ingressControllerRuns(platform);
      missing.declarative = controller
        ? `${declarative.missingReason}; the ingress controller builds Kong's configuration from Kubernetes resources (${controller}): pass their manifests (KongPlugin, KongClusterPlugin) with --declarative to check them`
        : declarative.missingReason;
      if (!inputs.entities) missing.entities = `${declarative.missingReason}; database: ${missing.database ?? 'not read'}`;
    }
    if (options.backupFile) {
      inputs.backup = loadBackupEvidence(options.backupFile, options.cwd);
      listed.push({ kind: 'backup', label: options.backupFile });
    } else {
      missing.backup = 'no --backup FILE given';
    }
    // The template the Kong container is started with (`--nginx-conf`), when a mount or a copy of
    // the project holds it: read as if given, unless templates are given.
    // Loaded only for a container started with --nginx-conf.
    const startTemplate = platform.nginxConfStart && (require('./inputs/images/nginx-conf-file') as typeof import('./inputs/images/nginx-conf-file')).nginxConfFile(platform.nginxConfStart, platform.containerMounts, platform.imageCopies, platform.containerObjectMounts?.mounts, (path) => isFile(resolve(cwd, path)), kindOnDisk(cwd));
    if (options.nginxTemplates && options.nginxTemplates.length > 0) {
      const started = startTemplate?.kind === 'file' ? startTemplate : undefined;
      inputs.nginxTemplates = loadNginxTemplates(options.nginxTemplates, options.maxFileBytes)
        .map((t) => {
          const used = platform.nginxConfGiven?.find((u) => u.template === t.file) ?? (started && resolve(cwd, started.path) === resolve(cwd, t.file) ? { by: started.by } : undefined);
          return used ? asNginxConf(t, used.by) : t;
        });
      for (const t of inputs.nginxTemplates) {
        listed.push({
          kind: t.rendered ? 'nginx file Kong rendered (not a template)' : 'nginx template',
          label: t.usedAsNginxConf ? `${t.file} (it looks rendered, but ${t.usedAsNginxConf.by}: checked as the template Kong starts with)` : t.file,
        });
      }
    } else if (startTemplate?.kind === 'file') {
      const read = startedTemplate(startTemplate, options.maxFileBytes);
      if (read.template) {
        inputs.nginxTemplates = [read.template];
        listed.push({ kind: 'nginx template', label: `${startTemplate.path} (not given, read because ${startTemplate.by})` });
      } else {
        missing.nginxTemplates = `no --nginx-template FILE given, and ${startTemplate.path} was not read as the template: ${read.why} (${startTemplate.by})`;
      }
    } else if (startTemplate?.kind === 'unread') {
      missing.nginxTemplates = `no --nginx-template FILE given, and the template Kong starts with is not read here: ${startTemplate.reason}`;
    } else {
      missing.nginxTemplates = platform.stockTemplates
        ? `no --nginx-template FILE given, and none is needed: ${platform.stockTemplates}`
        : `no --nginx-template FILE given (only needed when Kong starts with --nginx-conf or patched templates${platform.templatesOpen ? `, which may be so here: ${platform.templatesOpen}` : ''})`;
    }

    listed.push(...platform.listed);
    if (platform.images.length) inputs.images = platform.images;
    if (platform.controllers.length) inputs.controllers = platform.controllers;
    if (platform.kicIngressPaths) inputs.kicIngressPaths = platform.kicIngressPaths;
    else missing.kicIngressPaths = options.platform?.imageFiles?.length ? `no Ingress the Kong Ingress Controller serves in ${options.platform.imageFiles.join(', ')}` : 'no --image-file manifest given';
    if (platform.helmHelpers) inputs.helmHelpers = platform.helmHelpers;
    if (platform.os) inputs.os = platform.os;
    if (platform.host) inputs.host = platform.host;
    Object.assign(missing, platform.missing);

    // Values of a controller-only release describe no gateway: with no kong.conf of that gateway
    // given, the plan and the steps are the ones of the gateway release the controller drives.
    const gatewayElsewhere = platform.helmNoGateway && !inputs.kongConf ? platform.helmNoGateway : undefined;
    // Helm values speak for the installation when no flag does: the image's edition and version,
    // the chart's deployment mode.
    const edition = !options.edition && platform.edition ? platform.edition : deriveEdition(options, inputs.kongConf, kongEnv, inputs.database, () => enterpriseContentIn(inputs.declarative));
    const { topology, role } = !options.topology && platform.deployment
      ? { topology: { value: platform.deployment.topology, reason: platform.deployment.reason }, role: options.role ?? platform.deployment.role }
      : deriveTopology(options, inputs.kongConf, inputs.database, konnectMetadataIn(inputs.declarative), gatewayElsewhere && `default: ${gatewayElsewhere}; the gateway release that controller drives is taken as traditional (pass --topology for it)`);
    // Without --from, the database's migrations (what really ran) win over an image tag.
    const from = givenFrom
      ?? (inputs.database ? versionFromDatabase(inputs.database)
        : platform.version ? { version: resolveVersion(platform.version.text, platform.version.image ? 'the image tag' : 'the package version'), reason: `inferred: ${platform.version.reason}` }
          : deriveVersion(undefined, '--from', [platform.versionUnknown, missing.database && `database: ${missing.database}`].filter(Boolean).join('; ')));
    // Messages that compare a version with the path's start name who gave that start.
    const fromSaidBy = givenFrom ? undefined : inputs.database ? 'the database' : platform.version!.saidBy;
    if (inputs.images && fromSaidBy) inputs.images = inputs.images.map((image) => ({ ...image, pathFromSaidBy: fromSaidBy }));
    const plan = computePlan({
      from: from.version,
      to: to.version,
      topology: topology.value as Topology,
      role,
      edition: edition.value as Edition,
      editionReason: edition.reason,
      ...(fromSaidBy ? { fromSaidBy } : {}),
    });
    // A minor-only image tag (kong:3.9) floats: say so where the path starts, and on a patch-only path.
    const floating = !givenFrom && !inputs.database && platform.version?.image && from.version.precision === 'minor' ? platform.version.image : undefined;
    if (floating) noteFloatingTag(plan, describeImage(floating));
    // Kubernetes resources or a Konnect control plane hold the configuration: backup advice follows them.
    const configSource = configSourceOf({ role: plan.role, kongConf: inputs.kongConf, helmControllerOn: platform.helmControllerOn, controllers: platform.controllers, konnectFile: konnectMetadataIn(inputs.declarative) });
    if (configSource) plan.configSource = configSource;
    if (gatewayElsewhere) plan.gatewayElsewhere = gatewayElsewhere;

    // Without --host or --os, Kong's own image answers the OS questions: Kong picks its base at
    // each release the path installs.
    if (!inputs.os && platform.running.length > 0) {
      const answered = imageOsOnPath(platform.running, plan);
      if ('imageOs' in answered) {
        inputs.imageOs = answered.imageOs;
        listed.push({ kind: 'os', label: `from the image ${describeImageOs(answered.imageOs)}` });
      } else {
        missing.imageOs = `no --host or --os given, and ${answered.why}`;
      }
    } else if (!inputs.os) {
      missing.imageOs = 'no image of Kong\'s named (--image-file, --helm-values) whose base could stand for the host';
    }

    // Chart defaults the target Kong ignores are nobody's settings: rules do not see them.
    if (inputs.kongConf && helmLayer) inputs.kongConf = withoutIgnoredChartDefaults(inputs.kongConf, plan.to, plan.edition);

    // The chart's plugin ConfigMaps may come in a manifest given with --declarative too (beside
    // the KongPlugins), which the declarative reader sets aside as not Kong's: their objects count.
    const declaredManifests = (declarative.config?.unreadable ?? []).filter((u) => u.reason === 'kubernetes-manifest').map((u) => u.file);
    const chartObjects = platform.chartPlugins && {
      plugins: platform.chartPlugins,
      objects: [...(platform.manifestObjects ?? []), ...(declaredManifests.length > 0 ? readImageFiles(declaredManifests).containerEnv.volumeObjects ?? [] : [])],
    };
    const plugins = loadCustomPlugins(options.pluginDirs ?? [], inputs.kongConf, plan, platform.imageCopies && { copies: platform.imageCopies, kindOf: kindOnDisk(cwd), cwd }, chartObjects);
    if (plugins.customPlugins) {
      inputs.customPlugins = plugins.customPlugins;
      listed.push({ kind: 'plugins', label: plugins.label });
    } else {
      missing.customPlugins = plugins.missingReason;
    }
    if (plugins.notRead) inputs.pluginCopiesNotRead = plugins.notRead;

    const runningImage = platform.running[0];
    const noCustomPlugins = noCustomPluginCanLoad({
      conf: inputs.kongConf,
      unsetMeansDefault: Boolean(confFile) || runningImage !== undefined || (!platform.containerLayer && !platform.dockerfileLayer && !helmLayer && !platform.systemdLayer),
      pluginDirs: options.pluginDirs ?? [],
      customPluginsFound: inputs.customPlugins !== undefined,
      ...(inputs.database ? { databasePlugins: inputs.database.pluginUsage } : {}),
      plan,
    });
    return {
      inputs,
      missing,
      plan,
      ...(runningImage ? { runsFromImage: describeImage(runningImage) } : {}),
      ...(noCustomPlugins ? { noCustomPlugins } : {}),
      ...(platform.stockTemplates && !options.nginxTemplates?.length ? { stockTemplates: platform.stockTemplates } : {}),
      secretValues: [...database.secretValues, ...(platform.secretValues ?? []), ...(heldConf?.secrets ?? [])],
      report: {
        edition,
        topology,
        from: { value: from.version.toString(), reason: from.reason + (floating ? floatingTagRead(from.version, plan) : oldestPatchAssumed(from.version, plan.from)) },
        to: { value: to.version.toString(), reason: to.reason },
        inputs: listed,
        ...(options.confFile ? { configFile: options.confFile } : {}),
      },
    };
  } catch (error) {
    // The session would keep the process alive; close it before the error travels on.
    await inputs.database?.close();
    throw error;
  }
}

function deriveVersion(text: string | undefined, flag: string, whyNotInferred?: string): { version: KongVersion; reason: string } {
  if (!text) {
    const orDb = flag === '--from' ? `, or let the database tell it (kong.conf pg_* or --pg)${whyNotInferred ? `; ${whyNotInferred}` : ''}` : '';
    throw new InputError(`${flag} is required: name the ${flag === '--to' ? 'target' : 'installed'} Kong version (for example ${flag} 3.4)${orDb}`);
  }
  return { version: resolveGivenVersion(text, flag), reason: `${flag} ${text}` };
}

/**
 * A minor alone (`--from 3.4`, or a database ledger, which records no patch) is planned from that
 * minor's oldest release, so the changes of every later patch of it are reported too: an
 * operator on 3.4.3 who sees 3.4.1 notes learns why, and how to narrow them.
 */
function oldestPatchAssumed(given: KongVersion, planned: KongVersion): string {
  if (given.precision !== 'minor' || planned.toString() === given.toString()) return '';
  return `; read as ${planned}, the oldest ${given.minorKey} release, so changes made in later ${given.minorKey} patches are reported too: give the exact version for fewer`;
}

/**
 * A tag that names a minor only (`kong:3.9`, `kong/kong-gateway:3.4`) is re-pointed at each new
 * patch of that minor, so the node runs whichever patch was pulled last and the next pull may
 * bring another; Kong's docs ask for the full tag to avoid that drift
 * (developer.konghq.com app/gateway/cp-outage.md@bc1cd742 line 39).
 */
function floatingTagRead(given: KongVersion, plan: Plan): string {
  const newest = newestWithin(given, plan.edition);
  return `; a floating tag: the node runs whichever ${given.minorKey} patch was pulled last, and the next pull brings the newest (${newest}). Read as ${plan.from}, the oldest ${given.minorKey} release, so changes of every later ${given.minorKey} patch are reported: pin the exact tag, or give --from, for fewer`;
}

/** A path that stays in the floating tag's minor is the patch upgrade the next pull makes. */
function noteFloatingTag(plan: Plan, image: string): void {
  if (plan.hops.length !== 1 || plan.from.minorKey !== plan.to.minorKey) return;
  const [hop] = plan.hops;
  const note = `the floating tag ${image} runs any ${plan.from.minorKey} patch today and ${plan.to} after its next pull: this is that patch upgrade`;
  hop.note = hop.note ? `${hop.note}; ${note}` : note;
}

/** Names the Kong Enterprise ledger a version was read from: its core names differ from OSS. */
function enterpriseLedger(names: readonly string[] | undefined): string {
  return names ? `; a Kong Enterprise ledger: ${names.join(', ')}` : '';
}

/** Without --from, the database's migrations say which version is installed. */
function versionFromDatabase(database: DatabaseInput): { version: KongVersion; reason: string } {
  const { installed } = database;
  // A newer Kong migrated this database: planning from the newest release we know would run the
  // rules of changes the installation already went through, and miss the real starting point.
  if (installed.newerThanKnown) {
    throw new InputError(`${database.label} was migrated by a Kong newer than this kong-preflight knows (core migrations ${installed.newerThanKnown.join(', ')} come after ${installed.label.replace(/ or later$/, '')}): pass --from with the installed version, or update kong-preflight`, database.anchor ?? {});
  }
  return {
    version: resolveVersion(installed.planVersion.toString(), 'version inferred from schema_meta'),
    reason: `inferred from the database: ${installed.label} (${installed.evidence[0]}${enterpriseLedger(installed.enterpriseCoreNames)})`,
  };
}

/**
 * The first plugin of the declarative configuration that only Kong Enterprise ships (Kong OSS
 * refuses a file that configures it), with where it is named.
 */
export function enterprisePluginIn(declarative: DeclarativeConfig | undefined): { name: string; origin: Origin } | undefined {
  if (!(declarative?.entities instanceof DeclarativeEntitySource)) return undefined;
  return declarative.entities.firstPluginNamed(isEnterprisePluginName) ?? enterpriseKicPluginUnread(declarative);
}

/**
 * A KongPlugin or KongClusterPlugin naming an Enterprise-only plugin whose config comes from
 * Secrets (`configFrom`, `configPatches`): not checked as a plugin, but the controller still
 * sends Kong a plugin of that name (Kong/kubernetes-ingress-controller
 * internal/dataplane/kongstate/plugin.go@v3.4.0).
 */
function enterpriseKicPluginUnread(declarative: DeclarativeConfig): { name: string; origin: Origin } | undefined {
  for (const file of declarative.unreadable) {
    const found = file.objects?.unchecked.find((resource) => resource.plugin && isEnterprisePluginName(resource.plugin.name));
    if (found?.plugin) return found.plugin;
  }
  return undefined;
}

/**
 * What in the declarative configuration only Kong Enterprise loads: an Enterprise-only plugin,
 * else an Enterprise-only entity (consumer groups, partials) or vault backend, or decK's
 * `_konnect` metadata (a Konnect control plane, whose data planes run Enterprise).
 */
export function enterpriseContentIn(declarative: DeclarativeConfig | undefined): { what: string; origin: Origin } | undefined {
  const plugin = enterprisePluginIn(declarative);
  if (plugin) return { what: `plugin ${plugin.name}`, origin: plugin.origin };
  if (!(declarative?.entities instanceof DeclarativeEntitySource)) return undefined;
  return declarative.entities.firstEnterpriseOnlyEntry(ENTERPRISE_DECLARATIVE.collections, ENTERPRISE_DECLARATIVE.vaultBackends, ENTERPRISE_DECLARATIVE.konnectKey);
}

/**
 * Enterprise when told so, when a license is configured, an Enterprise-only key is set or the
 * declarative configuration holds an Enterprise-only plugin, entity or vault backend (asked for
 * last: it walks the file).
 */
export function deriveEdition(
  options: Pick<InstallationOptions, 'edition' | 'from' | 'to'>,
  conf: KongConf | undefined,
  kongEnv: Record<string, string>,
  database?: DatabaseInput,
  enterpriseContent?: () => { what: string; origin: Origin } | undefined,
): Derived {
  if (options.edition) return { value: options.edition, reason: 'from --edition' };
  const envMarker = ENTERPRISE_MARKERS.env.find((name) => kongEnv[name] !== undefined);
  if (envMarker) return { value: 'enterprise', reason: `inferred: ${envMarker} is set` };
  // The same variables set by a Dockerfile ENV or the chart's container env (readable or not).
  const layerMarker = conf?.rawSettings().find((s) => s.origin.kind === 'file' && s.envName !== undefined && ENTERPRISE_MARKERS.env.includes(s.envName));
  if (layerMarker) return { value: 'enterprise', reason: `inferred: ${layerMarker.envName} is set at ${describeOrigin(layerMarker.origin)}` };
  // The Kong chart's own env defaults (portal_api_* log paths for every edition) are no evidence,
  // nor are the same entries in a values file copied from the chart's values.yaml, nor those log
  // keys set to a stream or off anywhere else (ENTERPRISE_MARKERS.neutralLogs).
  const keyMarker = conf ? findEnterpriseMarker(conf.settings().filter((s) => !chartDefaultOf(s) && !chartDefaultCopyOf(s))) : undefined;
  if (keyMarker && conf) {
    return { value: 'enterprise', reason: `inferred: Enterprise-only ${keyMarker} at ${describeOrigin(conf.get(keyMarker)!.origin)}` };
  }
  if (database && database.enterpriseEvidence.length > 0) {
    return { value: 'enterprise', reason: `inferred: Enterprise ${database.enterpriseEvidence[0]} in the database` };
  }
  const fourPart = [options.from, options.to].find((v) => v && /^\d+\.\d+\.\d+\.\d+$/.test(v.trim()));
  if (fourPart) return { value: 'enterprise', reason: `inferred: ${fourPart} is an Enterprise version number` };
  const content = enterpriseContent?.();
  if (content) return { value: 'enterprise', reason: `inferred: Enterprise-only ${content.what} at ${describeOrigin(content.origin)}` };
  return { value: 'oss', reason: 'inferred: no license and no Enterprise-only setting (pass --edition enterprise if wrong)' };
}

/**
 * Where a declarative document holds decK's `_konnect` block (Konnect-only file metadata: Kong/
 * developer.konghq.com app/deck/dbless-vs-deck.md@bc1cd742 lines 133-142). A root key: no walk.
 */
export function konnectMetadataIn(declarative: DeclarativeConfig | undefined): Origin | undefined {
  const document = declarative?.documents.find((d) => {
    const block = d.root[ENTERPRISE_DECLARATIVE.konnectKey];
    return typeof block === 'object' && block !== null && !Array.isArray(block);
  });
  return document?.at([ENTERPRISE_DECLARATIVE.konnectKey]);
}

/**
 * The role of a node `--topology hybrid` names without `--role`, and why: the settings' role; a
 * data plane when `database = off`, since Kong refuses a control plane without a database
 * (kong/conf_loader/init.lua@3.4.0 line 1196, parse.lua@3.9.3 line 750), or when a decK
 * `_konnect` file describes its control plane; otherwise a control plane, said to be assumed.
 */
function hybridRole(roleSetting: ConfSetting | undefined, databaseSetting: ConfSetting | undefined, konnect: Origin | undefined): { topology: Derived; role: Role } {
  const hybrid = (role: Role, why: string) => ({ topology: { value: 'hybrid', reason: `from --topology; ${why}` }, role });
  const confRole = roleSetting?.value;
  if (roleSetting && (confRole === 'control_plane' || confRole === 'data_plane')) return hybrid(confRole, `role = ${confRole} at ${describeOrigin(roleSetting.origin)}`);
  if (databaseSetting?.value === 'off') return hybrid('data_plane', `data plane, as database = off at ${describeOrigin(databaseSetting.origin)} and a control plane needs a database`);
  if (konnect) return hybrid('data_plane', `data plane, as decK _konnect at ${describeOrigin(konnect)} describes its control plane`);
  return hybrid('control_plane', 'control plane assumed, as no setting read names a role: pass --role data_plane for a data plane');
}

/**
 * Topology and role from flags, else from kong.conf's `role` and `database`, else from a decK
 * file for a Konnect control plane (`konnect`, where its `_konnect` block is).
 */
export function deriveTopology(
  options: Pick<InstallationOptions, 'topology' | 'role'>,
  conf: KongConf | undefined,
  database?: DatabaseInput,
  konnect?: Origin,
  /** Why no kong.conf names the topology, when a better reason than "none given" is known. */
  noConfReason?: string,
): { topology: Derived; role: Role } {
  const roleSetting = conf?.get('role');
  const databaseSetting = conf?.get('database');
  const confRole = roleSetting?.value;
  if (options.topology) {
    if (options.role || options.topology !== 'hybrid') return { topology: { value: options.topology, reason: 'from --topology' }, role: options.role ?? defaultRole(options.topology) };
    return hybridRole(roleSetting, databaseSetting, konnect);
  }
  if (roleSetting && (confRole === 'control_plane' || confRole === 'data_plane')) {
    return {
      topology: { value: 'hybrid', reason: `role = ${confRole} at ${describeOrigin(roleSetting.origin)}` },
      role: confRole,
    };
  }
  if (databaseSetting?.value === 'off') {
    return { topology: { value: 'dbless', reason: `database = off at ${describeOrigin(databaseSetting.origin)}` }, role: 'dbless' };
  }
  const liveDataPlanes = database?.dataPlanes.filter((dp) => dp.live) ?? [];
  if (liveDataPlanes.length > 0) {
    return {
      topology: { value: 'hybrid', reason: `${liveDataPlanes.length} data plane(s) recently reported in the database's clustering_data_planes` },
      role: 'control_plane',
    };
  }
  // The role or database a layer (a container's environment, a Dockerfile ENV) or kong.conf sets
  // is named at its place, as the hybrid and dbless reasons are.
  const said = roleSetting ?? databaseSetting;
  // Konnect runs hybrid mode with a control plane and database Kong manages (developer.konghq.com
  // app/gateway/hybrid-mode.md@bc1cd742 lines 128-133): the node upgraded here is a data plane,
  // with no database to pg_dump. Settings that say otherwise, and a kong.conf given, win.
  if (konnect && !said && !conf?.file) {
    return { topology: { value: 'hybrid', reason: `inferred: decK _konnect at ${describeOrigin(konnect)}: a Konnect control plane's configuration, so this node is one of its data planes (pass --topology if wrong)` }, role: 'data_plane' };
  }
  const reason = said ? `${said.key} = ${said.value} at ${describeOrigin(said.origin)}`
    : conf ? `no role and no database = off in ${settingsReadIn(conf)}` : noConfReason ?? 'default: no kong.conf given (pass --topology)';
  return { topology: { value: 'traditional', reason }, role: 'traditional' };
}

function withEnvFiles(envFiles: ComposeEnvFiles | undefined): { envFiles?: ComposeEnvFiles } {
  return envFiles ? { envFiles } : {};
}

/**
 * The template a container's `--nginx-conf` names, read as a given one would be. It was not
 * given: a file that is no Kong template (or unreadable) is said in the inputs, not an input error.
 */
function startedTemplate(file: Extract<NginxConfFile, { kind: 'file' }>, maxBytes: number | undefined): { template?: NginxTemplate; why?: string } {
  try {
    return { template: asNginxConf(loadNginxTemplates([file.path], maxBytes)[0], file.by) };
  } catch (error) {
    if (error instanceof InputError) return { why: error.message };
    throw error;
  }
}
