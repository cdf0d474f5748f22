// Where every value of a parsed declarative file sits in its text. Readers build a tree of
// offsets parallel to the value tree; offsets become line and column only when a finding asks,
// so a 50,000-route file pays for one integer per value, not for an object per value.

/**
 * Offsets of one collection: a sequence is an array whose first slot holds the collection's own
 * offset and slot i+1 its item i; a mapping is a dictionary from key to child with its own
 * offset under SELF. A child is a number (scalar offset) or a nested collection.
 */
export type PositionNode = number | SequencePositions | MappingPositions;
export type SequencePositions = PositionNode[];
export interface MappingPositions {
  [key: string]: PositionNode;
}

/** Key that holds a mapping's own offset; a NUL byte cannot appear in a Kong field name. */
export const SELF = '\u0000';

export function ownOffset(node: PositionNode): number {
  if (typeof node === 'number') return node;
  if (Array.isArray(node)) return node[0] as number;
  return node[SELF] as number;
}

export function childPosition(node: PositionNode | undefined, step: string | number): PositionNode | undefined {
  if (node === undefined || typeof node === 'number') return undefined;
  if (Array.isArray(node)) return typeof step === 'number' ? node[step + 1] : undefined;
  const key = String(step);
  return key === SELF ? undefined : node[key];
}

/**
 * The offset of the deepest value along `path` that exists: a finding about a missing field
 * (`config.hide_credentials` not set) points at the closest enclosing value instead.
 */
export function offsetAt(root: PositionNode, path: readonly (string | number)[]): number {
  let node: PositionNode = root;
  for (const step of path) {
    const next = childPosition(node, step);
    if (next === undefined) break;
    node = next;
  }
  return ownOffset(node);
}
