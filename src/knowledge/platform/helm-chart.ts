// Facts about the Kong Helm chart (Kong/charts, charts/kong) that the Helm values input relies
// on: how `env:` entries become Kong settings, the defaults a values file inherits, and which
// image names are Enterprise. Data only; the reader is src/inputs/helm/kong-chart.ts.

import type { FactSource } from '../../model/source';

const CHART = 'Kong/charts:charts/kong';
const AT = '@e76b8003 (chart 3.4.1)';

export const HELM_CHART = {
  /** Every `env.<key>` becomes the container variable `KONG_<KEY upper-cased>`; maps (valueFrom) are copied as they are. */
  envPrefix: 'KONG_',
  /**
   * The chart's own values.yaml sets `env.database: "off"`: a values file that never names
   * `env.database` runs Kong DB-less. README: "By default, this chart installs Kong without a database".
   * Its default image is `repository: kong` (values.yaml line 150), the open-source Docker Official
   * Image: a values file that names no image runs open-source Kong, `enterprise.enabled` or not
   * (the switch adds environment variables, it changes no image: _helpers.tpl lines 1114-1199).
   */
  defaults: { envDatabase: 'off', imageRepository: 'kong' },
  /** Where the default image is written, for reasons. */
  defaultImageAt: `${CHART}/values.yaml:150${AT}`,
  /**
   * The top-level keys of the chart's values.yaml: a values file with none of them is not one of
   * this chart's (Helm would ignore every key of it).
   */
  topLevelKeys: [
    'deployment', 'env', 'envFrom', 'customEnv', 'extraLabels', 'image', 'admin', 'status', 'clusterCaSecretName', 'cluster', 'proxy',
    'udpProxy', 'plugins', 'secretVolumes', 'migrations', 'dblessConfig', 'ingressController', 'postgresql', 'certificates',
    'waitImage', 'updateStrategy', 'resources', 'initContainerResources', 'readinessProbe', 'livenessProbe', 'lifecycle',
    'terminationGracePeriodSeconds', 'tolerations', 'nodeSelector', 'podAnnotations', 'podLabels', 'replicaCount',
    'deploymentAnnotations', 'autoscaling', 'podDisruptionBudget', 'podSecurityPolicy', 'priorityClassName', 'securityContext',
    'containerSecurityContext', 'serviceMonitor', 'enterprise', 'manager', 'portal', 'portalapi', 'clustertelemetry',
    'extraConfigMaps', 'extraSecrets', 'extraObjects',
  ],
  /**
   * `deployment.kong.enabled` (default true): false renders no Kong container. The pod keeps only
   * the ingress controller (deployment.yaml line 1 renders it while either switch is on; the
   * `proxy` container and its init containers sit under this switch, lines 100 and 147), and the
   * migration jobs and every Kong Service (proxy, admin, cluster...) are not rendered at all. Such
   * a release configures the gateways of another release (gateway discovery, which _helpers.tpl
   * line 426 refuses together with this switch on).
   */
  gatewaySwitch: {
    path: ['deployment', 'kong', 'enabled'],
    sources: [
      { kind: 'repo', ref: `${CHART}/templates/deployment.yaml${AT}`, note: 'line 1: if or deployment.kong.enabled ingressController.enabled; line 100 init containers and line 147 the proxy container under deployment.kong.enabled' },
      { kind: 'repo', ref: `${CHART}/templates/migrations.yaml${AT}`, note: 'line 1: if deployment.kong.enabled (so migrations-pre-upgrade.yaml, migrations-post-upgrade.yaml, service-kong-proxy.yaml, service-kong-admin.yaml)' },
      { kind: 'repo', ref: `${CHART}/templates/_helpers.tpl${AT}`, note: 'line 426-427: deployment.kong.enabled and ingressController.gatewayDiscovery.enabled are mutually exclusive (split release)' },
    ] satisfies FactSource[],
  },
  /**
   * The top-level keys above that name Kong's own parts (image, resources and the like are in
   * every chart): two of them in a map of a parent chart's values show Kong's chart configured as
   * a subchart under that key.
   */
  kongOnlyTopLevelKeys: ['env', 'admin', 'proxy', 'ingressController', 'dblessConfig', 'enterprise', 'manager', 'cluster', 'clustertelemetry', 'portal', 'portalapi', 'migrations'],
  /** The chart release these defaults were read from. */
  defaultsFrom: 'Kong chart 3.4.1',
  /**
   * The chart's own `env:` defaults, which Helm merges under every values file: the container
   * gets these `KONG_*` variables unless a values file overrides them or sets them to null.
   * (`router_flavor` since chart 2.13 (2022-09), `nginx_worker_processes` since 2020.)
   */
  defaultEnv: {
    database: 'off',
    router_flavor: 'traditional',
    nginx_worker_processes: '2',
    proxy_access_log: '/dev/stdout',
    admin_access_log: '/dev/stdout',
    admin_gui_access_log: '/dev/stdout',
    portal_api_access_log: '/dev/stdout',
    proxy_error_log: '/dev/stderr',
    admin_error_log: '/dev/stderr',
    admin_gui_error_log: '/dev/stderr',
    portal_api_error_log: '/dev/stderr',
    prefix: '/kong_prefix/',
  } as Record<string, string>,
  /**
   * `enterprise.enabled` (values.yaml line 1165, default false) is tested as `{{ if
   * .Values.enterprise.enabled }}` wherever the chart uses it (_helpers.tpl lines 657, 784, 1060,
   * 1070 and the Enterprise environment block at 1114, which holds the license Secret at 1194;
   * deployment.yaml line 233; service-kong-portal.yaml and service-kong-portal-api.yaml line 2;
   * certificate.yaml lines 21 and 27). Go's `if` takes a string as true when it is not empty, so a
   * quoted "false" turns the block on. `offWords` are texts an operator writes to mean off.
   */
  enterpriseSwitch: {
    path: ['enterprise', 'enabled'],
    offWords: ['false', 'no', 'off', 'n', '0', 'disabled'],
    sources: [
      { kind: 'repo', ref: `${CHART}/templates/_helpers.tpl${AT}`, note: 'lines 657, 784, 1060, 1070, 1114: if .Values.enterprise.enabled; line 1194 license_secret inside that block' },
      { kind: 'repo', ref: `${CHART}/templates/deployment.yaml${AT}`, note: 'line 233: if .Values.enterprise.enabled' },
      { kind: 'repo', ref: `${CHART}/values.yaml${AT}`, note: 'line 1165: enterprise.enabled: false' },
    ] satisfies FactSource[],
  },
  /**
   * Go's template truth, which `if`, `and`, `or` and `not` use: a string, map, slice or array is
   * true when its length is not zero, a number when not zero, a bool as it is, nil false.
   */
  templateTruth: { kind: 'repo', ref: 'golang/go@1ed85ee2:src/text/template/exec.go:324', note: 'func isTrue; lines 330-331: the reflect.String case, truth = val.Len() > 0; line 302: walkIfOrWith (if) calls it' } satisfies FactSource,
  /**
   * `dblessConfig.config` written as a YAML mapping: up to chart 2.3.x the ConfigMap template wrote
   * `kong.yml: |` and the value through `toYaml` below it, so a mapping became kong.yml text; from
   * 2.4.0 the `|` is gone (the mapping lands in the ConfigMap's data, which takes only text), and
   * from 2.15.0 the value goes through `nindent`, which takes only text. Every chart from
   * `refusedFrom` on fails such a release.
   */
  dblessConfigMapping: {
    refusedFrom: '2.4.0',
    sources: [
      { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/config-dbless.yaml@b87a69dc (kong-2.3.0)', note: 'lines 12-13: kong.yml: | then dblessConfig.config | toYaml | indent 4' },
      { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/config-dbless.yaml@f81b0dc2 (kong-2.4.0)', note: 'lines 12-13: kong.yml: without |, then toYaml' },
      { kind: 'repo', ref: 'Kong/charts:charts/kong/templates/config-dbless.yaml@66da8cd2 (kong-2.15.0)', note: 'line 13: kong.yml: | with dblessConfig.config | nindent 4' },
    ] satisfies FactSource[],
  },
  /** Image repositories of Kong Gateway Enterprise; `kong` (Docker Official Image) and `kong/kong` are the open-source builds. */
  enterpriseRepositories: ['kong/kong-gateway'],
  ossRepositories: ['kong', 'kong/kong', 'library/kong'],
  /** `enterprise.license_secret` makes the chart set KONG_LICENSE_DATA from that Secret's `license` key. */
  licenseSecretKey: 'license',
  /**
   * The chart refuses boolean values for env keys containing `_log` (`fail "env.%s must use string
   * 'off' to disable ..."`, _helpers.tpl line 1230, since chart commit c528d424, 2023-02-01): the
   * release does not render. Other booleans are rendered as "true"/"false".
   */
  logKeyBooleanRefused: { keyContains: '_log', since: 'chart commit c528d424 (2023-02-01)' },
  /**
   * `enterprise.enabled: false` with no license: values.yaml lines 1164-1170 say Kong then runs in
   * free mode, with some Enterprise features disabled (free mode itself ends in 3.10, see
   * LICENSE_FACTS.freeModeRemovedIn).
   */
  freeModeWhenDisabled: `${CHART}/values.yaml:1164-1170${AT}`,
  /**
   * Bitnami's kong chart shares some top-level keys with Kong's (image, ingressController,
   * postgresql) but chooses the database with a top-level `database: postgresql|cassandra`
   * (default postgresql) and sets Kong variables under `kong.extraEnvVars`; its image is
   * `bitnami/kong`. Neither key exists in Kong's chart (topLevelKeys above).
   */
  bitnamiChart: {
    markerKeys: { database: 'database', kong: 'kong' },
    source: 'bitnami/charts:bitnami/kong/values.yaml@0030de66 (image.repository bitnami/kong, database: postgresql, kong.extraEnvVars)',
  },
  /**
   * `ingressController.konnect.license.enabled` (values.yaml line 752): inside the chart's
   * `ingressController.konnect.enabled` block (_helpers.tpl lines 537-559) the controller gets
   * CONTROLLER_KONNECT_LICENSING_ENABLED, fetches the license from Konnect and applies it to the
   * gateways it manages. The controller runs while `ingressController.enabled` (default true).
   */
  konnectLicense: {
    controller: ['ingressController', 'enabled'],
    konnect: ['ingressController', 'konnect', 'enabled'],
    license: ['ingressController', 'konnect', 'license', 'enabled'],
    source: `${CHART}/templates/_helpers.tpl:537-559${AT}`,
  },
  /**
   * `ingressController.image` (values.yaml lines 579-587): repository kong/kubernetes-ingress-controller,
   * a tag that moves with the chart release ("3.5" at chart 3.4.1), and `effectiveSemver` for tags
   * that are not a version. The controller runs unless `ingressController.enabled` is false.
   */
  controllerImage: { repository: 'kong/kubernetes-ingress-controller', at: `${CHART}/values.yaml:577-587${AT}` },
  /**
   * The `kong/ingress` chart (Kong/charts charts/ingress) installs the Kong chart twice, as the
   * subcharts `controller` and `gateway` (Chart.yaml dependencies, alias): the gateway's settings
   * are `gateway.env`, `gateway.image`, ... and its own values.yaml adds `gateway.env.role:
   * traditional` and `gateway.env.database: "off"` over the Kong chart's defaults.
   */
  ingressChart: {
    gatewayKey: 'gateway',
    controllerKey: 'controller',
    gatewayEnvDefaults: { role: 'traditional', database: 'off' } as Record<string, string>,
    defaultsFrom: 'kong/ingress chart 0.24.0',
    sources: [
      { kind: 'repo', ref: 'Kong/charts:charts/ingress/Chart.yaml@e76b8003 (chart 0.24.0)', note: 'dependencies: kong aliased controller and gateway' },
      { kind: 'repo', ref: 'Kong/charts:charts/ingress/values.yaml@e76b8003', note: 'gateway.env role: traditional, database: "off"; controller.ingressController.enabled' },
    ] satisfies FactSource[],
  },
  /**
   * Pod helpers the chart runs with a shell command in the Kong image itself, which the distroless
   * image (no shell, no coreutils) cannot run.
   * - `clear-stale-pid` (templates/deployment.yaml lines 102-120): an init container running
   *   `rm -vrf $(KONG_PREFIX)/pids`, on while `deployment.kong.enabled` and
   *   `deployment.kong.initContainers.clearStalePid.enabled` (default true; the switch exists from
   *   chart 3.4.0, commit 688de874, and the container was unconditional before). From chart 3.4.1
   *   (commit 0c11c649) `clearStalePid.image` may name another image for it.
   * - `wait-for-db` (deployment.yaml lines 125-127, _helpers.tpl `kong.wait-for-db`): `/bin/bash -c`
   *   in the Kong image, while `env.database` is not "off" and `waitImage.enabled` (default true).
   * - `wait-for-postgres` (migration jobs, _helpers.tpl `kong.wait-for-postgres`): `bash` in
   *   `waitImage.repository`, else the Kong image, while `postgresql.enabled` and `waitImage.enabled`.
   * `deployment.initContainers` is something else: a list of extra init containers the chart
   * copies into the pod as written (deployment.yaml line 122), so a `clearStalePid` map there
   * turns nothing off.
   */
  shellHelpers: {
    kongEnabled: ['deployment', 'kong', 'enabled'],
    clearStalePid: ['deployment', 'kong', 'initContainers', 'clearStalePid', 'enabled'],
    clearStalePidImage: ['deployment', 'kong', 'initContainers', 'clearStalePid', 'image', 'repository'],
    extraInitContainers: ['deployment', 'initContainers'],
    waitImage: ['waitImage', 'enabled'],
    waitImageRepository: ['waitImage', 'repository'],
    waitImageUnified: ['waitImage', 'unifiedRepoTag'],
    postgresql: ['postgresql', 'enabled'],
    /** Kong's distroless images carry this in their tag (`3.15.0.0-distroless`, `-distroless-fips`). */
    distrolessTag: 'distroless',
    sources: [
      { kind: 'repo', ref: `${CHART}/templates/deployment.yaml${AT}`, note: 'clear-stale-pid under deployment.kong.initContainers.clearStalePid.enabled; deployment.initContainers copied as a list; wait-for-db unless env.database is "off"' },
      { kind: 'repo', ref: `${CHART}/templates/_helpers.tpl${AT}`, note: 'kong.wait-for-db runs /bin/bash in the Kong image; kong.wait-for-postgres runs bash in waitImage or the Kong image' },
      { kind: 'repo', ref: `${CHART}/values.yaml${AT}`, note: 'clearStalePid.enabled true, command rm -vrf; waitImage.enabled true' },
      { kind: 'repo', ref: 'Kong/charts:charts/kong/CHANGELOG.md@e76b8003', note: '3.4.0: the clearStalePid switch; 3.4.1: its image' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md', note: 'Known issues in 3.15.0.0: distroless image with the Helm chart, "rm" not found; its snippet writes deployment.initContainers.clearStalePid, which the chart does not read' },
      { kind: 'repo', ref: 'Kong/developer.konghq.com@bc1cd742:app/_data/support/packages.yml', note: 'distroless docker_tag' },
    ] satisfies FactSource[],
  },
  sources: [
    { kind: 'repo', ref: `${CHART}/values.yaml${AT}`, note: 'env section lines 108-124 (database "off", portal_api_* log defaults for every edition), image.repository kong line 150, enterprise.enabled/license_secret lines 1164-1170 (free mode without license), ingressController.enabled' },
    { kind: 'repo', ref: `${CHART}/templates/_helpers.tpl${AT}`, note: 'define "kong.env": env keys upper-cased behind KONG_, valueFrom maps copied, mergeOverwrite autoEnv < env < customEnv; *_log booleans refused (line 1230); Enterprise-only env only under enterprise.enabled (line 1114); license_secret -> KONG_LICENSE_DATA' },
    { kind: 'repo', ref: `${CHART}/README.md${AT}`, note: 'DB-less by default; env.database; hybrid mode with env.role control_plane / data_plane; image.repository kong/kong-gateway for Enterprise' },
    { kind: 'docs', ref: 'https://helm.sh/docs/chart_template_guide/values_files/', note: 'later -f files override earlier ones; null deletes a key' },
  ] satisfies FactSource[],
} as const;
