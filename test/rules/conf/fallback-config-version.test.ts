import rule from '../../../rules/conf/fallback-config-version';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'fallback configuration off (the default)', conf: 'role = data_plane\ncluster_fallback_config_import = off\n', from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise', topology: 'hybrid', role: 'data_plane' },
    { name: 'no fallback settings at all', conf: 'role = control_plane\n', from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise', topology: 'hybrid' },
    { name: 'nothing to upgrade', conf: 'cluster_fallback_config_import = on\n', from: '3.10.0.0', to: '3.10.0.0', edition: 'enterprise', topology: 'hybrid', role: 'data_plane' },
  ],
  invalid: [
    {
      name: 'an importing data plane on an upgrade path',
      conf: 'role = data_plane\ncluster_fallback_config_import = on\n', from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise', topology: 'hybrid', role: 'data_plane',
      findings: [{ messageId: 'importer', line: 2, severity: 'warning', message: 'no fallback until an exporter on 3.10.0.0 has exported one' }],
    },
    {
      name: 'an exporting control plane, set through the environment',
      conf: 'role = control_plane\n', env: { KONG_CLUSTER_FALLBACK_CONFIG_EXPORT: 'true' }, from: '3.4.1.0', to: '3.10.0.0', edition: 'enterprise', topology: 'hybrid',
      findings: [{ messageId: 'exporter', env: 'KONG_CLUSTER_FALLBACK_CONFIG_EXPORT' }],
    },
  ],
});
