import { join } from 'node:path';
import rule from '../../../rules/platform/ingress-controller';
import { parseControllerImage } from '../../../src/inputs/images/controller-image';
import { readImageFiles } from '../../../src/inputs/images/load';
import { ruleTester } from '../../support/rule-tester';

const kic = join(__dirname, '../../../fixtures/platform/kic');
const files = (...names: string[]) => () => ({ controllers: readImageFiles(names.map((n) => join(kic, n))).controllers });
const controller = (reference: string) => () => ({ controllers: [parseControllerImage(reference, { kind: 'file', file: 'deploy.yaml', line: 12, column: 16 }, 'manifest')!] });
// KIC 2.12 (LTS) is supported until 2026-09-25, 3.4 (LTS) until 2027-12-18, 2.11 ended 2024-08-09.
const now = new Date('2026-01-15T00:00:00Z');

ruleTester.run(rule, {
  valid: [
    { name: 'KIC 2.12 from Kong 2.8 to 3.4: listed with both', from: '2.8.4.1', to: '3.4', edition: 'enterprise', now, inputs: files('controller-2.12.yaml') },
    { name: 'KIC 3.4 from 3.4 to 3.10', from: '3.4', to: '3.10', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:3.4') },
    { name: 'KIC 3.5 to 3.12, the last listed gateway', from: '3.4', to: '3.12', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:3.5.1') },
    { name: 'KIC 2.7 is the first listed with Kong 3.0', from: '2.8', to: '3.0', edition: 'oss', now: new Date('2023-06-01T00:00:00Z'), inputs: controller('kong/kubernetes-ingress-controller:2.7.0') },
  ],
  invalid: [
    {
      name: 'two Deployments on one controller image: one finding naming both containers',
      from: '2.8', to: '3.4', edition: 'enterprise', now, inputs: files('two-deployments.yaml'),
      findings: [{ messageId: 'gatewayTooNew', severity: 'blocker', line: 11, data: { users: ' (containers ingress-controller of Deployment kong-a, ingress-controller of Deployment kong-b)' } }],
    },
    {
      // The sweep's case: a 0.8 all-in-one manifest on a path to 3.4.
      name: 'KIC 0.8.0 (Bintray image) with a Kong 3.4 target',
      from: '2.0.5', to: '3.4', edition: 'oss', now, inputs: files('all-in-one-0.8.yaml'),
      findings: [{ messageId: 'gatewayTooNew', severity: 'blocker', line: 26, column: 16, data: { controller: '0.8.0', range: '1.2 to 2.0' }, message: 'KIC 2.7 is the first release listed with Kong 3.4, and 2.12 (LTS) the first still supported' }],
    },
    {
      name: 'KIC 1.3 knows no Kong 3.x regex paths',
      from: '2.8', to: '3.4', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:1.3'),
      findings: [{ messageId: 'gatewayTooNew', severity: 'blocker', data: { controller: '1.3', range: '2.1 to 2.7' } }],
    },
    {
      name: 'KIC 2.6 is marked incompatible with Kong 3.0',
      from: '2.8', to: '3.0', edition: 'oss', now, inputs: controller('kong/kubernetes-ingress-controller:2.6.0'),
      findings: [{ messageId: 'gatewayTooNew', severity: 'blocker', data: { range: '2.0 to 2.8' } }],
    },
    {
      name: 'KIC 3.0 refuses a gateway below 3.4.1',
      from: '2.6', to: '2.8', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:3.0.2'),
      findings: [{ messageId: 'gatewayTooOld', severity: 'blocker', data: { lowest: '3.4.1' }, message: 'KIC 2.1 is the first release listed with Kong 2.8, and 2.12 (LTS) the first still supported' }],
    },
    {
      name: 'KIC 2.12 going to 3.14: the tables stop at 3.12',
      from: '3.10', to: '3.14', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:2.12'),
      findings: [{ messageId: 'unlisted', severity: 'info', data: { highest: '3.12' }, message: 'no controller release is listed with Kong 3.14 yet' }],
    },
    {
      // Helm values that leave the tag to chart kong 2.26.0 run its default controller, KIC 2.11.
      name: 'a chart release\'s default controller is named as such',
      from: '3.3', to: '3.4', edition: 'oss', now,
      inputs: () => ({ controllers: [{ ...parseControllerImage('kong/kubernetes-ingress-controller:2.11', { kind: 'file', file: 'app.yaml', line: 13, column: 21 }, 'helm-values')!, chartDefault: 'chart kong 2.26.0 (Argo CD targetRevision at app.yaml:13)' }] }),
      findings: [{ messageId: 'endOfSupport', severity: 'warning', line: 13, data: { controller: '2.11' }, message: '`kong/kubernetes-ingress-controller:2.11` (the default of chart kong 2.26.0 (Argo CD targetRevision at app.yaml:13)) runs Kong Ingress Controller 2.11' }],
    },
    {
      name: 'KIC 2.11 works with 3.4 but its support ended',
      from: '2.8', to: '3.4', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:2.11.1'),
      findings: [{ messageId: 'endOfSupport', severity: 'warning', data: { date: '2024-08-09' }, message: 'KIC 2.12 (LTS) is the first supported release listed with Kong 3.4' }],
    },
    {
      name: 'KIC 0.2 has no Enterprise version in the tables',
      from: '0.34', to: '0.36', edition: 'enterprise', now, inputs: controller('kong-docker-kubernetes-ingress-controller.bintray.io/kong-ingress-controller:0.2.0'),
      findings: [{ messageId: 'gatewayTooNew', severity: 'blocker', data: { range: 'no version (the tables list none)' } }],
    },
    {
      name: 'a tag from a variable without value, and no tag at all',
      from: '3.4', to: '3.10', edition: 'enterprise', now, inputs: files('compose-floating.yml'),
      findings: [
        { messageId: 'noVersion', severity: 'info', line: 5, data: { why: 'its tag depends on KIC_TAG, which has no value here' } },
        { messageId: 'noVersion', severity: 'info', line: 7, message: 'names no tag' },
      ],
    },
    {
      name: 'a floating major tag',
      from: '3.4', to: '3.10', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:3'),
      findings: [{ messageId: 'noVersion', severity: 'info', message: 'floating tag that follows the newest 3.x release' }],
    },
    {
      name: 'a controller release newer than the tables',
      from: '3.4', to: '3.10', edition: 'enterprise', now, inputs: controller('kong/kubernetes-ingress-controller:4.0.0'),
      findings: [{ messageId: 'unknownController', severity: 'info', data: { newest: '3.5' } }],
    },
  ],
  notEvaluated: [{ name: 'no controller image given', from: '2.8', to: '3.4', reason: /controllers/ }],
});
