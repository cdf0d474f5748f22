import { join } from 'node:path';
import rule from '../../../rules/platform/host-sizing';
import { readHostResources } from '../../../src/inputs/host';
import { ruleTester } from '../../support/rule-tester';

const platform = join(__dirname, '../../../fixtures/platform');
const host = (meminfo: string, cpus: number) => () => ({ host: readHostResources({ meminfo: join(platform, meminfo), cpus }) });

ruleTester.run(rule, {
  valid: [
    { name: 'defaults on 4 CPUs and 16 GB', conf: 'database = postgres\n', from: '3.4', to: '3.10', inputs: host('meminfo-16g', 4) },
    { name: 'a large cache that still fits', conf: 'nginx_worker_processes = 4\nmem_cache_size = 8g\n', from: '3.4', to: '3.10', inputs: host('meminfo-16g', 4) },
    { name: 'no kong.conf: Kong defaults on a big host', from: '3.4', to: '3.10', inputs: host('meminfo-16g', 8) },
  ],
  invalid: [
    {
      name: 'a cache larger than the host',
      conf: 'mem_cache_size = 16g\n', from: '3.4', to: '3.10', inputs: host('meminfo-16g', 4),
      findings: [{ messageId: 'memoryShort', line: 1, data: { workers: 4, cache: '16g' } }],
    },
    {
      name: 'more workers than CPUs on a small host',
      conf: 'nginx_worker_processes = 8\n', from: '3.4', to: '3.10', inputs: host('meminfo-2g', 2),
      findings: [
        { messageId: 'moreWorkersThanCpus', line: 1, data: { workers: 8, cpus: 2 } },
        { messageId: 'memoryShort', line: 1 },
        { messageId: 'belowSmallest', severity: 'info' },
      ],
    },
  ],
  notEvaluated: [{ name: 'not run on the host', conf: 'database = postgres\n', from: '3.4', to: '3.10', reason: /host/ }],
});
