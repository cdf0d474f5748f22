// The secret values an installation's entities hold (credentials, private keys, plugin and vault
// settings Kong marks sensitive: src/knowledge/entities/sensitive-fields.ts), gathered while the
// rules' entity walk goes by, for the report-wide hiding by value. Rules hide a secret field's
// value by its name; the same text can still reach a report elsewhere: a key-auth key reused as a
// route path, a Redis password written into a tag, the line a fingerprint hashes.
// One policy for both sources: a database row's plugin, vault and partial `config` is read in
// full and collected here; its key, certificate and credential columns are never selected by the
// entity walk, only by a query of their own that hands their values to seeSecret
// (src/inputs/database/secret-columns.ts). Private keys are taken as src/model/key-material.ts
// says: a PEM whole and line by line, a JWK by its private members.

import {
  CREDENTIAL_SENSITIVE_FIELDS, ENTITY_SENSITIVE_FIELDS, PLUGIN_SENSITIVE_FIELDS, SECRET_FIELD_NAME,
  SHARED_SENSITIVE_FIELDS, VAULT_SENSITIVE_FIELDS, type KeyMaterial,
} from '../knowledge/entities/sensitive-fields';
import { REFERENCEABLE_HEADER_MAPS, isCredentialHeader, isOrdinaryHeader } from '../knowledge/entities/credential-headers';
import { SHORTEST_HIDDEN_ANYWHERE } from '../knowledge/conf/sensitive';
import type { Entity, EntitySource, EntityType } from './entities';
import { fieldValues } from './field-paths';
import { jwkPrivateValues, pemBodyLines } from './key-material';

const DECLARATIVE_TYPES: ReadonlySet<EntityType> = new Set(['plugin', 'consumer', 'certificate', 'key', 'vault', 'partial']);
/** The database source selects no credential, certificate key or JWK column: only configs hold secrets. */
const DATABASE_TYPES: ReadonlySet<EntityType> = new Set(['plugin', 'vault', 'partial']);

const SHARED = new Set(SHARED_SENSITIVE_FIELDS.names);
const PER_PLUGIN = new Map(Object.entries(PLUGIN_SENSITIVE_FIELDS).map(([name, fields]) => [name, new Set(fields.names)]));
/** Per plugin, its config keys holding header maps whose values Kong marks referenceable. */
const HEADER_MAPS = new Map(Object.entries(REFERENCEABLE_HEADER_MAPS).map(([name, maps]) => [name, new Set(maps.fields)]));
/** Where plugin configs keep headers: a map (`{Name: value}`) or a list of `Name:value` strings. */
const HEADERS_KEY = 'headers';
const VAULT = new Set(VAULT_SENSITIVE_FIELDS.names);
const NONE: ReadonlySet<string> = new Set();

/** A Kong vault reference names where the secret is kept, not the secret: it stays visible. */
const VAULT_REFERENCE = /^\{vault:\/\/[^}]*\}$/;

/** `Bearer <token>`, `Basic <base64>`: RFC 9110 credentials, a scheme then the secret. */
const AUTHORIZATION = /^(?:bearer|basic|token|digest|apikey)\s+(\S+)$/i;

export class EntitySecretValues {
  private readonly found = new Set<string>();
  /** Lines of PEM private keys' bodies: hidden anywhere, not only as a word (see anywhere()). */
  private readonly keyLines = new Set<string>();
  /**
   * Lists and records already walked. YAML aliases share them: a "billion laughs" inside one
   * plugin's config is a few dozen objects, and walking each one once keeps it that (walking
   * every path to them took over five minutes on the hardening test).
   */
  private readonly walked = new WeakSet<object>();
  /** The same for config walks, per set of plugin-specific secret names (a config aliased into two plugins is read for each). */
  private readonly walkedFor = new Map<ReadonlySet<string>, WeakSet<object>>();
  /** Whether a config key is secret whatever the plugin: the same few dozen names recur on every plugin. */
  private readonly sharedName = new Map<string, boolean>();

  /**
   * `sharing`: whether two places of the input can hold the same list or record, which only YAML
   * aliases do. Without them (JSON, database rows, YAML with no `*`) nothing is walked twice, and
   * remembering 60,000 plugin configs in weak sets cost more than reading them (~20 ms, and
   * garbage-collector work on every ephemeron).
   */
  constructor(private readonly sharing = true) {}

  /** The entity types whose fields may hold secrets in a source of this kind. */
  typesFor(kind: EntitySource['kind']): ReadonlySet<EntityType> {
    return kind === 'database' ? DATABASE_TYPES : DECLARATIVE_TYPES;
  }

  see(entity: Entity): void {
    const fields = entity.fields;
    switch (entity.type) {
      case 'plugin': {
        const name = fields.name;
        const plugin = typeof name === 'string' ? name : '';
        this.inConfig(fields.config, PER_PLUGIN.get(plugin) ?? NONE, HEADER_MAPS.get(plugin) ?? NONE);
        return;
      }
      case 'vault': this.inConfig(fields.config, VAULT, NONE); return;
      case 'partial': this.inConfig(fields.config, NONE, NONE); return;
      case 'consumer': this.inCredentials(fields); return;
      case 'certificate':
      case 'key':
        for (const { path, holds } of ENTITY_SENSITIVE_FIELDS[entity.type].fields) for (const hit of fieldValues(fields, path)) this.addKey(hit.value, holds);
        return;
      default:
    }
  }

  /**
   * Credentials written as top-level collections (Kong's own format: `keyauth_credentials:` with a
   * `consumer` reference). Only those few keys of a document's top are read, not the document.
   */
  seeTopLevel(root: Readonly<Record<string, unknown>>): void {
    this.inCredentials(root);
  }

  /**
   * A value known to be secret without an entity around it: a database credential or private key
   * column, which the entity walk never selects (src/inputs/database/secret-columns.ts). `holds`:
   * what a private key column holds; a credential is taken as it stands.
   */
  seeSecret(value: string, holds?: KeyMaterial): void {
    if (holds) this.addKey(value, holds);
    else this.add(value);
  }

  /**
   * The values found so far, in no particular order; short ones are left to the hiding's policy,
   * which hides them where they stand as a word (secretValuesOf's `inWords`).
   */
  values(): string[] {
    return [...this.found];
  }

  /**
   * Values to hide wherever they appear, even inside a longer word: the base64 body lines of PEM
   * private keys. A PEM written as one line of base64 (its line breaks dropped) glues each line to
   * letters on both sides, and a random line of 16 or more characters is never a part of other text.
   */
  anywhere(): string[] {
    return [...this.keyLines];
  }

  /** A private key field's value: a PEM whole and by its body lines, a JWK by its private members. */
  private addKey(value: unknown, holds: KeyMaterial): void {
    if (holds === 'jwk') {
      // A JWK written as a YAML mapping rather than a JSON string is read the same way; text that
      // is no JSON object has no members to tell apart, and all of it is hidden. A vault
      // reference is not parsed: add() leaves it visible.
      this.add(typeof value === 'string' && VAULT_REFERENCE.test(value.trim()) ? value : jwkPrivateValues(value) ?? value);
      return;
    }
    this.add(value);
    if (typeof value === 'string') for (const line of pemBodyLines(value)) this.keyLines.add(line);
  }

  private inCredentials(holder: Readonly<Record<string, unknown>>): void {
    for (const collection in CREDENTIAL_SENSITIVE_FIELDS) {
      const items = holder[collection];
      if (!Array.isArray(items)) continue;
      const { fields } = CREDENTIAL_SENSITIVE_FIELDS[collection];
      for (const item of items) {
        if (item === null || typeof item !== 'object') continue;
        for (const field of fields) this.add((item as Record<string, unknown>)[field]);
      }
    }
  }

  /**
   * Every secret-named field under a config, at any depth (Redis records, AI `auth` records,
   * targets), and the credentials among its headers. `headerMaps`: keys of the plugin's header maps
   * Kong marks referenceable; they come with `own`, so the walks remembered per `own` stay right.
   */
  private inConfig(config: unknown, own: ReadonlySet<string>, headerMaps: ReadonlySet<string>): void {
    if (config === null || typeof config !== 'object') return;
    if (this.sharing) {
      let walked = this.walkedFor.get(own);
      if (!walked) this.walkedFor.set(own, (walked = new WeakSet()));
      if (walked.has(config)) return;
      walked.add(config);
    }
    if (Array.isArray(config)) {
      for (const item of config) this.inConfig(item, own, headerMaps);
      return;
    }
    const record = config as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') continue;
      if (own.has(key) || this.isSharedName(key)) this.add(value);
      else if (headerMaps.has(key)) this.inHeaders(value, true);
      else if (key === HEADERS_KEY) this.inHeaders(value, false);
      else if (typeof value === 'object') this.inConfig(value, own, headerMaps);
    }
  }

  /**
   * The secret values among headers: those of credential headers (`Authorization`, `X-Api-Key`),
   * and with `referenceable` (a map Kong lets hold vault references) all but those of ordinary
   * headers (`Accept: application/json`). See src/knowledge/entities/credential-headers.ts.
   */
  private inHeaders(headers: unknown, referenceable: boolean): void {
    const secret = (name: string) => isCredentialHeader(name) || (referenceable && !isOrdinaryHeader(name));
    if (typeof headers === 'string') {
      if (referenceable) this.add(headers);
    } else if (Array.isArray(headers)) {
      // request-transformer's form: `Name:value`, the value after the first colon.
      for (const item of headers) {
        if (typeof item !== 'string') continue;
        const colon = item.indexOf(':');
        if (colon > 0 ? secret(item.slice(0, colon)) : referenceable) this.add(colon > 0 ? item.slice(colon + 1) : item);
      }
    } else if (headers !== null && typeof headers === 'object') {
      // A map of a name to a value, or to a list of values (http-log before 3.0).
      const map = headers as Record<string, unknown>;
      for (const name of Object.keys(map)) if (secret(name)) this.add(map[name]);
    }
  }

  private isSharedName(key: string): boolean {
    let secret = this.sharedName.get(key);
    if (secret === undefined) this.sharedName.set(key, (secret = SHARED.has(key) || SECRET_FIELD_NAME.test(key)));
    return secret;
  }

  /** A secret field's value: a string, or every string inside a record or list (a header map). */
  private add(value: unknown): void {
    if (typeof value === 'string') {
      const text = value.trim();
      if (text.length < SHORTEST_HIDDEN_ANYWHERE || VAULT_REFERENCE.test(text)) return;
      this.found.add(text);
      // An Authorization header's credential is also hidden on its own, without its scheme word.
      const credential = AUTHORIZATION.exec(text)?.[1];
      if (credential !== undefined && credential.length >= SHORTEST_HIDDEN_ANYWHERE) this.found.add(credential);
    } else if (value === null || typeof value !== 'object' || (this.sharing && this.walked.has(value))) {
      return;
    } else if (Array.isArray(value)) {
      if (this.sharing) this.walked.add(value);
      for (const item of value) this.add(item);
    } else {
      if (this.sharing) this.walked.add(value);
      // A value from a Kubernetes Secret is an object holding nothing: no key of it is read.
      for (const key of Object.keys(value)) this.add((value as Record<string, unknown>)[key]);
    }
  }
}
