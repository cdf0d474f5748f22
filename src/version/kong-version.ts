// One version type for everything users and facts write: `3`, `3.4`, `3.4.x`, `3.4.2` (OSS),
// `3.1.1.3` (Enterprise). Whether a version was ever released is the knowledge base's question
// (src/knowledge/releases.ts); this module only parses, compares and formats.

import { InputError } from '../errors';

/** How many of the four parts the text fixed: `3.4` and `3.4.x` are minor precision. */
export type VersionPrecision = 'major' | 'minor' | 'patch' | 'enterprise';

const PRECISIONS: VersionPrecision[] = ['major', 'minor', 'patch', 'enterprise'];
const VERSION_PATTERN = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/i;

export class KongVersion {
  /** major, minor, patch, enterprise patch; parts the text did not fix are 0. */
  readonly parts: readonly [number, number, number, number];
  readonly precision: VersionPrecision;
  readonly raw: string;

  private constructor(parts: [number, number, number, number], precision: VersionPrecision, raw: string) {
    this.parts = parts;
    this.precision = precision;
    this.raw = raw;
  }

  /** Parses a version or returns undefined; wildcards (`x`, `*`) end the fixed part. */
  static tryParse(text: string): KongVersion | undefined {
    const trimmed = String(text).trim();
    const match = VERSION_PATTERN.exec(trimmed);
    if (!match) return undefined;
    const fields = match.slice(1, 5);
    const parts: [number, number, number, number] = [0, 0, 0, 0];
    let fixed = 0;
    for (let i = 0; i < 4; i++) {
      const field = fields[i];
      if (field === undefined) break;
      if (field === 'x' || field === 'X' || field === '*') {
        // `3.x.2` makes no sense: nothing may follow a wildcard.
        if (fields.slice(i + 1).some((f) => f !== undefined)) return undefined;
        break;
      }
      parts[i] = Number(field);
      fixed = i + 1;
    }
    if (fixed === 0) return undefined;
    return new KongVersion(parts, PRECISIONS[fixed - 1], trimmed);
  }

  /** Parses or raises an input error that names the value and where it came from. */
  static parse(text: string, what = 'version'): KongVersion {
    const version = KongVersion.tryParse(text);
    if (!version) {
      throw new InputError(`${what} "${text}" is not a Kong version (expected forms: 3.4, 3.4.x, 3.4.2, 3.4.1.0)`);
    }
    return version;
  }

  static of(major: number, minor = 0, patch = 0, enterprise = 0, precision?: VersionPrecision): KongVersion {
    const parts: [number, number, number, number] = [major, minor, patch, enterprise];
    const p = precision ?? 'enterprise';
    return new KongVersion(parts, p, formatParts(parts, p));
  }

  get major(): number { return this.parts[0]; }
  get minor(): number { return this.parts[1]; }
  get patch(): number { return this.parts[2]; }
  get enterprisePatch(): number { return this.parts[3]; }

  /** True when the text named a four-part Enterprise version. */
  get isEnterpriseNumbered(): boolean { return this.precision === 'enterprise'; }

  /** `3.4` for any 3.4.x version. */
  get minorKey(): string { return `${this.major}.${this.minor}`; }

  /** Compares the numeric parts; `3.4` equals `3.4.0.0` here: use `contains` for ranges. */
  compare(other: KongVersion): number {
    for (let i = 0; i < 4; i++) {
      const d = this.parts[i] - other.parts[i];
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return 0;
  }

  lt(other: KongVersion): boolean { return this.compare(other) < 0; }
  lte(other: KongVersion): boolean { return this.compare(other) <= 0; }
  gt(other: KongVersion): boolean { return this.compare(other) > 0; }
  gte(other: KongVersion): boolean { return this.compare(other) >= 0; }
  equals(other: KongVersion): boolean { return this.compare(other) === 0 && this.precision === other.precision; }

  /** True when `other` falls inside the versions this (possibly partial) version stands for. */
  contains(other: KongVersion): boolean {
    const fixed = PRECISIONS.indexOf(this.precision) + 1;
    for (let i = 0; i < fixed; i++) if (this.parts[i] !== other.parts[i]) return false;
    return true;
  }

  /** The same version cut to a coarser precision (`3.1.1.3` -> `3.1`). */
  truncate(precision: VersionPrecision): KongVersion {
    const fixed = PRECISIONS.indexOf(precision) + 1;
    const parts = this.parts.map((p, i) => (i < fixed ? p : 0)) as [number, number, number, number];
    return new KongVersion(parts, precision, formatParts(parts, precision));
  }

  /** Canonical text: only the fixed parts, with `.x` for minor precision (`3.4.x`). */
  toString(): string {
    return formatParts(this.parts, this.precision);
  }

  /** A semver range string covering this version, for the `semver` package (`3.4.x` -> `>=3.4.0 <3.5.0`). */
  toSemverRange(): string {
    const [ma, mi, pa] = this.parts;
    switch (this.precision) {
      case 'major': return `>=${ma}.0.0 <${ma + 1}.0.0`;
      case 'minor': return `>=${ma}.${mi}.0 <${ma}.${mi + 1}.0`;
      default: return `${ma}.${mi}.${pa}`;
    }
  }
}

function formatParts(parts: readonly number[], precision: VersionPrecision): string {
  switch (precision) {
    case 'major': return `${parts[0]}.x`;
    case 'minor': return `${parts[0]}.${parts[1]}.x`;
    case 'patch': return parts.slice(0, 3).join('.');
    default: return parts.join('.');
  }
}

/** Sorts ascending without mutating the input. */
export function sortVersions(versions: readonly KongVersion[]): KongVersion[] {
  return [...versions].sort((a, b) => a.compare(b));
}
