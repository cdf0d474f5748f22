// The rule contract, shaped like ESLint's: metadata that tools can list and document, plus a
// `check` that reports through its context. Rules never read files or query databases.

import type { Entity, EntityType } from '../model/entities';
import type { Severity } from '../model/finding';
import type { Origin } from '../model/origin';
import type { FactSource } from '../model/source';
import type { Edition, Hop, Plan, Role, Topology } from '../plan/types';
import type { KongVersion } from '../version/kong-version';
import type { InputName, Inputs } from './inputs';

/** When a rule applies. Everything left out means "any". */
export interface RuleGate {
  /** The change happens in this version: the rule runs only when from < introducedIn <= to. */
  introducedIn?: string;
  editions?: Edition[];
  topologies?: Topology[];
  roles?: Role[];
}

export interface RuleMeta<MessageId extends string> {
  /** `area/what-it-catches`, also the file path under rules/ and the docs page name. */
  id: string;
  /** One sentence starting with a verb. */
  description: string;
  severity: Severity;
  inputs: InputName[];
  /**
   * Inputs of which at least one must be present, for a rule that can work from either source
   * (it reads them with `optionalInput`). With none of them the rule is not evaluated.
   */
  anyInputs?: InputName[];
  gate?: RuleGate;
  /** Message templates with `{{placeholders}}`, keyed by messageId. */
  messages: Record<MessageId, string>;
  /** What the operator should do, in general terms; a report may refine it per finding. */
  remediation: string;
  docsUrl: string;
  sources: FactSource[];
  /**
   * For rules that cover several changes (the data-driven kong.conf rules): each change with the
   * version it happens in, so listings can say where a rule bites. A rule with one change uses
   * `gate.introducedIn` instead.
   */
  changes?: RuleChange[];
  /**
   * The breaking-change catalogue entries (src/knowledge/breaking-changes) this rule detects. An
   * entry on the path that no evaluated rule lists goes to the report's manual-review list.
   */
  catalog?: string[];
  /** `uncertain` when the fact is not settled: such a rule must not raise blockers. */
  confidence?: 'high' | 'uncertain';
  /**
   * Data fields that describe the moment rather than the finding (a file's date, a size): left
   * out of fingerprints, so a baselined finding stays baselined when only they change.
   */
  volatileData?: string[];
  /**
   * Data fields that name Kong releases as the facts do, in Enterprise numbering (`since`,
   * `fixedIn`, or a text such as `3.4.1.0 (to \`1000\`) and 3.6.0.0`). The message names them as
   * the report's edition numbers its releases (3.4.1 on open source); `data` keeps the fact's
   * value for the programs that read it and for fingerprints.
   */
  versionData?: string[];
}

export interface RuleChange {
  /** A stable id of the fact (`conf.privileged-agent.renamed`). */
  id: string;
  introducedIn: string;
  editions?: Edition[];
  /** What changes, in a few words (the keys concerned). */
  what: string;
}

export interface ReportDescriptor<MessageId extends string> {
  messageId: MessageId;
  at: Origin;
  /** Further places the finding is about (see Finding.alsoAt). */
  alsoAt?: Origin[];
  data?: Record<string, string | number | boolean>;
  /** Overrides the rule's default severity for this finding (deprecation vs removal). */
  severity?: Severity;
  /** The version the change happens in, when it differs from the gate's; the engine turns it into the hop. */
  since?: string | KongVersion;
  remediation?: string;
  docsUrl?: string;
}

export interface RuleContext<MessageId extends string> {
  readonly ruleId: string;
  readonly plan: Plan;
  /** A declared input; the engine guarantees it is present. */
  input<K extends InputName>(name: K): NonNullable<Inputs[K]>;
  /** An input the rule may use when present but does not require. */
  optionalInput<K extends InputName>(name: K): Inputs[K] | undefined;
  /** True when a change introduced in `version` lies on the path. */
  crosses(version: string | KongVersion): boolean;
  hopFor(version: string | KongVersion): Hop | undefined;
  /** The moment the check runs; rules that compare dates use this, not `new Date()`, so tests can pin it. */
  readonly now: Date;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

/**
 * Entity visitors a rule may return from `check`, as ESLint rules return node visitors: the
 * engine walks each entity type once (streaming database rows) and calls every rule's visitor.
 */
export type EntityVisitors = Partial<Record<EntityType, (entity: Entity) => void>>;

export type CheckResult = void | EntityVisitors;

export interface Rule<MessageId extends string = string> {
  meta: RuleMeta<MessageId>;
  check(context: RuleContext<MessageId>): CheckResult | Promise<CheckResult>;
}

/** Identity at run time; at compile time it ties messageIds in `report` to `meta.messages`. */
export function defineRule<MessageId extends string>(
  rule: RuleMeta<MessageId> & { check(context: RuleContext<MessageId>): CheckResult | Promise<CheckResult> },
): Rule<MessageId> {
  const { check, ...meta } = rule;
  return { meta, check };
}
