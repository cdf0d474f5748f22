// Runs every registered rule against one installation: gate on the plan, check inputs, collect
// findings. A rule that throws becomes an internal error with its id; the others keep running.

import type { Finding, InternalError, NotEvaluated, Severity } from '../model/finding';
import { hopCrossing, pathCrosses } from '../plan/gate';
import type { Plan } from '../plan/types';
import type { KongVersion } from '../version/kong-version';
import { HIDDEN_VALUE, isSecretName } from '../knowledge/conf/sensitive';
import { releasesInTextForEdition } from '../knowledge/releases';
import { ENTITY_TYPES, type Entity, type EntitySource, type EntityType } from '../model/entities';
import type { EntityVisitors, ReportDescriptor, Rule, RuleContext } from './define-rule';
import type { Inputs, MissingInputReasons } from './inputs';

export interface RunOptions {
  plan: Plan;
  /** Loaded inputs; absent ones make rules that need them "not evaluated". */
  inputs?: Inputs;
  /** Why absent inputs are absent; the default reason names the flag to add. */
  missing?: MissingInputReasons;
  /** Rule ids turned off by configuration. */
  disabled?: ReadonlySet<string>;
  /** Per-rule severity overrides from configuration. */
  severityOverrides?: ReadonlyMap<string, Severity>;
  now?: Date;
  /**
   * Shown every entity of the types it asks for during the rules' walk, whether or not a rule
   * wants them: the report's hiding by value collects entity secrets so, without a walk of its own.
   */
  observer?: EntityObserver;
}

export interface EntityObserver {
  typesFor(kind: EntitySource['kind']): ReadonlySet<EntityType>;
  see(entity: Entity): void;
}

export interface NotApplicable {
  ruleId: string;
  /** `path` (the change is not on this path), `edition`, `topology`, `role`, `disabled`. */
  reason: string;
}

export interface RunResult {
  findings: Finding[];
  notEvaluated: NotEvaluated[];
  notApplicable: NotApplicable[];
  internalErrors: InternalError[];
  /** Ids of the rules that ran. */
  evaluated: string[];
}

export async function runRules(rules: readonly Rule[], options: RunOptions): Promise<RunResult> {
  const result: RunResult = { findings: [], notEvaluated: [], notApplicable: [], internalErrors: [], evaluated: [] };
  const visiting: { rule: Rule; visitors: EntityVisitors; found: Finding[] }[] = [];
  for (const source of options.inputs?.entities ?? []) source.knowInstalledVersion?.(options.plan.from);
  for (const rule of rules) {
    const id = rule.meta.id;
    const skip = applicability(rule, options);
    if (skip) {
      result.notApplicable.push({ ruleId: id, reason: skip });
      continue;
    }
    const absent = rule.meta.inputs.filter((name) => isAbsent(options.inputs?.[name]));
    const anyOf = rule.meta.anyInputs ?? [];
    if (anyOf.length > 0 && anyOf.every((name) => isAbsent(options.inputs?.[name]))) absent.push(...anyOf);
    if (absent.length > 0) {
      const reasons = absent.map((name) => options.missing?.[name] ?? `no ${name} input given`);
      result.notEvaluated.push({ ruleId: id, reason: reasons.join('; ') });
      continue;
    }
    const found: Finding[] = [];
    try {
      const visitors = await rule.check(createContext(rule, options, found));
      if (visitors && Object.keys(visitors).length > 0) visiting.push({ rule, visitors, found });
      else {
        appendAll(result.findings, found);
        result.evaluated.push(id);
      }
    } catch (error) {
      result.internalErrors.push({ ruleId: id, message: errorMessage(error) });
    }
  }
  await walkEntities(visiting, options.inputs?.entities ?? [], result, options.observer);
  return result;
}

/** An entity list with no source counts as absent, like an undefined input. */
function isAbsent(value: unknown): boolean {
  return value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * Walks every entity type once per source and hands each entity to every rule that asked for it.
 * A visitor that throws fails only its own rule; its findings are dropped with it.
 */
async function walkEntities(
  visiting: { rule: Rule; visitors: EntityVisitors; found: Finding[] }[],
  sources: readonly EntitySource[],
  result: RunResult,
  observer: EntityObserver | undefined,
): Promise<void> {
  if (visiting.length === 0 && !observer) return;
  // This loop runs once per entity and rule (a million times on a 50,000-route file): the
  // failure of a rule is a field on its entry, not a lookup by id.
  const walkers = visiting.map((v) => ({ ...v, failure: undefined as string | undefined }));
  // The observer is one more visitor, on a walker of its own that never fails: an error there
  // ends the check after the walk, since the report could not be trusted to hide what it missed.
  const observerWalker = { failure: undefined as string | undefined };
  let observerError: unknown;
  const observe = observer && ((entity: Entity): void => {
    if (observerError !== undefined) return;
    try {
      observer.see(entity);
    } catch (error) {
      observerError = error;
    }
  });
  type Walker = (typeof walkers)[number];
  const dispatch = (interested: readonly Walker[], visitors: readonly ((entity: Entity) => void)[], entity: Entity): void => {
    for (let i = 0; i < visitors.length; i++) {
      const walker = interested[i];
      if (walker.failure !== undefined) continue;
      try {
        visitors[i](entity);
      } catch (error) {
        walker.failure = errorMessage(error);
      }
    }
  };
  for (const source of sources) {
    const byType = new Map<EntityType, { interested: Walker[]; visitors: ((entity: Entity) => void)[] }>();
    const observed = observer?.typesFor(source.kind);
    for (const type of ENTITY_TYPES) {
      const interested = walkers.filter((w) => w.visitors[type] && w.failure === undefined);
      const visitors = interested.map((w) => w.visitors[type]!);
      if (observe && observed?.has(type)) {
        interested.push(observerWalker as Walker);
        visitors.push(observe);
      }
      if (interested.length > 0) byType.set(type, { interested, visitors });
    }
    if (source.eachOf) {
      // A source that can hand out every wanted type in one pass (a parsed file) does so.
      await source.eachOf(new Set(byType.keys()), (entity: Entity) => {
        const to = byType.get(entity.type)!;
        dispatch(to.interested, to.visitors, entity);
      });
      continue;
    }
    for (const [type, { interested, visitors }] of byType) {
      await source.each(type, (entity: Entity) => dispatch(interested, visitors, entity));
    }
  }
  if (observerError !== undefined) throw observerError;
  for (const w of walkers) {
    const id = w.rule.meta.id;
    if (w.failure !== undefined) result.internalErrors.push({ ruleId: id, message: w.failure });
    else {
      appendAll(result.findings, w.found);
      result.evaluated.push(id);
    }
  }
}

/**
 * `target.push(...items)` passes every item as an argument, and V8 runs out of stack near
 * 150,000 of them: one rule reporting on every route of a 200,000-route database did.
 */
function appendAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Why a rule does not apply to this plan, or undefined when it does. */
function applicability(rule: Rule, options: RunOptions): string | undefined {
  const { plan } = options;
  const gate = rule.meta.gate ?? {};
  if (options.disabled?.has(rule.meta.id)) return 'disabled';
  if (gate.editions && !gate.editions.includes(plan.edition)) return `edition: applies to ${gate.editions.join(', ')}`;
  if (gate.topologies && !gate.topologies.includes(plan.topology)) return `topology: applies to ${gate.topologies.join(', ')}`;
  if (gate.roles && !gate.roles.includes(plan.role)) return `role: applies to ${gate.roles.join(', ')}`;
  if (gate.introducedIn && !pathCrosses(plan, gate.introducedIn)) return `path: the change in ${gate.introducedIn} is not on ${plan.from} -> ${plan.to}`;
  return undefined;
}

function createContext<M extends string>(rule: Rule<M>, options: RunOptions, sink: Finding[]): RuleContext<M> {
  const { meta } = rule;
  const { plan } = options;
  // The hop a change falls in depends only on its version: worked out once per version.
  const hops = new Map<string, string | undefined>();
  const hopLabel = (since: string | KongVersion): string | undefined => {
    const key = since.toString();
    if (!hops.has(key)) hops.set(key, hopCrossing(plan, since)?.label);
    return hops.get(key);
  };
  // Open-source reports name releases with three parts, Enterprise reports with four; a text is
  // renamed once, not per finding.
  const named = new Map<string, string>();
  const showRelease = meta.versionData?.length
    ? (text: string): string => {
      let shown = named.get(text);
      if (shown === undefined) named.set(text, (shown = releasesInTextForEdition(text, plan.edition)));
      return shown;
    }
    : undefined;
  return {
    ruleId: meta.id,
    plan,
    now: options.now ?? new Date(),
    input(name) {
      const value = options.inputs?.[name];
      if (value === undefined) throw new Error(`rule ${meta.id} used input "${name}" without declaring it`);
      return value as NonNullable<typeof value>;
    },
    optionalInput(name) {
      return options.inputs?.[name];
    },
    crosses: (version) => pathCrosses(plan, version),
    hopFor: (version) => hopCrossing(plan, version),
    report(descriptor: ReportDescriptor<M>) {
      const template = meta.messages[descriptor.messageId];
      if (template === undefined) {
        throw new TypeError(`rule ${meta.id} reported unknown messageId "${descriptor.messageId}"`);
      }
      const data = descriptor.data ? withoutSecrets(descriptor.data) : undefined;
      const shown = data && showRelease ? releasesShown(data, meta.versionData!, showRelease) : data;
      const since = descriptor.since ?? meta.gate?.introducedIn;
      const hop = since !== undefined ? hopLabel(since) : undefined;
      // Built key by key: a rule may report tens of thousands of findings, and each
      // conditional spread would cost an object more.
      const finding: Finding = {
        ruleId: meta.id,
        messageId: descriptor.messageId,
        severity: effectiveSeverity(rule, descriptor.severity, options),
        message: interpolate(template, shown ?? {}),
        location: descriptor.at,
      };
      if (descriptor.alsoAt?.length) finding.alsoAt = descriptor.alsoAt;
      if (hop) finding.hop = hop;
      finding.remediation = descriptor.remediation ?? meta.remediation;
      finding.docsUrl = descriptor.docsUrl ?? meta.docsUrl;
      if (data) finding.data = data;
      sink.push(finding);
    },
  };
}

/** The data a message is written from: the rule's version fields named as the edition numbers releases. */
function releasesShown(
  data: Record<string, string | number | boolean>,
  keys: readonly string[],
  show: (text: string) => string,
): Record<string, string | number | boolean> {
  let shown = data;
  for (const key of keys) {
    const value = data[key];
    if (typeof value !== 'string') continue;
    const renamed = show(value);
    if (renamed === value) continue;
    if (shown === data) shown = { ...data };
    shown[key] = renamed;
  }
  return shown;
}

/**
 * The last guard before a value reaches a report: when a finding's data names a secret property
 * or field (`key: pg_password`, `field: config.redis.password`), its `value` is replaced. Rules
 * already hide such values themselves; this also covers third-party rules and new ones.
 */
function withoutSecrets(data: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  if (data.value === undefined || data.value === HIDDEN_VALUE) return data;
  const named = namesSecret(data.key) || namesSecret(data.field) || namesSecret(data.property);
  if (!named) return data;
  return { ...data, value: HIDDEN_VALUE };
}

function namesSecret(name: string | number | boolean | undefined): boolean {
  return typeof name === 'string' && isSecretName(name);
}

/** Configuration overrides win; a rule built on an uncertain fact never raises a blocker. */
function effectiveSeverity(rule: Rule, reported: Severity | undefined, options: RunOptions): Severity {
  const override = options.severityOverrides?.get(rule.meta.id);
  const severity = override ?? reported ?? rule.meta.severity;
  if (rule.meta.confidence === 'uncertain' && severity === 'blocker') return 'warning';
  return severity;
}

/** Replaces `{{name}}` with data values; unknown placeholders stay visible so tests catch them. */
export function interpolate(template: string, data: Record<string, string | number | boolean>): string {
  const parts = templateParts(template);
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 3) {
    const name = parts[i];
    out += (Object.prototype.hasOwnProperty.call(data, name) ? String(data[name]) : parts[i + 1]) + parts[i + 2];
  }
  return out;
}

/**
 * A template split once into [text, name, placeholder, text, name, placeholder, text...]: a rule
 * reporting 10,000 findings with one message ran the placeholder pattern 10,000 times.
 */
const splitTemplates = new Map<string, string[]>();

function templateParts(template: string): string[] {
  let parts = splitTemplates.get(template);
  if (parts === undefined) {
    parts = [];
    const placeholder = /\{\{\s*(\w+)\s*\}\}/g;
    let last = 0;
    for (let match = placeholder.exec(template); match !== null; match = placeholder.exec(template)) {
      parts.push(template.slice(last, match.index), match[1], match[0]);
      last = match.index + match[0].length;
    }
    parts.push(template.slice(last));
    // Templates come from rule metadata, a few hundred at most; the bound guards callers passing text.
    if (splitTemplates.size < 10_000) splitTemplates.set(template, parts);
  }
  return parts;
}

