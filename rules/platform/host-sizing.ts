// Compares the Kong host's memory and CPUs with the settings that consume them: every nginx
// worker needs about 500 MB on top of the shared `mem_cache_size`, and more workers than CPUs
// only add contention. An undersized node swaps or is killed under load after the upgrade.

import { defineRule } from '../../src/engine/define-rule';
import { parseNgxSize } from '../../src/inputs/kong-conf';
import type { Origin } from '../../src/model/origin';
import { SIZING } from '../../src/knowledge/platform/sizing';

const MIB = 1024 ** 2;
const mib = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;

export default defineRule<'memoryShort' | 'moreWorkersThanCpus' | 'belowSmallest'>({
  id: 'platform/host-sizing',
  description: 'Compares the host\'s memory and CPUs with mem_cache_size and nginx_worker_processes, using Kong\'s sizing guidance.',
  severity: 'warning',
  inputs: ['host'],
  messages: {
    memoryShort: '{{workers}} worker(s) at about {{perWorker}} each plus mem_cache_size {{cache}} need about {{needed}}, but the host has {{total}}.',
    moreWorkersThanCpus: 'nginx_worker_processes = {{workers}} on a host with {{cpus}} CPU(s): Kong\'s default (auto) runs one worker per core; extra workers compete for the same cores.',
    belowSmallest: 'The host has {{total}}, below the smallest allocation Kong\'s sizing guidance lists ({{smallest}}).',
  },
  remediation: 'Size the node per Kong\'s resource sizing guidelines: about 500 MB per worker plus mem_cache_size, leaving room for the OS; one worker per CPU core.',
  docsUrl: SIZING.docsUrl,
  sources: [...SIZING.sources],
  check(ctx) {
    const host = ctx.input('host');
    const conf = ctx.optionalInput('kongConf');
    const workersSetting = conf?.get('nginx_worker_processes');
    const workersText = workersSetting?.value ?? SIZING.defaultWorkers;
    const workers = workersText === 'auto' ? host.cpus : Number(workersText);
    const cacheSetting = conf?.get('mem_cache_size');
    const cacheText = cacheSetting?.value ?? SIZING.defaultMemCacheSize;
    const cache = parseNgxSize(cacheText);

    if (Number.isInteger(workers) && workers > host.cpus && workersSetting) {
      ctx.report({ messageId: 'moreWorkersThanCpus', at: workersSetting.origin, data: { workers, cpus: host.cpus } });
    }
    if (Number.isInteger(workers) && workers > 0 && cache.valid) {
      const needed = workers * SIZING.perWorkerBytes + cache.bytes;
      if (needed > host.memTotalBytes) {
        const at: Origin = cacheSetting?.origin ?? workersSetting?.origin ?? host.origin;
        ctx.report({
          messageId: 'memoryShort',
          at,
          data: { workers, perWorker: mib(SIZING.perWorkerBytes), cache: cacheText, needed: mib(needed), total: mib(host.memTotalBytes) },
        });
      }
    }
    if (host.memTotalBytes < SIZING.smallestRamBytes) {
      ctx.report({ messageId: 'belowSmallest', at: host.origin, severity: 'info', data: { total: mib(host.memTotalBytes), smallest: mib(SIZING.smallestRamBytes) } });
    }
  },
});
