// Checks the Kong Ingress Controller (KIC) an installation runs against the target gateway: each
// controller release works with a range of Kong versions (KIC 0.8 with Kong 1.2-2.0, KIC 3.x only
// from Kong 3.4.1), and a controller that does not know the gateway stops syncing configuration,
// so it must be upgraded first or together. A controller past its end of support is noted. Tags
// that name no version (`latest`, the floating `3`, a variable without value) are noted, never guessed.
// A Helm installation that leaves the tag to the chart runs the default of its chart release.

import { defineRule } from '../../src/engine/define-rule';
import { reportPerImage } from '../../src/inputs/images/image-users';
import { controllerFit, controllerMinor, controllersFor, KIC_DOCS, KIC_MINORS, KIC_SOURCES, pastEndOfSupport, type ControllerMinor } from '../../src/knowledge/platform/ingress-controller';

const describe = (m: ControllerMinor) => `${m.minor}${m.lts ? ' (LTS)' : ''}`;

export default defineRule<'gatewayTooNew' | 'gatewayTooOld' | 'unlisted' | 'endOfSupport' | 'noVersion' | 'unknownController'>({
  id: 'platform/ingress-controller',
  description: 'Checks that the Kong Ingress Controller version works with the target gateway, and that it is still supported.',
  severity: 'warning',
  inputs: ['controllers'],
  // The services or containers that share the reference: one added to the files keeps the finding's fingerprint.
  volatileData: ['users'],
  messages: {
    gatewayTooNew: '`{{reference}}`{{source}}{{users}} runs Kong Ingress Controller {{controller}}, which works with {{edition}} {{range}}: it cannot configure Kong {{target}}, and configuration stops syncing once the gateway is upgraded. Upgrade the controller first or together with the gateway{{advice}}.',
    gatewayTooOld: '`{{reference}}`{{source}}{{users}} runs Kong Ingress Controller {{controller}}, which needs Kong {{lowest}} or later: it refuses a Kong {{target}} gateway. Run a controller release that works with {{target}}{{advice}}.',
    unlisted: '`{{reference}}`{{source}}{{users}} runs Kong Ingress Controller {{controller}}; Kong\'s compatibility tables list it with {{edition}} up to {{highest}} and say nothing about {{target}}: check the controller\'s changelog before upgrading the gateway{{advice}}.',
    endOfSupport: '`{{reference}}`{{source}}{{users}} runs Kong Ingress Controller {{controller}}, whose support ended on {{date}}: it gets no fixes, including for newer gateways{{advice}}.',
    noVersion: '`{{reference}}`{{source}}{{users}}: {{why}}, so whether the controller works with Kong {{target}} cannot be told here. Pin the controller version.',
    unknownController: '`{{reference}}`{{source}}{{users}} runs Kong Ingress Controller {{version}}, which is not in the compatibility tables this tool knows (KIC {{oldest}} to {{newest}}).',
  },
  remediation: 'Upgrade the Kong Ingress Controller with the gateway, to a release whose compatibility table lists the target Kong version (Kong 3.x needs KIC 2.7 or later; KIC 3.x needs Kong 3.4.1 or later), and keep it on a supported release.',
  docsUrl: KIC_DOCS.compatibility,
  sources: [...KIC_SOURCES],
  check(ctx) {
    const { plan } = ctx;
    const edition = plan.edition;
    const editionName = edition === 'enterprise' ? 'Kong Enterprise' : 'open-source Kong';
    const target = plan.to.minorKey;
    const fitting = controllersFor(plan.to, edition);
    // The oldest listed release that fits, and the oldest of those still supported when that one is not.
    const minimum = fitting[0];
    const supported = fitting.find((m) => !pastEndOfSupport(m, ctx.now));
    const advice = !minimum
      ? `; no controller release is listed with Kong ${plan.to.minorKey} yet`
      : `: KIC ${describe(minimum)} is the first release listed with Kong ${plan.to.minorKey}${supported && supported !== minimum ? `, and ${describe(supported)} the first still supported` : ''}`;

    // One finding per reference and file, naming every service or container that runs it.
    const grouped = reportPerImage(ctx);
    for (const image of ctx.input('controllers')) {
      const report = (descriptor: Parameters<typeof ctx.report>[0]) => grouped.report(descriptor, image);
      const reference = image.reference;
      // A tag left to the Helm chart: say which release's default it is, and where that is named.
      const source = image.chartDefault ? ` (the default of ${image.chartDefault})` : '';
      if (!image.version) {
        report({ messageId: 'noVersion', at: image.origin, severity: 'info', data: { reference, source, why: image.noVersion ?? 'its tag names no version', target } });
        continue;
      }
      // 0.0.x releases share one row of the tables.
      const controller = controllerMinor(image.version.minorKey);
      if (!controller) {
        report({ messageId: 'unknownController', at: image.origin, severity: 'info', data: { reference, source, version: image.version.raw, oldest: KIC_MINORS[0].minor, newest: KIC_MINORS[KIC_MINORS.length - 1].minor } });
        continue;
      }
      const data = { reference, source, controller: image.version.raw, target, edition: editionName, advice };
      const fit = controllerFit(controller, plan.to, edition);
      if (fit.kind === 'gatewayTooNew') {
        const range = edition === 'enterprise' ? controller.enterprise : controller.oss;
        report({ messageId: 'gatewayTooNew', at: image.origin, severity: 'blocker', data: { ...data, range: range ? `${range.from} to ${range.to}` : 'no version (the tables list none)' } });
        continue;
      }
      if (fit.kind === 'gatewayTooOld') {
        // The patch matters here: KIC 3.x accepts 3.4.1 but not 3.4.0.
        report({ messageId: 'gatewayTooOld', at: image.origin, severity: 'blocker', data: { ...data, target: plan.to.toString(), lowest: fit.lowest } });
        continue;
      }
      if (fit.kind === 'unlisted') {
        report({ messageId: 'unlisted', at: image.origin, severity: 'info', data: { ...data, highest: fit.highest } });
      }
      if (pastEndOfSupport(controller, ctx.now)) {
        const stillSupported = supported ? `: KIC ${describe(supported)} is the first supported release listed with Kong ${plan.to.minorKey}` : '';
        report({ messageId: 'endOfSupport', at: image.origin, data: { ...data, date: controller.endOfSupport, advice: stillSupported }, docsUrl: KIC_DOCS.support });
      }
    }
    grouped.flush();
  },
});
