// Turns a route's steps into hops with concrete versions, so the gate (src/plan/gate.ts) can tell
// which hop brings a change. A step written `X.Y.x` installs the newest X.Y patch; the final step is
// always the user's target; an exact step (`3.1.1.3`, `3.1.1.3+`) installs that version.

import { minorInfo, newestWithin, nextLts, nextMinor, releaseForEdition } from '../knowledge/releases';
import { ltsPreflightTool } from '../knowledge/lts-preflight-tools';
import { ltsPair, pathRules } from '../knowledge/upgrade-paths';
import { KongVersion } from '../version/kong-version';
import type { Edition, Hop, HopCoverage } from './types';
import type { Step } from './steps';

export interface RouteEnds {
  /** As written by the user (`2.8.x`) and concrete (the oldest 2.8 release). */
  fromText: string;
  from: KongVersion;
  toText: string;
  to: KongVersion;
  edition: Edition;
}

/** The release a step installs. */
function concreteStep(step: Step, edition: Edition): KongVersion {
  const exact = step.to.endsWith('+');
  const version = KongVersion.parse(step.to.replace(/\+$/, ''), 'step');
  return exact || version.precision === 'enterprise' ? version : newestWithin(version, edition);
}

/**
 * A step as an OSS node can take it. The tables name Enterprise patches (3.1.1.3, the first 3.1
 * patch that takes 2.8 directly); OSS tags have no such patch, so on OSS the stop is the newest
 * release of that line, written `3.1.x` like any other minor stop. `enterprise` keeps the name the
 * table used. Lines OSS never had (3.10 and later) keep the Enterprise step: nothing else exists.
 * A stop on Enterprise's patch series (`2.8.2.x`) is a single OSS release (2.8.2).
 */
function stepForEdition(step: Step, edition: Edition): { step: Step; enterprise?: string } {
  const version = KongVersion.parse(step.to.replace(/\+$/, ''), 'step');
  const ossReleases = edition === 'oss' ? minorInfo(version)?.oss.map((r) => r.version) ?? [] : [];
  if (ossReleases.length === 0) return { step };
  if (version.precision === 'enterprise') return { step: { ...step, to: `${version.minorKey}.x` }, enterprise: version.toString() };
  const patch = version.truncate('patch').toString();
  if (version.precision === 'patch' && step.to.endsWith('.x') && ossReleases.includes(patch)) return { step: { ...step, to: patch } };
  return { step };
}

/** Which documented guarantee covers an upgrade from one release to another. */
export function coverage(from: KongVersion, to: KongVersion): HopCoverage {
  if (from.minorKey === to.minorKey) return 'patch';
  if (from.major === to.major && nextMinor(from.minorKey) === to.minorKey) return 'adjacent-minor';
  if (nextLts(from.minorKey) === to.minorKey) return 'adjacent-lts';
  return 'documented';
}

function hopNotes(step: Step, from: KongVersion, to: KongVersion, covers: HopCoverage, edition: Edition): string[] {
  const notes: string[] = [];
  if (step.note) notes.push(step.note);
  if (step.condition === 'blue-green') {
    notes.push(`needed only for blue-green upgrades, which reach 3.x from ${releaseForEdition(pathRules.blueGreenMinimumFor3, edition)} or later`);
  }
  if (covers === 'adjacent-lts') {
    notes.push(`LTS to LTS upgrade (${from.minorKey} -> ${to.minorKey}): follow the LTS upgrade guide`);
    // Kong's own kong.conf check for this jump ships in a later patch of the source line: on it, run
    // it; below it, the guide suggests taking that patch first.
    const tool = ltsPreflightTool(from.minorKey, to.minorKey);
    if (tool) {
      notes.push(from.gte(KongVersion.parse(tool.sincePatch))
        ? `before it, run \`${tool.command}\` on ${from.minorKey}`
        : `optionally move to the newest ${from.minorKey} patch first: from ${tool.sincePatch}, \`${tool.command}\` checks kong.conf against ${to.minorKey}`);
    }
  }
  if (covers === 'documented' && from.major === 3 && to.major === 3) {
    // Within 3.x a skip such as 3.0.x -> 3.4.x rests on a table alone; the 2.x entry points
    // (2.x -> 2.8, 2.8 -> 3.0/3.1.1.3) are the documented major-upgrade route and need no remark.
    notes.push('skips minors with no guarantee behind it (not patch, adjacent minor or adjacent LTS); only the table documents it');
  }
  if (edition === 'oss' && to.isEnterpriseNumbered && !(minorInfo(to)?.oss.length)) {
    notes.push(`${to} is an Enterprise release; Kong OSS has no ${to.minorKey} release`);
  }
  return notes;
}

/** Hops for a route; steps that install nothing newer than the current version are dropped. */
export function toHops(steps: Step[], ends: RouteEnds): Hop[] {
  const hops: Hop[] = [];
  let fromText = ends.fromText;
  let fromVersion = ends.from;
  steps.forEach((tableStep, i) => {
    const { step, enterprise } = stepForEdition(tableStep, ends.edition);
    const final = i === steps.length - 1;
    const toVersion = final ? ends.to : concreteStep(step, ends.edition);
    if (!final && toVersion.lte(fromVersion)) return;
    const to = final ? ends.toText : step.to;
    const covers = coverage(fromVersion, toVersion);
    const notes = hopNotes(step, fromVersion, toVersion, covers, ends.edition);
    if (enterprise && !final) {
      notes.push(`the table names Enterprise ${enterprise}, a patch Kong OSS does not have; on OSS this stop is the newest ${toVersion.minorKey} release (${toVersion})`);
    }
    // Only a table naming one release (3.1.1.3) can be missed by an older target; `3.10.x` is met
    // by any patch of the line, so an older patch than the newest known is no remark.
    const named = concreteStep(step, ends.edition);
    if (final && !step.to.endsWith('.x') && named.isEnterpriseNumbered && toVersion.lt(named)) {
      notes.push(`the route's table names ${step.to} here; the target ${toVersion} is older`);
    }
    const guide = covers === 'adjacent-lts' ? ltsPair(fromVersion.minorKey, toVersion.minorKey)?.guideUrl : undefined;
    hops.push({
      from: fromText,
      to,
      fromVersion,
      toVersion,
      label: `${fromText} -> ${to}`,
      ...(step.condition ? { condition: step.condition } : {}),
      ...(notes.length ? { note: notes.join('; ') } : {}),
      covers,
      ...(guide ? { guideUrl: guide } : {}),
    });
    fromText = to;
    fromVersion = toVersion;
  });
  return flagSkippableLtsStart(hops);
}

/**
 * A blue-green-only stop on 2.8 followed by the LTS jump: skipping the stop would start that jump
 * below 2.8, where the LTS guide does not apply. The table keeps the condition; the note says so.
 */
function flagSkippableLtsStart(hops: Hop[]): Hop[] {
  return hops.map((hop, i) => {
    const next = hops[i + 1];
    if (!hop.condition || next?.covers !== 'adjacent-lts') return hop;
    const why = `skipping it would start the ${next.fromVersion.minorKey} -> ${next.toVersion.minorKey} LTS upgrade below ${next.fromVersion.minorKey}, which the LTS guide does not cover`;
    return { ...hop, note: hop.note ? `${hop.note}; ${why}` : why };
  });
}
