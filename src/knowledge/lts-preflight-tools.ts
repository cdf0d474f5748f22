// Kong's own kong.conf check for an LTS jump. The 3.10 -> 3.14 LTS guide suggests moving to the
// newest 3.10 patch first: from 3.10.0.11 `kong check --lts-314-compatibility <kong.conf>` lists
// what 3.14 changes or refuses in that file
// (Kong/developer.konghq.com:app/_includes/upgrade/lts-upgrade.md@bc1cd74260f0bddb06dcf004c9c34b53bb870c1a,
// section "Optional: Upgrade to latest 3.10 patch version").

import type { FactSource } from '../model/source';

export interface LtsPreflightTool {
  /** The LTS jump the command prepares (minors). */
  from: string;
  to: string;
  /** The first patch of `from` that ships the command. */
  sincePatch: string;
  command: string;
  sources: FactSource[];
}

export const LTS_PREFLIGHT_TOOLS: readonly LtsPreflightTool[] = [
  {
    from: '3.10',
    to: '3.14',
    sincePatch: '3.10.0.11',
    command: 'kong check --lts-314-compatibility kong.conf',
    sources: [{ kind: 'repo', ref: 'Kong/developer.konghq.com:app/_includes/upgrade/lts-upgrade.md@bc1cd74260f0bddb06dcf004c9c34b53bb870c1a' }],
  },
];

export function ltsPreflightTool(fromMinor: string, toMinor: string): LtsPreflightTool | undefined {
  return LTS_PREFLIGHT_TOOLS.find((t) => t.from === fromMinor && t.to === toMinor);
}
