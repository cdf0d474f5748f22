// Builds the manual-review list: every catalogue entry on the path that no evaluated rule covers.
// An entry whose rules all ran is covered (a rule that finds nothing has checked it); an entry
// whose rules could not run lists why, so a missing input never reads as a pass.

import { entriesOnPath, entryReachedIn, type CatalogEntry } from '../knowledge/breaking-changes';
import { PACKAGE_ONLY_CHANGES } from '../knowledge/platform/package-only-changes';
import { CUSTOM_CODE_ONLY_CHANGES } from '../knowledge/plugins/custom-code-only';
import type { NoCustomPlugins } from '../inputs/plugins/no-custom-plugins';
import type { ChangeSetAside, ManualReviewItem } from '../model/manual-review';
import { describeBase, type ImageBase } from '../knowledge/platform/image-os';
import { PLATFORM_SCOPED_CHANGES } from '../knowledge/platform/platform-scoped-changes';
import { describeImage } from '../inputs/images/image-ref';
import type { ImageOs } from '../inputs/images/image-os';
import { hopCrossing } from '../plan/gate';
import { KongVersion } from '../version/kong-version';
import type { Hop, Plan } from '../plan/types';
import type { Rule } from './define-rule';
import type { RunResult } from './run-rules';

/** What the installation says about itself that settles changes no rule checks. */
export interface ReviewContext {
  /** The Kong image the node runs (`kong:3.4.2 at compose.yml:5`), when one is named. */
  runsFromImage?: string;
  /** The settings read show that no custom plugin can load (src/inputs/plugins/no-custom-plugins.ts). */
  noCustomPlugins?: NoCustomPlugins;
  /** The host's OS (--os, --host), which an upgrade in place keeps. */
  hostOs?: { base: ImageBase; said: string };
  /** The base of the image each hop installs, when the node runs one of Kong's images. */
  imageOs?: ImageOs;
  /** The CPU architecture (--host: the machine the check runs on). */
  arch?: { value: string; said: string };
  /**
   * The node renders Kong's own nginx templates (`why`): the changes in `changes`, which only a
   * custom or patched template meets (templateOnlyChanges), do not apply.
   */
  stockTemplates?: { why: string; changes: ReadonlySet<string> };
}

/**
 * Catalogue entries that only custom nginx templates can meet: every rule that detects one reads
 * the templates given (--nginx-template), and nothing else.
 */
export function templateOnlyChanges(rules: readonly Rule[]): Set<string> {
  const byEntry = new Map<string, boolean>();
  for (const rule of rules) {
    const onTemplates = rule.meta.inputs.length === 1 && rule.meta.inputs[0] === 'nginxTemplates' && !rule.meta.anyInputs;
    for (const id of rule.meta.catalog ?? []) byEntry.set(id, (byEntry.get(id) ?? true) && onTemplates);
  }
  return new Set([...byEntry].filter(([, only]) => only).map(([id]) => id));
}

export function manualReviewList(rules: readonly Rule[], plan: Plan, result: RunResult, context: ReviewContext = {}): ManualReviewItem[] {
  const setAside = new Set(changesSetAside(plan, context).map((c) => c.id));
  const evaluated = new Set(result.evaluated);
  const notEvaluated = new Map(result.notEvaluated.map((n) => [n.ruleId, n.reason]));
  const notApplicable = new Map(result.notApplicable.map((n) => [n.ruleId, n.reason]));
  const failed = new Set(result.internalErrors.map((e) => e.ruleId));
  const items: ManualReviewItem[] = [];
  for (const { entry, hop } of entriesInPathOrder(plan)) {
    if (setAside.has(entry.id)) continue;
    const implementers = rules.filter((rule) => rule.meta.catalog?.includes(entry.id)).map((rule) => rule.meta.id);
    if (implementers.some((id) => evaluated.has(id))) continue;
    const item = (reason: ManualReviewItem['reason'], why: string) => items.push(toItem(entry, hop, reason, why));
    if (implementers.length === 0) {
      item('no-rule', 'no rule can detect this from the inputs kong-preflight reads');
      continue;
    }
    const missing = implementers.filter((id) => notEvaluated.has(id));
    if (missing.length > 0) {
      item('input-missing', `input missing: ${missing.map((id) => `${id} (${notEvaluated.get(id)})`).join('; ')}`);
      continue;
    }
    const broken = implementers.filter((id) => failed.has(id));
    if (broken.length > 0) {
      item('rule-failed', `rule failed: ${broken.join(', ')}`);
      continue;
    }
    const disabled = implementers.filter((id) => notApplicable.get(id) === 'disabled');
    if (disabled.length > 0) item('rule-disabled', `rule disabled by configuration: ${disabled.join(', ')}`);
    // Otherwise every implementing rule's own gate (edition, topology, role) rules this installation out.
  }
  return items;
}

/**
 * Changes on the path that do not concern this installation, with why: those that only concern
 * package installations, for a node that runs one of Kong's images; those that only concern custom
 * plugin code, for a node whose settings enable bundled plugins only.
 */
export function changesSetAside(plan: Plan, context: ReviewContext): ChangeSetAside[] {
  // Each reason asks for the part of the context it needs: with none of them, nothing is set aside.
  const out: ChangeSetAside[] = [];
  for (const { entry, hop } of entriesInPathOrder(plan)) {
    const why = packageOnlyWhy(entry.id, context) ?? customCodeOnlyWhy(entry.id, context) ?? platformWhy(entry.id, context, hop) ?? stockTemplatesWhy(entry.id, context);
    if (!why) continue;
    out.push({
      id: entry.id,
      title: entry.title,
      introducedIn: entry.introducedIn,
      ...(hop ? { hop: hop.label } : {}),
      why,
    });
  }
  return out;
}

/**
 * The catalogue entries on the path with the hop that meets them (a backported change arrives
 * with the hop that reaches the backport, not the introduction), ordered by that hop, then by the
 * release that brings them: the hand-kept additions sit among the digest's entries rather than
 * after all of them. Ties keep catalogue order (the sort is stable), so the list is the same from
 * run to run.
 */
function entriesInPathOrder(plan: Plan): { entry: CatalogEntry; hop: Hop | undefined }[] {
  const keyed = entriesOnPath(plan).map((entry) => {
    const reached = KongVersion.parse(entryReachedIn(entry, plan) ?? entry.introducedIn);
    const hop = hopCrossing(plan, reached);
    const hopIndex = hop ? plan.hops.indexOf(hop) : plan.hops.length;
    return { entry, hop, reached, hopIndex };
  });
  keyed.sort((a, b) => a.hopIndex - b.hopIndex || a.reached.compare(b.reached));
  return keyed.map(({ entry, hop }) => ({ entry, hop }));
}

function stockTemplatesWhy(id: string, context: ReviewContext): string | undefined {
  const stock = context.stockTemplates;
  return stock?.changes.has(id) ? `${stock.why}: the change concerns custom or patched templates only` : undefined;
}

function packageOnlyWhy(id: string, context: ReviewContext): string | undefined {
  const packageOnly = context.runsFromImage ? PACKAGE_ONLY_CHANGES.find((c) => c.id === id) : undefined;
  return packageOnly && `Kong runs from the image ${context.runsFromImage}: ${packageOnly.why}`;
}

/**
 * A change for some architectures and OSes, on a node known to run elsewhere: its architecture
 * (--host) is another, or its OS at the hop (the host's, or the base of the image the hop installs) is not one of them.
 */
function platformWhy(id: string, context: ReviewContext, hop: Hop | undefined): string | undefined {
  const change = PLATFORM_SCOPED_CHANGES.find((c) => c.id === id);
  if (!change) return undefined;
  const imageBase = hop && context.imageOs?.hops.find((h) => h.to.equals(hop.toVersion))?.base;
  const os = context.hostOs ?? (imageBase ? { base: imageBase, said: `the base of the ${hop!.toVersion} image that follows ${describeImage(context.imageOs!.image)}` } : undefined);
  // A base known by its distribution only may be any of its releases.
  const mayBe = (a: ImageBase, b: Required<ImageBase>) => a.os === b.os && (a.version === undefined || a.version === b.version);
  // An OS whose build lacks the piece on every architecture settles nothing.
  if (os && change.anyArchBases?.some((b) => mayBe(os.base, b))) return undefined;
  const concerned = `it concerns ${change.arch} on ${change.bases.map((b) => describeBase(b)).join(', ')} only`;
  if (context.arch && context.arch.value !== change.arch) return `this node is ${context.arch.value} (${context.arch.said}): ${concerned}`;
  if (os && !change.bases.some((b) => mayBe(os.base, b))) return `this node runs ${describeBase(os.base)} (${os.said}): ${concerned}`;
  return undefined;
}

function customCodeOnlyWhy(id: string, context: ReviewContext): string | undefined {
  const scope = context.noCustomPlugins;
  const change = scope ? CUSTOM_CODE_ONLY_CHANGES.find((c) => c.id === id) : undefined;
  if (!scope || !change) return undefined;
  // Serverless code that may require any module can still meet a module change.
  if (change.reach === 'module' && scope.serverlessRequires) return undefined;
  // The PDK and ngx are there for any serverless code: only untrusted_lua = off rules it out.
  if (change.reach === 'user-lua') return scope.userLuaOff ? `${scope.why}; ${scope.userLuaOff}` : undefined;
  if (change.reach === 'module' && scope.userLuaOff) return `${scope.why}; ${scope.userLuaOff}`;
  return change.reach === 'module' ? `${scope.why}; serverless code may not require it (untrusted_lua sandbox, no untrusted_lua_sandbox_requires)` : scope.why;
}

function toItem(entry: CatalogEntry, hop: Hop | undefined, reason: ManualReviewItem['reason'], why: string): ManualReviewItem {
  return {
    id: entry.id,
    title: entry.title,
    introducedIn: entry.introducedIn,
    ...(hop ? { hop: hop.label } : {}),
    artifact: entry.artifact,
    severity: entry.severity,
    reason,
    why,
    remediation: entry.remediation,
    docsUrl: entry.docsUrl,
  };
}
