// Which Kong Gateway versions each Kong Ingress Controller (KIC) minor works with, and when each
// KIC minor's support ends. A controller that does not know the gateway it drives stops syncing
// configuration (KIC 3.x refuses to start below Kong 3.4.1), so a gateway upgrade under KIC is
// also a controller upgrade. Data only; read by rules/platform/ingress-controller.ts.
//
// The ranges are the lowest and highest gateway minors the compatibility tables mark as working
// for the controller. Tables of different eras list different gateway rows, so a gateway above
// `to` is only known to fail when `incompatibleFrom` says so; otherwise the tables are silent.

import type { FactSource } from '../../model/source';
import { KongVersion } from '../../version/kong-version';

export interface GatewayRange {
  /** Lowest and highest gateway minor marked compatible (`2.0`, `3.12`). */
  from: string;
  to: string;
  /**
   * The first gateway minor above `to` that the tables mark incompatible (or that needs a
   * translation the controller does not have); absent when the tables stop at `to`.
   */
  incompatibleFrom?: string;
}

export interface ControllerMinor {
  /** `0.8`, `2.12`; `0.0` stands for every 0.0.x release. */
  minor: string;
  /** Open-source Kong Gateway; Enterprise (`null`: the tables mark no Enterprise version). */
  oss: GatewayRange;
  enterprise: GatewayRange | null;
  /** The lowest gateway patch the controller accepts, when narrower than its first minor. */
  minimumGateway?: string;
  released: string;
  endOfSupport: string;
  lts?: boolean;
  /** Key into KIC_SOURCES of the table the ranges come from. */
  table: keyof typeof TABLES;
}

const DOCS_OLD = 'Kong/docs.konghq.com';
const TABLES = {
  v1: `${DOCS_OLD}:app/kubernetes-ingress-controller/1.3.x/references/version-compatibility.md@3721f1a6`,
  v2_0: `${DOCS_OLD}:app/kubernetes-ingress-controller/2.0.x/references/version-compatibility.md@3721f1a6`,
  v2_7: `${DOCS_OLD}:app/_src/kubernetes-ingress-controller/references/version-compatibility.md@c3762dc7`,
  v3_1: `${DOCS_OLD}:app/_src/kic-v2/references/version-compatibility.md@fb0334b0`,
  current: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/version-compatibility.md@bc1cd742',
} as const;

/**
 * Controllers older than 2.7 are taken as not working with Kong 3.x: the tables that list Kong
 * 3.0 rows mark KIC 2.1-2.6 incompatible and start at 2.7, and the controller only learned the
 * `~` prefix Kong 3.0 requires on regex paths in 2.6 (internal/versions/versions.go
 * ExplicitRegexPathVersionCutoff, absent at v2.5.0). Older tables simply have no 3.x rows.
 */
const KONG_3_REGEX = '3.0';

export const KIC_MINORS: readonly ControllerMinor[] = [
  { minor: '0.0', oss: { from: '0.13', to: '0.13', incompatibleFrom: '0.14' }, enterprise: { from: '0.32', to: '0.34', incompatibleFrom: '0.35' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.1', oss: { from: '0.13', to: '0.13', incompatibleFrom: '0.14' }, enterprise: { from: '0.32', to: '0.34', incompatibleFrom: '0.35' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.2', oss: { from: '0.14', to: '0.14', incompatibleFrom: '1.0' }, enterprise: null, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.3', oss: { from: '1.0', to: '1.2', incompatibleFrom: '1.3' }, enterprise: { from: '0.35', to: '0.35', incompatibleFrom: '0.36' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.4', oss: { from: '1.0', to: '1.2', incompatibleFrom: '1.3' }, enterprise: { from: '0.35', to: '0.35', incompatibleFrom: '0.36' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.5', oss: { from: '1.0', to: '1.3', incompatibleFrom: '1.4' }, enterprise: { from: '0.35', to: '0.35', incompatibleFrom: '0.36' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.6', oss: { from: '1.0', to: '1.4', incompatibleFrom: '1.5' }, enterprise: { from: '0.35', to: '1.3', incompatibleFrom: '1.5' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.7', oss: { from: '1.0', to: '2.0', incompatibleFrom: '2.1' }, enterprise: { from: '0.35', to: '1.5', incompatibleFrom: '2.1' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.8', oss: { from: '1.2', to: '2.0', incompatibleFrom: '2.1' }, enterprise: { from: '0.36', to: '1.5', incompatibleFrom: '2.1' }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.9', oss: { from: '1.4', to: '2.6', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '1.5', to: '2.6', incompatibleFrom: KONG_3_REGEX }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '0.10', oss: { from: '1.5', to: '2.6', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '1.5', to: '2.6', incompatibleFrom: KONG_3_REGEX }, released: '2018-06-02', endOfSupport: '2019-06-02', table: 'v1' },
  { minor: '1.0', oss: { from: '2.0', to: '2.7', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '2.1', to: '2.7', incompatibleFrom: KONG_3_REGEX }, released: '2020-10-05', endOfSupport: '2021-10-05', table: 'v2_0' },
  { minor: '1.1', oss: { from: '2.0', to: '2.7', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '2.1', to: '2.7', incompatibleFrom: KONG_3_REGEX }, released: '2020-12-09', endOfSupport: '2021-12-09', table: 'v2_0' },
  { minor: '1.2', oss: { from: '2.0', to: '2.7', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '2.1', to: '2.7', incompatibleFrom: KONG_3_REGEX }, released: '2021-03-24', endOfSupport: '2022-03-24', table: 'v2_0' },
  { minor: '1.3', oss: { from: '2.0', to: '2.7', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '2.1', to: '2.7', incompatibleFrom: KONG_3_REGEX }, released: '2021-05-27', endOfSupport: '2022-05-27', table: 'v2_0' },
  { minor: '2.0', oss: { from: '2.0', to: '2.7', incompatibleFrom: KONG_3_REGEX }, enterprise: { from: '2.1', to: '2.7', incompatibleFrom: KONG_3_REGEX }, released: '2021-10-07', endOfSupport: '2022-10-07', table: 'v2_0' },
  { minor: '2.1', oss: { from: '2.0', to: '2.8', incompatibleFrom: '3.0' }, enterprise: { from: '2.1', to: '2.8', incompatibleFrom: '3.0' }, released: '2022-01-05', endOfSupport: '2023-01-05', table: 'v2_7' },
  { minor: '2.2', oss: { from: '2.0', to: '2.8', incompatibleFrom: '3.0' }, enterprise: { from: '2.1', to: '2.8', incompatibleFrom: '3.0' }, released: '2022-02-04', endOfSupport: '2023-02-04', table: 'v2_7' },
  { minor: '2.3', oss: { from: '2.0', to: '2.8', incompatibleFrom: '3.0' }, enterprise: { from: '2.1', to: '2.8', incompatibleFrom: '3.0' }, released: '2022-04-05', endOfSupport: '2023-04-05', table: 'v2_7' },
  { minor: '2.4', oss: { from: '2.0', to: '2.8', incompatibleFrom: '3.0' }, enterprise: { from: '2.1', to: '2.8', incompatibleFrom: '3.0' }, released: '2022-06-15', endOfSupport: '2023-06-15', table: 'v2_7' },
  { minor: '2.5', oss: { from: '2.0', to: '2.8', incompatibleFrom: '3.0' }, enterprise: { from: '2.1', to: '2.8', incompatibleFrom: '3.0' }, released: '2022-07-11', endOfSupport: '2025-03-01', lts: true, table: 'v2_7' },
  { minor: '2.6', oss: { from: '2.0', to: '2.8', incompatibleFrom: '3.0' }, enterprise: { from: '2.1', to: '2.8', incompatibleFrom: '3.0' }, released: '2022-09-15', endOfSupport: '2023-09-15', table: 'v3_1' },
  { minor: '2.7', oss: { from: '2.0', to: '3.6' }, enterprise: { from: '2.1', to: '3.6' }, released: '2022-09-27', endOfSupport: '2023-09-27', table: 'v3_1' },
  { minor: '2.8', oss: { from: '2.0', to: '3.6' }, enterprise: { from: '2.1', to: '3.6' }, released: '2022-12-19', endOfSupport: '2023-12-19', table: 'v3_1' },
  { minor: '2.9', oss: { from: '2.0', to: '3.6' }, enterprise: { from: '2.1', to: '3.6' }, released: '2023-03-09', endOfSupport: '2024-03-09', table: 'v3_1' },
  { minor: '2.10', oss: { from: '2.0', to: '3.6' }, enterprise: { from: '2.1', to: '3.6' }, released: '2023-06-02', endOfSupport: '2024-06-02', table: 'v3_1' },
  { minor: '2.11', oss: { from: '2.0', to: '3.6' }, enterprise: { from: '2.1', to: '3.6' }, released: '2023-08-09', endOfSupport: '2024-08-09', table: 'v3_1' },
  // 2.12 is listed by both the kic-v2 table (2.0-3.6) and the current one (2.8, 3.4-3.12).
  { minor: '2.12', oss: { from: '2.0', to: '3.12' }, enterprise: { from: '2.1', to: '3.12' }, released: '2023-09-25', endOfSupport: '2026-09-25', lts: true, table: 'current' },
  // KIC 3.x refuses to start against, or to discover, a gateway below 3.4.1 (CHANGELOG 3.0.0).
  { minor: '3.0', oss: { from: '3.4', to: '3.12' }, enterprise: { from: '3.4', to: '3.12' }, minimumGateway: '3.4.1', released: '2023-11-03', endOfSupport: '2024-11-03', table: 'current' },
  { minor: '3.1', oss: { from: '3.4', to: '3.12' }, enterprise: { from: '3.4', to: '3.12' }, minimumGateway: '3.4.1', released: '2024-02-07', endOfSupport: '2025-02-07', table: 'current' },
  { minor: '3.2', oss: { from: '3.4', to: '3.12' }, enterprise: { from: '3.4', to: '3.12' }, minimumGateway: '3.4.1', released: '2024-06-12', endOfSupport: '2025-06-12', table: 'current' },
  { minor: '3.3', oss: { from: '3.4', to: '3.12' }, enterprise: { from: '3.4', to: '3.12' }, minimumGateway: '3.4.1', released: '2024-08-26', endOfSupport: '2025-08-26', table: 'current' },
  { minor: '3.4', oss: { from: '3.4', to: '3.12' }, enterprise: { from: '3.4', to: '3.12' }, minimumGateway: '3.4.1', released: '2024-12-18', endOfSupport: '2027-12-18', lts: true, table: 'current' },
  { minor: '3.5', oss: { from: '3.4', to: '3.12' }, enterprise: { from: '3.4', to: '3.12' }, minimumGateway: '3.4.1', released: '2025-07-04', endOfSupport: '2027-12-18', table: 'current' },
];

/** The docs pages the support policy and the upgrade advice live on. */
export const KIC_DOCS = {
  compatibility: 'https://developer.konghq.com/kubernetes-ingress-controller/version-compatibility/',
  support: 'https://developer.konghq.com/kubernetes-ingress-controller/support/',
  upgrade: 'https://developer.konghq.com/kubernetes-ingress-controller/faq/upgrading-gateway/',
} as const;

export const KIC_SOURCES: readonly FactSource[] = [
  { kind: 'repo', ref: TABLES.current, note: 'Kong Gateway table: KIC 2.12 with 2.8.x and 3.4.x-3.12.x, KIC 3.0-3.5 with 3.4.x-3.12.x' },
  { kind: 'repo', ref: 'Kong/developer.konghq.com:app/kubernetes-ingress-controller/support.md@bc1cd742', note: 'release and end-of-support dates per KIC minor (0.x.x one row); 2.5, 2.12 and 3.4 are LTS' },
  { kind: 'repo', ref: TABLES.v3_1, note: 'KIC 2.6-3.1 against Kong 1.5-3.6 and Enterprise 1.5-3.6: 2.6 marked incompatible with 3.x' },
  { kind: 'repo', ref: TABLES.v2_7, note: 'KIC 2.1-2.7 against Kong up to 3.0: only 2.7 marked compatible with 3.0' },
  { kind: 'repo', ref: TABLES.v2_0, note: 'KIC 1.0-2.0 against Kong 1.0-2.7: Kong 1.x marked incompatible' },
  { kind: 'repo', ref: TABLES.v1, note: 'KIC 0.0.x-1.3 against Kong 0.13-2.6 and Enterprise 0.32-2.6' },
  { kind: 'changelog', ref: 'Kong/kubernetes-ingress-controller:CHANGELOG.md@1fa68f86', note: '3.0.0 breaking change: only Kong Gateway 3.4.1 or later; 2.6.0: Kong 3.x regex paths need the controller\'s handling' },
  { kind: 'repo', ref: 'Kong/kubernetes-ingress-controller:internal/versions/versions.go@v3.0.0', note: 'KICv3VersionCutoff 3.4.1; ExplicitRegexPathVersionCutoff (Kong 3.0) first at v2.6.0' },
];

export { TABLES as KIC_TABLES };

/** The compatibility facts of a controller minor (`2.12`), or undefined when not in the tables. */
export function controllerMinor(minor: string): ControllerMinor | undefined {
  return KIC_MINORS.find((m) => m.minor === minor);
}

export type Fit =
  | { kind: 'fits' }
  /** The gateway is older than the controller accepts (KIC 3.x below 3.4.1). */
  | { kind: 'gatewayTooOld'; lowest: string }
  /** The gateway is past what the controller works with. */
  | { kind: 'gatewayTooNew'; highest: string }
  /** The tables stop below the gateway and say nothing about it. */
  | { kind: 'unlisted'; highest: string };

const minorOf = (text: string) => KongVersion.parse(text, 'minor').truncate('minor');

/** How a controller minor fits a gateway version (`target` concrete, e.g. 3.4.3.29) of an edition. */
export function controllerFit(controller: ControllerMinor, target: KongVersion, edition: 'oss' | 'enterprise'): Fit {
  const range = edition === 'enterprise' ? controller.enterprise : controller.oss;
  if (!range) return { kind: 'gatewayTooNew', highest: 'none' };
  const minor = target.truncate('minor');
  if (minor.lt(minorOf(range.from))) return { kind: 'gatewayTooOld', lowest: controller.minimumGateway ?? range.from };
  if (controller.minimumGateway && target.lt(KongVersion.parse(controller.minimumGateway))) return { kind: 'gatewayTooOld', lowest: controller.minimumGateway };
  if (minor.lte(minorOf(range.to))) return { kind: 'fits' };
  if (range.incompatibleFrom && minor.gte(minorOf(range.incompatibleFrom))) return { kind: 'gatewayTooNew', highest: range.to };
  return { kind: 'unlisted', highest: range.to };
}

/** The controller minors the tables list as working with the target, oldest first. */
export function controllersFor(target: KongVersion, edition: 'oss' | 'enterprise'): ControllerMinor[] {
  return KIC_MINORS.filter((m) => controllerFit(m, target, edition).kind === 'fits');
}

/** True once the controller minor's end of support has passed. */
export function pastEndOfSupport(controller: ControllerMinor, now: Date): boolean {
  return new Date(`${controller.endOfSupport}T23:59:59Z`).getTime() < now.getTime();
}
