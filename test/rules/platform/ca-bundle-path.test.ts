import rule from '../../../rules/platform/ca-bundle-path';
import { imageOsOnPath } from '../../../src/inputs/images/image-os';
import { parseKongImage } from '../../../src/inputs/images/image-ref';
import type { Plan } from '../../../src/plan/types';
import { composeSettings } from '../../support/compose-conf';
import { ruleTester } from '../../support/rule-tester';

/** A compose service on `image` whose environment sets lua_ssl_trusted_certificate to `value`. */
const service = (image: string, value: string) => ({ plan }: { plan: Plan }) => {
  const { file, kongConf } = composeSettings([
    'services:',
    '  kong:',
    `    image: ${image}`,
    '    environment:',
    '      KONG_DATABASE: "off"',
    `      KONG_LUA_SSL_TRUSTED_CERTIFICATE: ${value}`,
    '',
  ].join('\n'));
  const answered = imageOsOnPath([parseKongImage(image, { kind: 'file', file, line: 3, column: 12 }, 'compose')!], plan);
  if (!('imageOs' in answered)) throw new Error(answered.why);
  return { kongConf, imageOs: answered.imageOs };
};

ruleTester.run(rule, {
  valid: [
    { name: '`system`: Kong finds the new base\'s bundle itself', from: '2.8.4', to: '3.4', inputs: service('kong:2.8.4', 'system') },
    { name: 'a bundle path of the operator\'s own', from: '2.8.4', to: '3.4', inputs: service('kong:2.8.4', '/etc/kong/ca.pem') },
    { name: 'the Debian/Ubuntu bundle on an Ubuntu image that stays Ubuntu', from: '3.4.2', to: '3.9', inputs: service('kong:3.4.2', '/etc/ssl/certs/ca-certificates.crt') },
    { name: 'the Alpine bundle on an image that stays Alpine', from: '2.8.4', to: '3.1', inputs: service('kong:2.8.4', '/etc/ssl/cert.pem') },
    { name: 'the Alpine bundle on an Ubuntu image: a path the operator provides, not the base\'s', from: '3.4.2', to: '3.9', inputs: service('kong:3.4.2', '/etc/ssl/cert.pem') },
  ],
  invalid: [
    {
      name: 'the Alpine bundle on kong:2.8.4 to 3.4 (sweep 17, Razikus/supabase-letsencrypt)',
      from: '2.8.4', to: '3.4', inputs: service('kong:2.8.4', '/etc/ssl/cert.pem'),
      findings: [{
        messageId: 'bundleOfOldBase', severity: 'warning', line: 6,
        data: { path: '/etc/ssl/cert.pem', before: 'Alpine', after: 'Ubuntu 22.04', expected: '/etc/ssl/certs/ca-certificates.crt' },
      }],
    },
    {
      name: 'one element of a list names the Alpine bundle',
      from: '2.8.4', to: '3.4', inputs: service('kong:2.8.4', '"/etc/kong/ca.pem,/etc/ssl/cert.pem"'),
      findings: [{ messageId: 'bundleOfOldBase', data: { path: '/etc/ssl/cert.pem' } }],
    },
  ],
  notEvaluated: [
    { name: 'no image of Kong\'s', from: '2.8', to: '3.4', missing: { imageOs: 'no image' }, reason: /no image/ },
  ],
});
