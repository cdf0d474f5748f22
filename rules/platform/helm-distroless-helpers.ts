// Kong's 3.15 known issue with its distroless image under the Helm chart: the chart's pod helpers
// run `rm` or `bash` in the Kong image, which the distroless image does not have, so the pod never
// starts. The values say which helpers stay on (written, or by the chart's default); the image
// the target will run is not known, so the finding is a warning only when the values already run
// a distroless tag. The docs' workaround names `deployment.initContainers.clearStalePid`, a key
// the chart does not read (HELM_CHART.shellHelpers): such a key is reported too.
// The second half of the known issue (a restart stopped by stale sockets) is not in the values,
// so the catalogue entry stays on the review-by-hand list.

import { defineRule } from '../../src/engine/define-rule';
import { catalogEntry } from '../../src/knowledge/breaking-changes';
import { HELM_CHART } from '../../src/knowledge/platform/helm-chart';

const ISSUE = catalogEntry('known-issue-3-15-distroless-image')!;

export default defineRule<'helperOn' | 'misplacedSwitch'>({
  id: 'platform/helm-distroless-helpers',
  description: 'Reports the Kong chart\'s pod helpers that need a shell in the Kong image, which the 3.15 distroless image lacks.',
  severity: 'info',
  gate: { editions: ['enterprise'], introducedIn: ISSUE.introducedIn },
  inputs: ['helmHelpers'],
  messages: {
    helperOn: 'The chart\'s `{{helper}}` container runs {{command}} in the Kong image ({{how}}): with Kong\'s distroless image{{image}} it cannot start (known issue of {{since}}). Set `{{switchKey}}: false` if the target runs the distroless image.',
    misplacedSwitch: '`{{key}}` is the known issue\'s documented workaround, but the chart does not read it: `deployment.initContainers` is a list of extra init containers it copies into the pod as written. The switch is `{{rightKey}}`.',
  },
  remediation: 'Before moving the pods to the distroless image, set deployment.kong.initContainers.clearStalePid.enabled (Kong chart 3.4.0 or later) and waitImage.enabled to false, or give clearStalePid an image with a shell (chart 3.4.1).',
  docsUrl: ISSUE.docsUrl,
  sources: [...ISSUE.sources, ...HELM_CHART.shellHelpers.sources],
  check(ctx) {
    const helm = ctx.input('helmHelpers');
    const since = ISSUE.introducedIn;
    const image = helm.distrolessImage ? ` (\`${helm.distrolessImage}\`, which these values run)` : '';
    for (const helper of helm.helpers) {
      ctx.report({
        messageId: 'helperOn',
        at: helper.origin ?? helm.fallbackOrigin,
        severity: helm.distrolessImage ? 'warning' : 'info',
        since,
        data: {
          helper: helper.name,
          command: helper.name === 'clear-stale-pid' ? '`rm`' : '`bash`',
          how: helper.origin ? `\`${helper.switchKey}\` is true` : `\`${helper.switchKey}\` is left to the chart's default, true`,
          image,
          since,
          switchKey: helper.switchKey,
        },
      });
    }
    if (helm.misplacedSwitch) {
      const { origin, key, rightKey } = helm.misplacedSwitch;
      ctx.report({ messageId: 'misplacedSwitch', at: origin, severity: 'warning', since, data: { key, rightKey } });
    }
  },
});
