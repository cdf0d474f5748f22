// A field that is set, with a value this tool cannot see: the Kong Ingress Controller writes it
// into a plugin's config from a Kubernetes Secret when it syncs (`configPatches`), and Secrets are
// never read. Rules treat such a value as present (no "unset, so the default applies" finding)
// and as passing every value test (nothing is claimed about what it holds). A field below it (a
// patch of a whole object, `/redis`, read at `config.redis.timeout`) is neither present nor absent:
// model/field-paths.ts marks it `maybe`, and rules claim nothing about it either way.

/** The value of one `configPatches` entry, as a field's value. Holds nothing of the Secret. */
export class ValueFromSecret {
  /** What a message shows if one ever prints the value: no name, key or content of the Secret. */
  toJSON(): string {
    return '(a value from a Secret)';
  }

  toString(): string {
    return this.toJSON();
  }
}

/** One instance serves every patched field: the value carries no information of its own. */
export const VALUE_FROM_SECRET = Object.freeze(new ValueFromSecret());

/** True for a value known to be set but not known here. */
export function isUnknownValue(value: unknown): value is ValueFromSecret {
  return value instanceof ValueFromSecret;
}
