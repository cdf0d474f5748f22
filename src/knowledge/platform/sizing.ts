// Kong's published sizing guidance, as numbers the host check compares with: memory per worker
// process, the default worker count and cache size, and the smallest documented allocation.

import type { FactSource } from '../../model/source';

export const SIZING = {
  /** About this much memory per nginx worker process. */
  perWorkerBytes: 500 * 1024 ** 2,
  /** `nginx_worker_processes = auto` runs one worker per available CPU core. */
  defaultWorkers: 'auto',
  /** Kong's default `mem_cache_size`. */
  defaultMemCacheSize: '128m',
  /** The smallest cluster allocation the guidance lists (development and small: 1-2 cores, 2-4 GB). */
  smallestRamBytes: 2 * 1024 ** 3,
  docsUrl: 'https://developer.konghq.com/gateway/resource-sizing-guidelines/',
  sources: [
    { kind: 'repo', ref: 'Kong/developer.konghq.com:app/gateway/resource-sizing-guidelines.md@bc1cd74260f0bddb06dcf004c9c34b53bb870c1a', note: 'In-memory caching: about 500MB per worker process, one worker per core by default, largest mem_cache_size that leaves room for the OS; cluster allocations table (2-4 GB smallest)' },
    { kind: 'repo', ref: 'Kong/kong:kong/templates/kong_defaults.lua@3.9.3', note: 'mem_cache_size = 128m, nginx_worker_processes = auto' },
  ] satisfies FactSource[],
} as const;
