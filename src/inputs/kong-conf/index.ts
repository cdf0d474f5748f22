// The kong.conf input: loader, types and the value readings rules share.

export { loadKongConf, type HeldConfText, type LoadKongConfOptions } from './load';
export { DEFAULT_MAX_CONF_BYTES } from './read-text';
export { isUnsetValue } from './conf-store';
export { valueBefore32 } from './before-3-2';
export { findHashCut, stripComment, stripCommentBefore32 } from './comments';
export { variabilize } from './penlight';
export * from './values';
export type * from './types';
