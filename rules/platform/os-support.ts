// Compares the Kong host's distribution with the support tables of every version on the path:
// Kong builds no packages for a distribution once it leaves the table (CentOS and Ubuntu 18.04
// at 3.4, Debian 10 and RHEL 7 at 3.8...), so the upgrade cannot install there.

import { defineRule } from '../../src/engine/define-rule';
import { catalogEntry } from '../../src/knowledge/breaking-changes';
import { dropEntryFor, findListing, OS_DROPS, OS_SUPPORT_SOURCES, parseEol } from '../../src/knowledge/platform/os-support';
import { minorInfo } from '../../src/knowledge/releases';

const SUPPORT_PAGE = 'https://developer.konghq.com/gateway/version-support-policy/';

export default defineRule<'notListed' | 'neverListed' | 'supportEnds' | 'compatibleOnly'>({
  id: 'platform/os-support',
  description: 'Checks that the Kong host\'s distribution is supported by every version on the upgrade path.',
  severity: 'warning',
  catalog: [...new Set(OS_DROPS.map((d) => d.catalog))],
  inputs: ['os'],
  messages: {
    notListed: '{{os}} is not a supported distribution of Kong {{minor}}{{lastListed}}: Kong builds no {{minor}} packages for it. Move the host to a supported distribution before this hop.',
    neverListed: '{{os}} is in none of the support tables on this path ({{from}} to {{to}}).',
    supportEnds: 'Kong {{minor}} supports {{os}} only until {{eol}}{{past}}.',
    compatibleOnly: '{{label}} is a rebuild of {{os}}: Kong lists {{os}} itself, so {{label}} runs the {{os}} packages without being named in the tables.',
  },
  remediation: 'Move the host (or the image base) to a distribution the target version lists: Ubuntu 22.04/24.04, Debian 12, RHEL 9 or Amazon Linux 2023.',
  docsUrl: SUPPORT_PAGE,
  sources: [...OS_SUPPORT_SOURCES],
  check(ctx) {
    const host = ctx.input('os');
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
