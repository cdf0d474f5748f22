import { join } from 'node:path';
import rule from '../../../rules/platform/os-support';
import { parseOsFlag, readOsRelease } from '../../../src/inputs/host';
import { ruleTester } from '../../support/rule-tester';

const platform = join(__dirname, '../../../fixtures/platform');
const osFile = (name: string) => () => ({ os: readOsRelease(join(platform, name)) });
const osFlag = (text: string) => () => ({ os: parseOsFlag(text) });

ruleTester.run(rule, {
  valid: [
    { name: 'Ubuntu 22.04 from 2.8 to 3.4', from: '2.8', to: '3.4', inputs: osFile('os-release-ubuntu-2204') },
    { name: 'RHEL 9 from 3.4 to 3.10', from: '3.4', to: '3.10', edition: 'enterprise', inputs: osFlag('rhel-9') },
    { name: 'Debian 12 from 3.4 to 3.14', from: '3.4', to: '3.14', edition: 'enterprise', inputs: osFlag('debian-12') },
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
      name: 'a distribution Kong never listed',
      from: '3.4', to: '3.10', edition: 'enterprise', inputs: osFlag('alpine-3.18'),
      findings: [{ messageId: 'neverListed' }],
    },
  ],
  notEvaluated: [{ name: 'neither --host nor --os', from: '2.8', to: '3.4', reason: /os/ }],
});
