import { join } from 'node:path';
import rule from '../../../rules/platform/patched-kong-files';
import { loadImageFiles } from '../../../src/inputs/images/load';
import { ruleTester } from '../../support/rule-tester';

const dir = join(__dirname, '../../../fixtures/platform/patched-kong');
const files = (...names: string[]) => () => ({ images: loadImageFiles(names.map((n) => join(dir, n))) });

ruleTester.run(rule, {
  valid: [
    { name: 'custom plugins copied under kong/plugins/, and a build stage that patches Kong', from: '2.8.1', to: '3.4', inputs: files('Dockerfile.build-stage') },
  ],
  invalid: [
    {
      name: 'Kong\'s kong_defaults.lua and a bundled plugin\'s handler replaced; custom plugins, the plugins folder, the kong folder and the prefix left alone',
      from: '2.8.1', to: '3.4', inputs: files('Dockerfile.patched'),
      findings: [
        { messageId: 'kongFile', line: 6, severity: 'warning', data: { instruction: 'COPY', path: 'templates/kong_defaults.lua' }, message: 'over Kong\'s own file (`/usr/local/share/lua/5.1/kong/templates/kong_defaults.lua`)' },
        { messageId: 'bundledPlugin', line: 7, data: { path: 'plugins/jwt/handler.lua', plugin: 'jwt' } },
      ],
    },
    {
      name: 'a compose service mounts a patched vault module and a bundled plugin handler; the migrations container and a custom plugin folder are left alone',
      from: '3.6.1.7', to: '3.10', inputs: files('compose-mounts.yml'),
      findings: [
        { messageId: 'mountedKongFile', line: 20, severity: 'warning', data: { user: 'Service kong-dp', path: 'vaults/hcv/approle.lua', source: join(dir, 'approle.lua') }, message: 'at `/usr/local/share/lua/5.1/kong/vaults/hcv/approle.lua`, over Kong\'s own code' },
        { messageId: 'mountedBundledPlugin', line: 22, data: { path: 'plugins/rate-limiting/handler.lua', plugin: 'rate-limiting' } },
      ],
    },
    {
      name: 'a Kubernetes container mounts a ConfigMap key over a bundled plugin\'s handler',
      from: '3.4.2', to: '3.10', inputs: files('manifest-mounts.yaml'),
      findings: [
        { messageId: 'mountedBundledPlugin', line: 17, data: { user: 'Deployment kong (container proxy)', source: 'ConfigMap cors-patch (key handler.lua)', plugin: 'cors' } },
      ],
    },
  ],
});
