// The upgrade plan: the route from the installed version to the target, as hops, plus the
// strategies the topology allows. Plain data (JSON-serialisable apart from versions) so reporters
// can print it as is.

import type { KongVersion } from '../version/kong-version';
import type { FactSource } from '../model/source';

export type Topology = 'traditional' | 'hybrid' | 'dbless';
/** The node's part in its topology; hybrid has two roles that upgrade differently. */
export type Role = 'traditional' | 'control_plane' | 'data_plane' | 'dbless';
export type Edition = 'oss' | 'enterprise';
export type StrategyId = 'dual-cluster' | 'in-place' | 'blue-green' | 'rolling';

export interface Strategy {
  id: StrategyId;
  recommended: boolean;
  /** Why it is or is not recommended here, in our words. */
  note?: string;
  docsUrl?: string;
}

/**
 * Which guarantee covers a hop: the docs guarantee patch, adjacent-minor and adjacent-LTS upgrades;
 * `documented` hops (2.8 -> 3.1.1.3, 3.0.x -> 3.4.x) rest on a table or a changelog entry alone.
 */
export type HopCoverage = 'patch' | 'adjacent-minor' | 'adjacent-lts' | 'documented';

export interface Hop {
  /** The version before this hop, as the route writes it (`2.8.x`, `3.1.1.3`). */
  from: string;
  /** The version this hop installs, as the route writes it (`3.1.1.3`, `3.2.x`). */
  to: string;
  /** Concrete versions used to decide which changes a hop crosses. */
  fromVersion: KongVersion;
  toVersion: KongVersion;
  /** `2.8.x -> 3.1.1.3`, the text findings carry. */
  label: string;
  /** Set when a hop is needed only in some cases: `blue-green` (2.8.2.x, needed for blue-green upgrades only). */
  condition?: string;
  note?: string;
  covers?: HopCoverage;
  /** The LTS upgrade guide for an adjacent-LTS hop. */
  guideUrl?: string;
}

export interface Route {
  kind: 'primary' | 'alternative';
  /** Which rulebook produced it: the seed's per-target table, a later docs table, the guaranteed-path rules, the LTS guide. */
  basis: 'seed-table' | 'later-table' | 'guaranteed-paths' | 'lts-direct';
  hops: Hop[];
  strategies: Strategy[];
  note?: string;
  sources: FactSource[];
}

/** A path-level problem (no supported route, 1.x source, hybrid 3.1.0.0 special case...). */
export interface PlanProblem {
  id: string;
  severity: 'blocker' | 'warning' | 'info';
  message: string;
  remediation?: string;
  docsUrl?: string;
  sources: FactSource[];
}

/**
 * Where the node's gateway configuration is kept when it is not the node's own kong.conf,
 * database or declarative file: Kubernetes resources a Kong Ingress Controller translates, or a
 * Konnect control plane whose database Kong manages. Backup and checklist advice follow it.
 */
export interface ConfigSource {
  kind: 'ingress-controller' | 'konnect';
  /** What showed it (`ingressController.enabled not written: ...`, `konnect_mode = on at kong.conf:4`). */
  reason: string;
}

export interface Plan {
  /** Concrete versions: the oldest release `--from` covers and the newest `--to` covers. */
  from: KongVersion;
  to: KongVersion;
  /** The versions as the user wrote them (`2.8.x`, `3.4.x`), before they were made concrete. */
  requested?: { from: KongVersion; to: KongVersion };
  topology: Topology;
  role: Role;
  edition: Edition;
  /** The primary route's hops, in order. */
  hops: Hop[];
  /** Other documented routes (minor-by-minor when the primary is an LTS jump, later docs tables...). */
  alternatives: Route[];
  /** Strategies for the primary route and this topology, recommended first. */
  strategies: Strategy[];
  problems: PlanProblem[];
  basis: Route['basis'];
  sources: FactSource[];
  /** Set by the installation when the configuration lives elsewhere (see ConfigSource). */
  configSource?: ConfigSource;
  /**
   * Set when the files given run no gateway (Helm values of a controller-only release) and no
   * kong.conf of one was given: why (`deployment.kong.enabled is false at values.yaml:3: ...`). Topology and steps are then those of the gateway release
   * that the controller drives.
   */
  gatewayElsewhere?: string;
}
