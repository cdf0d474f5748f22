// Where a fact comes from. Every knowledge entry and every rule names at least one.

export interface FactSource {
  /** `docs` (a documentation page), `repo` (a file of a Kong repository at a tag), `changelog`. */
  kind: 'docs' | 'repo' | 'changelog' | 'digest';
  /** A URL for docs, `Kong/kong:kong/templates/kong_defaults.lua@3.4.2` for repo files. */
  ref: string;
  note?: string;
}
