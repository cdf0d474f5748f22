// Shorthands for the sources entity facts cite most often.

import type { FactSource } from '../../model/source';

export const BREAKING_CHANGES_PAGE = 'https://developer.konghq.com/gateway/breaking-changes/';

/** The research digest entry the fact was taken from (itself sourced and second-read). */
export function digest(id: string): FactSource {
  return { kind: 'digest', ref: `kong-facts/breaking-changes.json#${id}` };
}

export function docs(section: string): FactSource {
  return { kind: 'docs', ref: `${BREAKING_CHANGES_PAGE} (${section})` };
}

export function repo(path: string, tag: string, note?: string): FactSource {
  return { kind: 'repo', ref: `Kong/kong:${path}@${tag}`, ...(note ? { note } : {}) };
}

export function deck(path: string, note?: string): FactSource {
  return { kind: 'repo', ref: `Kong/deck:${path}@4657ee37`, ...(note ? { note } : {}) };
}
