// The role a node plays when only its topology is known: a hybrid node is taken for a control
// plane (it upgrades first and carries the database), the others have one role each.

import type { Role, Topology } from './types';

export function defaultRole(topology: Topology): Role {
  return topology === 'hybrid' ? 'control_plane' : topology === 'dbless' ? 'dbless' : 'traditional';
}
