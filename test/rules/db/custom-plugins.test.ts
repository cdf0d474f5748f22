import rule from '../../../rules/db/custom-plugins';
import { databaseInputs } from '../../support/database-input';
import { composeSettings } from '../../support/compose-conf';
import { runCase, ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'only bundled plugins', from: '2.8', to: '3.4', conf: 'plugins = bundled\n', inputs: databaseInputs('clean-2.8') },
    { name: 'only bundled plugins, 3.9', from: '3.9', to: '3.10', conf: 'database = postgres\n', inputs: databaseInputs('clean-3.9') },
    // openid-connect, rate-limiting-advanced and key-auth-enc are Enterprise's own plugins
    // (kong/constants.lua@FTI-6378), not custom ones.
    {
      name: 'Enterprise plugins on a generated Enterprise 3.10 database, without kong.conf',
      from: '3.10', to: '3.14', edition: 'enterprise', inputs: databaseInputs('kong-ee-3.10.0.0-in-use'),
    },
    {
      name: 'Enterprise plugins on a generated Enterprise 3.10 database, plugins = bundled',
      from: '3.10', to: '3.14', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: databaseInputs('kong-ee-3.10.0.0-in-use'),
    },
  ],
  invalid: [
    {
      name: 'a custom plugin enabled by plugins = and one enabled nowhere',
      from: '2.8', to: '3.4', conf: 'plugins = bundled,header-stamp\n', inputs: databaseInputs('unknown-plugins-2.8'),
      findings: [
        { messageId: 'custom', severity: 'warning', data: { name: 'header-stamp', rows: 1 } },
        { messageId: 'notEnabled', severity: 'warning', message: 'listed in `plugins` of kong.conf:', data: { name: 'legacy-sso', rows: 2, enabledRows: 1 } },
      ],
    },
    {
      name: 'without kong.conf the enablement is unknown',
      from: '2.8', to: '3.4', inputs: databaseInputs('unknown-plugins-2.8'),
      findings: [
        { messageId: 'unknownEnablement', severity: 'info', data: { name: 'header-stamp' } },
        { messageId: 'unknownEnablement', severity: 'info', data: { name: 'legacy-sso' } },
      ],
    },
    {
      name: 'Enterprise bundles more than the OSS list: one review note',
      from: '2.8', to: '3.4', edition: 'enterprise', conf: 'plugins = bundled\n', inputs: databaseInputs('unknown-plugins-2.8'),
      findings: [{ messageId: 'enterpriseOrCustom', severity: 'info', data: { names: 'header-stamp, legacy-sso' } }],
    },
    {
      name: 'an Enterprise plugin on an OSS installation is not bundled there',
      from: '3.10', to: '3.14', edition: 'oss', inputs: databaseInputs('kong-ee-3.10.0.0-in-use'),
      findings: [
        { messageId: 'unknownEnablement', severity: 'info', data: { name: 'key-auth-enc' } },
        { messageId: 'unknownEnablement', severity: 'info', data: { name: 'openid-connect' } },
        { messageId: 'unknownEnablement', severity: 'info', data: { name: 'rate-limiting-advanced' } },
      ],
    },
  ],
});

it('names the compose file the settings were read from when a plugin is not enabled there', async () => {
  const { kongConf, file } = composeSettings('services:\n  kong:\n    image: kong:2.8.4\n    environment:\n      KONG_PLUGINS: bundled,header-stamp\n');
  const { result } = await runCase(rule, {
    name: 'compose', from: '2.8', to: '3.4',
    inputs: async (context) => ({ kongConf, ...(await databaseInputs('unknown-plugins-2.8')({ inputs: { ...context.inputs, kongConf } })) }),
  });
  expect(result.findings.map((f) => f.message)).toContain(
    `Plugin \`legacy-sso\` is configured in 2 plugin row(s) (1 enabled) but is neither bundled nor listed in \`plugins\` of the settings read here (${file}): Kong cannot build its plugin iterator while such rows exist.`);
});
