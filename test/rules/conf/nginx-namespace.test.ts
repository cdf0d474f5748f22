import rule from '../../../rules/conf/nginx-namespace';
import { ruleTester } from '../../support/rule-tester';

ruleTester.run(rule, {
  valid: [
    { name: 'wasm shm key on 3.4 -> 3.5', conf: 'wasm = on\nnginx_wasm_shm_cache = 10m\n', from: '3.4', to: '3.5' },
    { name: 'the new _kv_ prefix', conf: 'wasm = on\nnginx_wasm_shm_kv_cache = 10m\n', from: '3.5', to: '3.6' },
    { name: 'location directive on a path staying at 3.5', conf: 'nginx_location_proxy_buffering = off\n', from: '3.4', to: '3.5' },
    { name: 'other nginx keys', conf: 'nginx_http_client_max_body_size = 8m\nnginx_proxy_proxy_buffering = off\n', from: '2.8', to: '3.9' },
    { name: 'Wasm namespace removal is Enterprise-only', conf: 'nginx_wasm_socket_connect_timeout = 5s\n', from: '3.4', to: '3.9', edition: 'oss' },
  ],
  invalid: [
    {
      name: 'wasm shm key crossing 3.6 with wasm on', conf: 'wasm = on\nnginx_wasm_shm_cache = 10m\n', from: '3.5', to: '3.6',
      findings: [{ messageId: 'namespaceRenamed', severity: 'blocker', line: 2, hop: '3.6', data: { landsIn: 'nginx_wasm_', directive: 'shm_cache' } }],
    },
    {
      name: 'wasm shm key crossing 3.6 with wasm off', conf: 'nginx_wasm_shm_cache = 10m\n', from: '3.4', to: '3.9',
      findings: [{ messageId: 'namespaceRenamed', severity: 'info', line: 1, message: 'nginx_wasm_shm_kv_' }],
    },
    {
      name: 'nginx_location_ starts taking effect in 3.6', conf: '\nnginx_location_proxy_buffering = off\n', from: '3.4', to: '3.6',
      findings: [{ messageId: 'namespaceAdded', severity: 'info', line: 2, hop: '3.5.x -> 3.6.x' }],
    },
    {
      name: 'Enterprise 3.11 drops nginx_wasm_', conf: 'nginx_wasm_socket_connect_timeout = 5s\n', from: '3.10', to: '3.11', edition: 'enterprise',
      findings: [{ messageId: 'namespaceRemoved', line: 1, hop: '3.11' }],
    },
  ],
});
