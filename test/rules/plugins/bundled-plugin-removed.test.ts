import rule from '../../../rules/plugins/bundled-plugin-removed';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'plugins = bundled', conf: 'plugins = bundled\n', from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise' },
    { name: 'collector on OSS is a custom plugin, not the Enterprise one', conf: 'plugins = bundled,collector\n', from: '2.8', to: '3.4' },
    { name: 'collector on a path that stays on 2.8', conf: 'plugins = bundled,collector\n', from: '2.8.0.0', to: '2.8.4.0', edition: 'enterprise' },
    { name: 'plugins unset: Kong\'s default', conf: 'database = postgres\n', from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise' },
    { name: 'application-registration on a path that stays before 3.10', conf: 'plugins = bundled,application-registration\n', from: '3.4.3.12', to: '3.9.1.0', edition: 'enterprise' },
  ],
  invalid: [
    { name: 'collector enabled across 3.0', conf: 'database = postgres\nplugins = bundled,collector\n', from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise',
      findings: [{ messageId: 'removed', line: 2, severity: 'blocker', hop: '3.', data: { name: 'collector', version: '3.0.0.0' } }] },
    { name: 'statsd-advanced deprecated in 3.0', conf: 'plugins = bundled,statsd-advanced\n', from: '2.8.2.4', to: '3.4.1.0', edition: 'enterprise',
      findings: [{ messageId: 'deprecated', severity: 'info', message: 'statsd replaces it' }] },
    { name: 'a deprecation only Kong Manager notes stays a warning', conf: 'plugins = bundled,upstream-tls\n', from: '3.1.1.1', to: '3.4.1.0', edition: 'enterprise',
      findings: [{ messageId: 'deprecated', severity: 'warning', data: { name: 'upstream-tls' } }] },
    // Dated by the published schemas only (none from 3.10), so a warning.
    { name: 'application-registration enabled across 3.10', conf: 'plugins = bundled,application-registration\n', from: '3.9.1.0', to: '3.10.0.17', edition: 'enterprise',
      findings: [{ messageId: 'removed', severity: 'warning', data: { name: 'application-registration', version: '3.10.0.0' } }] },
  ],
  notEvaluated: [{ name: 'no kong.conf', from: '2.8', to: '3.4', reason: /kong\.?conf/i }],
});
