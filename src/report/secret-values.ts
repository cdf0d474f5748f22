// The last guard on secret values, by value rather than by name. Rules and readers hide the
// value of a secret setting (`pg_password`), but the same text can reach a report under another
// name: a compose `.env` variable used for KONG_PG_PASSWORD and KONG_PG_DATABASE, a Dockerfile
// `ENV KONG_PG_USER=$KONG_PG_PASSWORD`. Every string of the report that holds the value of a
// secret setting gets it replaced before any format is written.

import type { KongConf, ConfSetting } from '../inputs/kong-conf/types';
import { HIDDEN_VALUE, isSecretName, SHORTEST_HIDDEN_ANYWHERE } from '../knowledge/conf/sensitive';
import type { LineReader } from './fingerprint';

/**
 * The values of the secret settings in kong.conf and every layer over it, and `others` (the
 * database password), longest first; short ones left out.
 */
export function secretValuesOf(conf: KongConf | undefined, others: readonly string[] = []): string[] {
  const values = new Set<string>();
  for (const value of others) if (value.trim().length >= SHORTEST_HIDDEN_ANYWHERE) values.add(value.trim());
  if (!conf) return [...values].sort((a, b) => b.length - a.length);
  const collect = (setting: ConfSetting) => {
    if (isSecretName(setting.key) || (setting.envName !== undefined && isSecretName(setting.envName))) {
      for (const value of [setting.value, setting.rawValue]) if (value.trim().length >= SHORTEST_HIDDEN_ANYWHERE) values.add(value.trim());
    }
    for (const older of setting.overrides) collect(older);
  };
  for (const setting of conf.rawSettings()) collect(setting);
  // A longer value may contain a shorter one: replacing the longer first hides it whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/** A copy of `value` (a report) whose strings no longer hold any of `secrets`; `value` itself when none does. */
export function withoutSecretValues<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return hide(value, secrets) as T;
}

/**
 * A line reader whose lines no longer hold any of `secrets`. Fingerprints hash the line a finding
 * is about, and a fingerprint is as public as the report: hashing `ENV KONG_LOG_LEVEL=<password>`
 * would let anyone holding the report test guesses of the password.
 */
export function linesWithoutSecretValues(readLine: LineReader, secrets: readonly string[]): LineReader {
  if (secrets.length === 0) return readLine;
  return (file, line) => {
    const text = readLine(file, line);
    return text === undefined ? undefined : (hide(text, secrets) as string);
  };
}

function hide(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const secret of secrets) if (text.includes(secret)) text = text.split(secret).join(HIDDEN_VALUE);
    return text;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const shown = hide(item, secrets);
      if (shown !== item) (copy ??= [...value])[index] = shown;
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    // A report holds ~40,000 findings when the database has 100,000 routes: a key loop, not
    // Object.entries, so walking them allocates nothing where no secret is found.
    const record = value as Record<string, unknown>;
    let copy: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const item = record[key];
      const shown = hide(item, secrets);
      if (shown !== item) (copy ??= { ...record })[key] = shown;
    }
    return copy ?? value;
  }
  return value;
}
