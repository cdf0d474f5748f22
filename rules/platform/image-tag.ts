// Checks the Kong image an installation is built from against the upgrade path: an image flavour
// that stops being published (Alpine at 3.4, Amazon Linux 2 at 3.15), the `-rhel` base moving
// from UBI 8 to UBI 9, tags without an OS suffix changing base (per repository and release, from
// knowledge/platform/image-os.ts; the general 'Ubuntu from 3.4' only where those facts stop),
// open-source images that end with 3.9, and a running tag that contradicts the version the path
// starts from (a build stage's tag is not what runs). Tags that name no exact version (`latest`,
// the floating `kong:3`, a build argument without default) are noted. A derived image on a
// vanished base fails to build.

import { defineRule } from '../../src/engine/define-rule';
import { reportPerImage } from '../../src/inputs/images/image-users';
import { catalogEntry } from '../../src/knowledge/breaking-changes';
import { flavourAvailable } from '../../src/knowledge/platform/image-availability';
import { KONG_IMAGES } from '../../src/knowledge/platform/images';
import { describeBase, officialImageBase, type ImageBase } from '../../src/knowledge/platform/image-os';
import type { Plan } from '../../src/plan/types';
import type { KongImageRef } from '../../src/inputs/images/image-ref';
import { KongVersion } from '../../src/version/kong-version';
import { OS_SUPPORT_SOURCES } from '../../src/knowledge/platform/os-support';
import { isReleased, minorInfo } from '../../src/knowledge/releases';
import { ownValue } from '../../src/own-key';

const FLAVOUR_ENTRY: Record<string, string> = {
  alpine: 'platform-alpine-dropped',
  centos: 'platform-centos-dropped',
  'amazonlinux-2': 'platform-amazon-linux-2-dropped',
};
const RHEL = catalogEntry('platform-rhel8-docker-image-replaced')!;
const ALPINE = catalogEntry('platform-alpine-dropped')!;
const OSS_CENTOS = catalogEntry('platform-centos-oss-images-stopped')!;
const CONVENIENCE_UBUNTU_FROM = KONG_IMAGES.convenienceBase.find((b) => 'from' in b)!.from!;
/** The first release whose unsuffixed tag is no longer CentOS-based (0.13.0). */
const CONVENIENCE_CENTOS_BEFORE = KONG_IMAGES.convenienceBase.find((b) => b.os === 'CentOS')!.before!;

export default defineRule<'flavourGone' | 'rhelBase' | 'convenienceBase' | 'convenienceBaseMoves' | 'apkOffAlpine' | 'convenienceBaseCentos' | 'yumOffCentos' | 'apkOnUbuntu' | 'noOssImage' | 'versionMismatch' | 'noVersion' | 'floatingMajor' | 'unresolvedTag' | 'unknownVersion'>({
  id: 'platform/image-tag',
  description: 'Checks Kong image tags against the path: flavours that stop, base images that change, tags that do not exist for the target.',
  severity: 'warning',
  catalog: ['platform-alpine-dropped', 'platform-rhel8-docker-image-replaced', 'platform-centos-oss-images-stopped'],
  inputs: ['images'],
  // The services that share the reference: a service added to the file keeps the finding's fingerprint.
  volatileData: ['users'],
  messages: {
    flavourGone: 'Kong publishes no `-{{flavour}}` image for {{minor}}: its {{os}} images stop at the release before, so `{{reference}}`{{users}} has no counterpart at the target.',
    rhelBase: '`{{reference}}`{{users}}: from 3.4 the `-rhel` tag is built on UBI 9 instead of UBI 8 under the same name; steps that assume EL8 (el8 RPMs, module streams) break.',
    convenienceBase: '`{{reference}}`{{users}} is a tag without an OS suffix: those were Alpine-based before 3.4 and are Ubuntu-based from 3.4.',
    convenienceBaseMoves: '`{{reference}}`{{users}} is a tag without an OS suffix, whose base Kong changes on this path: {{fromOs}} for {{fromVersion}}, {{toOs}} for {{toVersion}}. Rebuild and test what is added on top of it.',
    apkOffAlpine: '`{{reference}}`{{users}} is extended with `apk`, Alpine\'s package manager, but the tag without an OS suffix is {{toOs}}-based for {{toVersion}}: the build fails there.',
    convenienceBaseCentos: '`{{reference}}`{{users}} is a tag without an OS suffix: those were CentOS-based up to 0.12, Alpine-based from 0.13 and are Ubuntu-based from 3.4.',
    yumOffCentos: '`{{reference}}`{{users}} is extended with `yum`: tags without an OS suffix are CentOS-based only up to 0.12 (Alpine-based from 0.13, Ubuntu-based from 3.4), so the build fails from {{alpineFrom}}.',
    apkOnUbuntu: '`{{reference}}`{{users}} is extended with `apk`, Alpine\'s package manager: from 3.4 this tag is Ubuntu-based and the build fails.',
    noOssImage: '`{{reference}}`{{users}} is an open-source image, and Kong published no open-source release for {{minor}}: the target needs the Enterprise image kong/kong-gateway.',
    versionMismatch: '`{{reference}}`{{users}} runs Kong {{tagVersion}}, but the path starts at {{from}}, as {{saidBy}} says: the path is computed from that version.',
    noVersion: '`{{reference}}`{{users}} names no version (`{{tag}}`): pin the running version, or the image may already be another release than the path starts from.',
    floatingMajor: '`{{reference}}`{{users}} is a floating tag that follows the newest {{major}}.x release, so it names no exact version: pin the running version, or the image may already be another release than the path starts from.',
    unresolvedTag: '`{{reference}}`{{users}} takes its tag from {{variables}}, with no value or default in this file: the version it runs is unknown here; pass --from with the installed version.',
    unknownVersion: '`{{reference}}`{{users}} names Kong {{tagVersion}}, which is not a known release.',
  },
  remediation: 'Pin the target image by version and OS suffix (for example kong/kong-gateway:3.4.x.y-ubuntu) and rebuild derived images on a base the target still publishes.',
  docsUrl: ALPINE.docsUrl,
  sources: [...KONG_IMAGES.sources, ...OS_SUPPORT_SOURCES.slice(0, 2)],
  check(ctx) {
    const { plan } = ctx;
    const requestedFrom = plan.requested?.from ?? plan.from;
    // One finding per reference and file, naming every service, container or stage that uses it.
    const grouped = reportPerImage(ctx);
    for (const image of ctx.input('images')) {
      const report = (descriptor: Parameters<typeof ctx.report>[0]) => grouped.report(descriptor, image);
      const reference = image.reference;
      // A build stage's tag is not what runs: only the last stage's version speaks for the node.
      if (!image.buildStage) {
        if (image.unresolvedVariables) {
          report({ messageId: 'unresolvedTag', at: image.origin, severity: 'info', data: { reference: image.written ?? reference, variables: image.unresolvedVariables.join(', ') } });
        } else if (image.floatingMajor !== undefined) {
          report({ messageId: 'floatingMajor', at: image.origin, severity: 'info', data: { reference, major: image.floatingMajor } });
        } else if (!image.version) {
          if (image.tag) report({ messageId: 'noVersion', at: image.origin, severity: 'info', data: { reference, tag: image.tag } });
        } else if (!isReleased(image.version)) {
          report({ messageId: 'unknownVersion', at: image.origin, data: { reference, tagVersion: image.version.toString() } });
        } else if (!requestedFrom.contains(image.version) && !image.version.contains(requestedFrom)) {
          report({ messageId: 'versionMismatch', at: image.origin, data: { reference, tagVersion: image.version.toString(), from: requestedFrom.toString(), saidBy: image.pathFromSaidBy ?? '--from' } });
        }
      }

      // For a tag without an OS suffix: the bases Kong's facts give it now and at the target.
      const move = baseMove(image, plan);

      // Open-source images stop where open-source releases stop.
      const targetMinor = plan.to.minorKey;
      if (image.edition === 'oss' && (minorInfo(plan.to)?.oss.length ?? 1) === 0) {
        report({ messageId: 'noOssImage', at: image.origin, severity: 'blocker', data: { reference, minor: targetMinor } });
      }

      if (image.flavour) {
        if (image.flavour.suffix === 'centos' && image.edition === 'oss' && ctx.crosses(OSS_CENTOS.introducedIn)) {
          // The tables list Enterprise CentOS images until 3.3; open-source ones stopped at 2.8.
          const hop = ctx.hopFor(OSS_CENTOS.introducedIn)!;
          report({ messageId: 'flavourGone', at: image.origin, since: OSS_CENTOS.introducedIn, severity: OSS_CENTOS.severity, data: { reference, flavour: 'centos', minor: hop.toVersion.minorKey, os: 'CentOS' }, docsUrl: OSS_CENTOS.docsUrl, remediation: OSS_CENTOS.remediation });
          continue;
        }
        const gone = plan.hops.find((hop) => !flavourAvailable(hop.toVersion.minorKey, image.flavour!));
        if (gone && flavourAvailable(plan.from.minorKey, image.flavour)) {
          const entry = catalogEntry(ownValue(FLAVOUR_ENTRY, image.flavour.suffix) ?? '');
          report({
            messageId: 'flavourGone',
            at: image.origin,
            since: gone.toVersion,
            data: { reference, flavour: image.flavour.suffix, minor: gone.toVersion.minorKey, os: image.flavour.os },
            ...(entry ? { docsUrl: entry.docsUrl, remediation: entry.remediation } : {}),
          });
        }
        if (image.flavour.suffix === 'rhel' && ctx.crosses(KONG_IMAGES.rhelBaseChange.in)) {
          report({ messageId: 'rhelBase', at: image.origin, severity: 'info', since: KONG_IMAGES.rhelBaseChange.in, data: { reference }, docsUrl: RHEL.docsUrl, remediation: RHEL.remediation });
        }
      } else if (!image.unknownSuffix && image.version && image.version.lt(KongVersion.parse(CONVENIENCE_CENTOS_BEFORE)) && ctx.crosses(CONVENIENCE_CENTOS_BEFORE)) {
        // A 0.12-or-older tag: its base changes twice on the way, from CentOS first.
        report({
          messageId: image.usesYum ? 'yumOffCentos' : 'convenienceBaseCentos',
          at: image.origin,
          severity: image.usesYum ? 'blocker' : 'info',
          since: CONVENIENCE_CENTOS_BEFORE,
          data: { reference, alpineFrom: CONVENIENCE_CENTOS_BEFORE },
          remediation: ALPINE.remediation,
        });
      } else if (!image.unknownSuffix && image.version && move) {
        // Kong's own facts for this repository: the bases the tag has now and at the target.
        const data = { reference, fromOs: describeBase(move.from), toOs: describeBase(move.to), fromVersion: image.version.toString(), toVersion: plan.to.toString() };
        if (image.usesApk && move.to.os !== 'Alpine') report({ messageId: 'apkOffAlpine', at: image.origin, severity: 'blocker', since: move.since, data, remediation: ALPINE.remediation });
        else report({ messageId: 'convenienceBaseMoves', at: image.origin, severity: 'info', since: move.since, data, remediation: ALPINE.remediation });
      } else if (!image.unknownSuffix && image.version && !unsuffixedBase(image, image.version) && ctx.crosses(CONVENIENCE_UBUNTU_FROM)) {
        // No facts for this release of the repository (0.13 to 1.x): the general 3.4 change.
        report({
          messageId: image.usesApk ? 'apkOnUbuntu' : 'convenienceBase',
          at: image.origin,
          severity: image.usesApk ? 'blocker' : 'info',
          since: CONVENIENCE_UBUNTU_FROM,
          data: { reference },
          remediation: ALPINE.remediation,
        });
      }
    }
    grouped.flush();
  },
});

interface BaseMove {
  from: ImageBase;
  to: ImageBase;
  since: string;
}

/** The base Kong's facts give this image's repository for a tag without an OS suffix at `version`. */
function unsuffixedBase(image: KongImageRef, version: KongVersion): ImageBase | undefined {
  return officialImageBase({ name: image.name, edition: image.edition, suffix: '', version });
}

/**
 * The base a tag without an OS suffix has for the running release and for the target, when Kong's
 * facts know both and they differ (src/knowledge/platform/image-os.ts), with the first release of
 * the hop that brings the target's base, for grouping.
 */
function baseMove(image: KongImageRef, plan: Plan): BaseMove | undefined {
  if (!image.version || image.flavour) return undefined;
  const of = (version: KongVersion) => unsuffixedBase(image, version);
  const from = of(image.version);
  const to = of(plan.to);
  if (!from || !to || from.os === to.os) return undefined;
  const hop = plan.hops.find((h) => of(h.toVersion)?.os === to.os) ?? plan.hops[plan.hops.length - 1];
  const first = hop.toVersion.isEnterpriseNumbered || plan.edition === 'enterprise' ? `${hop.toVersion.minorKey}.0.0` : `${hop.toVersion.minorKey}.0`;
  return { from, to, since: first };
}
