// The declarative input: kong.yml and decK state files, read with positions into the shared
// entity model.
export { loadDeclarative, readDeclarativeText, type DeclarativeLoadOptions, type DeclarativeLoadResult } from './load';
export { DeclarativeEntitySource } from './entities';
export type { DeclarativeConfig, DeclarativeDocument, DeclarativeFlavor, HeaderValue, UnreadableDeclarative } from './types';
