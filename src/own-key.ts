// Lookups in tables written as object literals, seeing only the table's own keys. A key read from
// an input (an os-release ID, a manifest's `kind`, a size unit) can be `constructor` or
// `toString`, which a plain `table[key]` answers with Object.prototype's function: a Kubernetes
// document of `kind: constructor` once stopped the check with "path is not iterable".

/** `table[key]` when `key` is one of the table's own keys, else undefined. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
