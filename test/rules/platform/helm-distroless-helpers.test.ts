// Known issue of 3.15.0.0 (Kong/developer.konghq.com@bc1cd742:app/gateway/breaking-changes.md):
// the distroless image cannot run the chart's helpers. Which helpers run, and under which key,
// is read from Kong/charts charts/kong@e76b8003 (templates/deployment.yaml, _helpers.tpl).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../../rules/platform/helm-distroless-helpers';
import { helmShellHelpers, readChartValues } from '../../../src/inputs/helm/kong-chart';
import { ruleTester } from '../../support/rule-tester';

const dir = mkdtempSync(join(tmpdir(), 'kp-distroless-'));
let count = 0;
/** The helpers the chart keeps on for these values, as the rule's input. */
const values = (text: string) => () => {
  const file = join(dir, `values-${count++}.yaml`);
  writeFileSync(file, text);
  return { helmHelpers: helmShellHelpers(readChartValues([file]).values) };
};
const toDistroless = { from: '3.14.0.13', to: '3.15.0.0', edition: 'enterprise' as const };
const postgres = 'image: {repository: kong/kong-gateway, tag: "3.14.0.13"}\nenv:\n  database: postgres\n';

ruleTester.run(rule, {
  valid: [
    { name: 'DB-less by the chart default, clearStalePid turned off', ...toDistroless, inputs: values('image: {repository: kong/kong-gateway, tag: "3.14.0.13"}\ndeployment:\n  kong:\n    initContainers:\n      clearStalePid:\n        enabled: false\n') },
    { name: 'both switches off, with a database', ...toDistroless, inputs: values(`${postgres}waitImage:\n  enabled: false\ndeployment:\n  kong:\n    initContainers:\n      clearStalePid: {enabled: false}\n`) },
    { name: 'clearStalePid given its own image (chart 3.4.1)', ...toDistroless, inputs: values('image: {repository: kong/kong-gateway, tag: "3.14.0.13"}\ndeployment:\n  kong:\n    initContainers:\n      clearStalePid:\n        image: {repository: busybox, tag: "1.36"}\n') },
    { name: 'a path that stays before 3.15', from: '3.10.0.5', to: '3.14.0.13', edition: 'enterprise', inputs: values(postgres) },
  ],
  invalid: [
    {
      name: 'chart defaults keep clear-stale-pid on; DB-less, so no wait container',
      ...toDistroless,
      inputs: values('image: {repository: kong/kong-gateway, tag: "3.14.0.13"}\n'),
      findings: [{ messageId: 'helperOn', severity: 'info', data: { helper: 'clear-stale-pid', switchKey: 'deployment.kong.initContainers.clearStalePid.enabled' }, message: 'left to the chart\'s default, true' }],
    },
    {
      name: 'with a database, wait-for-db runs bash in the Kong image too; the written switch is pointed at',
      ...toDistroless,
      inputs: values(`${postgres}waitImage:\n  enabled: true\ndeployment:\n  kong:\n    initContainers:\n      clearStalePid: {enabled: false}\n`),
      findings: [{ messageId: 'helperOn', severity: 'info', line: 5, data: { helper: 'wait-for-db', switchKey: 'waitImage.enabled' } }],
    },
    {
      name: 'the values already run a distroless tag: a warning',
      ...toDistroless,
      inputs: values('image: {repository: kong/kong-gateway, tag: "3.14.0.13-distroless"}\n'),
      findings: [{ messageId: 'helperOn', severity: 'warning', data: { helper: 'clear-stale-pid' }, message: '3.14.0.13-distroless' }],
    },
    {
      name: 'the docs\' snippet: deployment.initContainers.clearStalePid is not the chart\'s switch',
      ...toDistroless,
      inputs: values('image: {repository: kong/kong-gateway, tag: "3.14.0.13"}\ndeployment:\n  initContainers:\n    clearStalePid:\n      enabled: false\nwaitImage:\n  enabled: false\n'),
      findings: [
        { messageId: 'helperOn', severity: 'info', data: { helper: 'clear-stale-pid' } },
        { messageId: 'misplacedSwitch', severity: 'warning', line: 5, data: { key: 'deployment.initContainers.clearStalePid', rightKey: 'deployment.kong.initContainers.clearStalePid.enabled' } },
      ],
    },
  ],
});
