// Compares the Kong host's distribution with the support tables of every version on the path:
// Kong builds no packages for a distribution once it leaves the table (CentOS and Ubuntu 18.04
// at 3.4, Debian 10 and RHEL 7 at 3.8...), so the upgrade cannot install there.
// A node that runs one of Kong's images (and no --host or --os says otherwise) is on the base Kong
// chose for that image: the upgrade moves it to the base of the target release's image, which
// may be another one (Ubuntu 22.04 to 24.04 at 3.9), so that base is what the tables are asked about.

import { defineRule } from '../../src/engine/define-rule';
import { catalogEntry } from '../../src/knowledge/breaking-changes';
import { dropEntryFor, findListing, OS_DROPS, OS_SUPPORT_SOURCES, osSupportFor, parseEol, versionKey } from '../../src/knowledge/platform/os-support';
import { minorInfo } from '../../src/knowledge/releases';
import { describeBase, IMAGE_OS_SOURCES, type ImageBase } from '../../src/knowledge/platform/image-os';
import type { ImageOs } from '../../src/inputs/images/image-os';
import type { RuleContext } from '../../src/engine/define-rule';

const SUPPORT_PAGE = 'https://developer.konghq.com/gateway/version-support-policy/';

type MessageId = 'notListed' | 'neverListed' | 'supportEnds' | 'compatibleOnly' | 'imageBaseChanges' | 'imageBaseNotListed';

export default defineRule<MessageId>({
  id: 'platform/os-support',
  description: 'Checks that the Kong host\'s distribution is supported by every version on the upgrade path.',
  severity: 'warning',
  catalog: [...new Set(OS_DROPS.map((d) => d.catalog))],
  inputs: [],
  anyInputs: ['os', 'imageOs'],
  messages: {
    notListed: '{{os}} is not a supported distribution of Kong {{minor}}{{lastListed}}: Kong builds no {{minor}} packages for it. Move the host to a supported distribution before this hop.',
    neverListed: '{{os}} is in none of the support tables on this path ({{from}} to {{to}}).',
    supportEnds: 'Kong {{minor}} supports {{os}} only until {{eol}}{{past}}.',
    compatibleOnly: '{{label}} is a rebuild of {{os}}: Kong lists {{os}} itself, so {{label}} runs the {{os}} packages without being named in the tables.',
    imageBaseChanges: 'This Dockerfile builds on `{{reference}}`, which is built on {{before}}; Kong\'s image moves to {{after}} at {{target}}{{stop}}: what the Dockerfile adds (package installs, modules compiled against the base\'s libraries) must be rebuilt and tested on the new base.',
    imageBaseNotListed: 'Kong\'s `{{reference}}` image for {{target}} is built on {{os}}, which the {{minor}} support table does not list for Docker images.',
  },
  remediation: 'Move the host (or the image base) to a distribution the target version lists: Ubuntu 22.04/24.04, Debian 12, RHEL 9 or Amazon Linux 2023.',
  docsUrl: SUPPORT_PAGE,
  sources: [...OS_SUPPORT_SOURCES, ...IMAGE_OS_SOURCES],
  check(ctx) {
    const host = ctx.optionalInput('os');
    if (!host) {
      checkImage(ctx, ctx.input('imageOs'));
      return;
    }
    const { plan } = ctx;
    const name = `${host.os} ${host.version}`;
    if (host.compatibleWith) {
      ctx.report({ messageId: 'compatibleOnly', at: host.origin, severity: 'info', data: { label: host.label, os: host.os } });
    }
    const supported = (minor: string) => findListing(minor, host.os, host.version)?.package === true;
    const minors = [plan.from.minorKey, ...plan.hops.map((h) => h.toVersion.minorKey)];
    const listedAnywhere = minors.some((minor) => findListing(minor, host.os, host.version) !== undefined);
    if (!listedAnywhere) {
      ctx.report({ messageId: 'neverListed', at: host.origin, data: { os: name, from: plan.from.minorKey, to: plan.to.minorKey } });
      return;
    }
    // The first hop whose target leaves the distribution out; later hops follow from it.
    const hop = plan.hops.find((h) => !supported(h.toVersion.minorKey));
    if (hop) {
      const minor = hop.toVersion.minorKey;
      const listing = findListing(minor, host.os, host.version);
      const entry = catalogEntry(dropEntryFor(host.os, host.version) ?? '');
      const lastListed = listing?.listedOnlyInOldDocs ? ` (older docs listed it with end of support ${listing.eol ?? 'unstated'})` : '';
      ctx.report({
        messageId: 'notListed',
        at: host.origin,
        since: hop.toVersion,
        data: { os: name, minor, lastListed },
        ...(entry ? { docsUrl: entry.docsUrl, remediation: entry.remediation } : {}),
      });
      return;
    }
    // The tables' end dates are often Kong's own end of support for the minor; only an earlier
    // date is the distribution's own end (Amazon Linux 2 in June 2026 on 3.14).
    const target = findListing(plan.to.minorKey, host.os, host.version);
    const eol = target?.eol ? parseEol(target.eol) : undefined;
    const kongEnd = minorInfo(plan.to)?.endOfFullSupport ?? minorInfo(plan.to)?.endOfSunsetSupport;
    const kongEndDate = kongEnd ? parseEol(kongEnd) : undefined;
    if (target?.eol && eol && (!kongEndDate || eol.getTime() < kongEndDate.getTime())) {
      const past = eol.getTime() < ctx.now.getTime() ? ', which has passed' : '';
      ctx.report({ messageId: 'supportEnds', at: host.origin, severity: past ? 'warning' : 'info', data: { os: name, minor: plan.to.minorKey, eol: target.eol, past } });
    }
  },
});

/**
 * A node on one of Kong's images: each hop installs the same repository and suffix at the hop's
 * release, on the base Kong chose for it. Such an image exists only on a listed distribution,
 * so what is left to say is a base that changes on the way and a support end the tables give.
 */
function checkImage(ctx: RuleContext<MessageId>, imageOs: ImageOs): void {
  const { image } = imageOs;
  const reference = image.reference;
  for (const hop of imageOs.hops) {
    const minor = hop.to.minorKey;
    if (!dockerListing(minor, hop.base)) {
      ctx.report({ messageId: 'imageBaseNotListed', at: image.origin, since: hop.to, severity: 'info', data: { reference, target: hop.to.toString(), os: describeBase(hop.base), minor } });
      return;
    }
  }
  // The first hop whose base differs from the running image's. Only a Dockerfile built on the
  // image adds anything that depends on the base; the image run as Kong ships it has nothing to redo.
  const changed = imageOs.current && imageOs.hops.find((hop) => differs(imageOs.current!, hop.base));
  if (imageOs.current && changed && image.via === 'dockerfile') {
    ctx.report({
      messageId: 'imageBaseChanges',
      at: image.origin,
      since: changed.to,
      severity: 'info',
      data: { reference, before: describeBase(imageOs.current), after: describeBase(changed.base), target: changed.to.toString(), stop: stopOnTheWay(changed.to, imageOs.hops.at(-1)!.to) },
      remediation: 'Rebuild the derived image FROM the target tag and test what its own steps add (package names and versions differ between the bases).',
    });
  }
  const target = imageOs.hops.at(-1);
  if (!target?.base.version) return;
  const listing = findListing(target.to.minorKey, target.base.os, target.base.version);
  const eol = listing?.eol ? parseEol(listing.eol) : undefined;
  const kongEnd = minorInfo(ctx.plan.to)?.endOfFullSupport ?? minorInfo(ctx.plan.to)?.endOfSunsetSupport;
  const kongEndDate = kongEnd ? parseEol(kongEnd) : undefined;
  if (listing?.eol && eol && (!kongEndDate || eol.getTime() < kongEndDate.getTime())) {
    const past = eol.getTime() < ctx.now.getTime() ? ', which has passed' : '';
    ctx.report({ messageId: 'supportEnds', at: image.origin, severity: past ? 'warning' : 'info', data: { os: describeBase(target.base), minor: ctx.plan.to.minorKey, eol: listing.eol, past } });
  }
}

/**
 * Said when the base changes at a stop before the target: "Kong builds its 3.2.2 image on
 * Ubuntu 22.04" on a 3.0 -> 3.4 check read as if 3.2.2 were the target (sweep 17).
 */
function stopOnTheWay(at: { toString(): string }, target: { toString(): string }): string {
  return at.toString() === target.toString() ? '' : `, a stop on the way to ${target.toString()}`;
}

/** The table lists the base for Docker images (any version of it when the base names none). */
function dockerListing(minor: string, base: ImageBase): boolean {
  const table = osSupportFor(minor);
  if (!table) return true;
  return table.os.some((l) => l.os === base.os && !l.listedOnlyInOldDocs && l.docker !== false
    && (!base.version || versionKey(l.os, l.version) === versionKey(base.os, base.version)));
}

/** Another distribution, or another known release of it. */
function differs(before: ImageBase, after: ImageBase): boolean {
  if (before.os !== after.os) return true;
  return before.version !== undefined && after.version !== undefined && versionKey(before.os, before.version) !== versionKey(after.os, after.version);
}
