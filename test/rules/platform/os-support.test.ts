import { join } from 'node:path';
import rule from '../../../rules/platform/os-support';
import { parseOsFlag, readOsRelease } from '../../../src/inputs/host';
import { imageOsOnPath } from '../../../src/inputs/images/image-os';
import { parseKongImage } from '../../../src/inputs/images/image-ref';
import type { Plan } from '../../../src/plan/types';
import { ruleTester } from '../../support/rule-tester';

const platform = join(__dirname, '../../../fixtures/platform');
const osFile = (name: string) => () => ({ os: readOsRelease(join(platform, name)) });
const osFlag = (text: string) => () => ({ os: parseOsFlag(text) });
/** The node runs this image of Kong's: its base and the target images' bases stand for the host. */
const runsImage = (reference: string, via: 'compose' | 'dockerfile' = 'compose') => ({ plan }: { plan: Plan }) => {
  const image = parseKongImage(reference, { kind: 'file', file: via === 'compose' ? 'compose.yml' : 'Dockerfile', line: 3, column: 12 }, via)!;
  const answered = imageOsOnPath([image], plan);
  if (!('imageOs' in answered)) throw new Error(answered.why);
  return { imageOs: answered.imageOs };
};

ruleTester.run(rule, {
  valid: [
    { name: 'Ubuntu 22.04 from 2.8 to 3.4', from: '2.8', to: '3.4', inputs: osFile('os-release-ubuntu-2204') },
    { name: 'RHEL 9 from 3.4 to 3.10', from: '3.4', to: '3.10', edition: 'enterprise', inputs: osFlag('rhel-9') },
    { name: 'Debian 12 from 3.4 to 3.14', from: '3.4', to: '3.14', edition: 'enterprise', inputs: osFlag('debian-12') },
    { name: 'image kong:3.4.2 to 3.8: Ubuntu 22.04 all the way', from: '3.4.2', to: '3.8', inputs: runsImage('kong:3.4.2') },
    { name: 'image kong:3.4.2 run as shipped to 3.9: the base moves to Ubuntu 24.04, with nothing of the operator\'s on it', from: '3.4.2', to: '3.9', inputs: runsImage('kong:3.4.2') },
    { name: 'a Dockerfile FROM kong:3.4.2 to 3.8: the base stays', from: '3.4.2', to: '3.8', inputs: runsImage('kong:3.4.2', 'dockerfile') },
    { name: 'image kong/kong-gateway 3.4 -rhel to 3.10: UBI 9 all the way', from: '3.4.3.12', to: '3.10', edition: 'enterprise', inputs: runsImage('kong/kong-gateway:3.4.3.12-rhel') },
    {
      name: 'image kong/kong-gateway 3.4 unsuffixed to 3.10: still Ubuntu, its release there unknown, so no change is claimed',
      from: '3.4.3.12', to: '3.10', edition: 'enterprise', inputs: runsImage('kong/kong-gateway:3.4.3.12'),
    },
  ],
  invalid: [
    {
      name: 'Ubuntu 18.04 crossing 3.4',
      from: '2.8', to: '3.4', inputs: osFile('os-release-ubuntu-1804'),
      findings: [{ messageId: 'notListed', line: 6, hop: '3.4', data: { os: 'Ubuntu 18.04', minor: '3.4' } }],
    },
    {
      name: 'Ubuntu 18.04 on a path that stops at 3.3: the OS support ended before Kong\'s',
      from: '2.8', to: '3.3', inputs: osFile('os-release-ubuntu-1804'),
      findings: [{ messageId: 'supportEnds', severity: 'warning', data: { eol: 'April 2023' } }],
    },
    {
      name: 'CentOS 7 crossing 3.4',
      from: '2.8', to: '3.10', edition: 'enterprise', inputs: osFile('os-release-centos-7'),
      findings: [{ messageId: 'notListed', data: { minor: '3.4' } }],
    },
    {
      name: 'Debian 10 dropped by the time of 3.10 (LTS jump)',
      from: '3.4', to: '3.10', edition: 'enterprise', inputs: osFlag('debian-10'),
      findings: [{ messageId: 'notListed', hop: '3.10', data: { minor: '3.10' } }],
    },
    {
      name: 'Amazon Linux 2 leaves the 3.15 table',
      from: '3.14', to: '3.15', edition: 'enterprise', inputs: osFlag('amazonlinux-2'),
      findings: [{ messageId: 'notListed', data: { minor: '3.15' } }],
    },
    {
      name: 'Rocky Linux 8 is a RHEL rebuild; RHEL 8 support ends at the target',
      from: '3.4', to: '3.10', edition: 'enterprise', inputs: osFile('os-release-rocky-8'),
      findings: [{ messageId: 'compatibleOnly', severity: 'info' }],
    },
    {
      name: 'Amazon Linux 2 on 3.14: support ends before Kong\'s',
      from: '3.10', to: '3.14', edition: 'enterprise', inputs: osFlag('amazonlinux-2'), now: new Date('2026-01-01T00:00:00Z'),
      findings: [{ messageId: 'supportEnds', severity: 'info', data: { eol: '2026-06-30' } }],
    },
    {
      name: 'a Dockerfile FROM kong:3.4.2 to 3.9: the 3.9 image moves to Ubuntu 24.04 under what it adds',
      from: '3.4.2', to: '3.9', inputs: runsImage('kong:3.4.2', 'dockerfile'),
      findings: [{ messageId: 'imageBaseChanges', severity: 'info', line: 3, data: { before: 'Ubuntu 22.04', after: 'Ubuntu 24.04', stop: '' } }],
    },
    {
      name: 'a Dockerfile FROM kong:3.0 to 3.4: the base changes at a stop before the target, and the message says so',
      from: '3.0', to: '3.4', inputs: runsImage('kong:3.0.2', 'dockerfile'),
      findings: [{ messageId: 'imageBaseChanges', severity: 'info', message: 'moves to Ubuntu 22.04 at 3.2.2, a stop on the way to 3.4.' }],
    },
    {
      name: 'image kong/kong-gateway 3.4.3.2 -debian: the Debian 12 rebuild comes with the first hop',
      from: '3.4.3.2', to: '3.8', edition: 'enterprise', inputs: runsImage('kong/kong-gateway:3.4.3.2-debian', 'dockerfile'),
      findings: [{ messageId: 'imageBaseChanges', data: { before: 'Debian 11', after: 'Debian 12' } }],
    },
    {
      name: 'image -amazonlinux-2 on 3.14: the base\'s own support ends before Kong\'s',
      from: '3.10.0.0', to: '3.14', edition: 'enterprise', inputs: runsImage('kong/kong-gateway:3.10.0.0-amazonlinux-2'), now: new Date('2026-01-01T00:00:00Z'),
      findings: [{ messageId: 'supportEnds', severity: 'info', data: { os: 'Amazon Linux 2', eol: '2026-06-30' } }],
    },
    {
      name: 'a distribution Kong never listed',
      from: '3.4', to: '3.10', edition: 'enterprise', inputs: osFlag('alpine-3.18'),
      findings: [{ messageId: 'neverListed' }],
    },
  ],
  notEvaluated: [
    { name: 'neither --host nor --os', from: '2.8', to: '3.4', reason: /os/ },
    {
      name: 'neither --host nor --os, and no image of Kong\'s whose base is known',
      from: '3.4', to: '3.9', missing: { os: 'no --host or --os given', imageOs: 'the image acme/kong:1 is not one of Kong\'s' }, reason: /not one of Kong's/,
    },
  ],
});
