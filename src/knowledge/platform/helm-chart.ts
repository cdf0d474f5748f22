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
   */
  defaults: { envDatabase: 'off', imageRepository: 'kong' },
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
  /** Image repositories of Kong Gateway Enterprise; `kong` (Docker Official Image) and `kong/kong` are the open-source builds. */
  enterpriseRepositories: ['kong/kong-gateway'],
  ossRepositories: ['kong', 'kong/kong', 'library/kong'],
  /** `enterprise.license_secret` makes the chart set KONG_LICENSE_DATA from that Secret's `license` key. */
  licenseSecretKey: 'license',
  /** The chart refuses boolean values for `*_log` keys; other booleans are rendered as "true"/"false". */
  logKeyBooleanRefused: true,
  sources: [
    { kind: 'repo', ref: `${CHART}/values.yaml${AT}`, note: 'env section (database "off" default), image.repository/tag/effectiveSemver, enterprise.enabled/license_secret, ingressController.enabled' },
    { kind: 'repo', ref: `${CHART}/templates/_helpers.tpl${AT}`, note: 'define "kong.env": env keys upper-cased behind KONG_, valueFrom maps copied, mergeOverwrite autoEnv < env < customEnv; *_log booleans refused; license_secret -> KONG_LICENSE_DATA' },
    { kind: 'repo', ref: `${CHART}/README.md${AT}`, note: 'DB-less by default; env.database; hybrid mode with env.role control_plane / data_plane; image.repository kong/kong-gateway for Enterprise' },
    { kind: 'docs', ref: 'https://helm.sh/docs/chart_template_guide/values_files/', note: 'later -f files override earlier ones; null deletes a key' },
  ] satisfies FactSource[],
} as const;
