// Which HTTP header values are secrets. Plugins configure headers two ways:
// - a header map whose values Kong marks `referenceable = true` (http-log `headers`, opentelemetry
//   `headers`): Kong's own sign that a value may be a credential, and observability vendors take
//   their keys under names of their own choosing (an APM token header), so every value there is
//   hidden except under the few standard names that never carry one (`Accept: application/json`);
// - header lists Kong does not mark (request-transformer's `add.headers: ["Name:value"]`): only
//   values under a name that carries credentials are hidden.
// A header value shown where it is no secret keeps a report readable: hiding every header value
// turned `application/json` into `(hidden)` wherever it appeared in a report.

import { isSecretName } from '../conf/sensitive';

export interface HeaderSource {
  ref: string;
  note?: string;
}

/** Plugins whose config holds header maps with values Kong marks referenceable, by config key. */
export const REFERENCEABLE_HEADER_MAPS: Readonly<Record<string, { fields: readonly string[]; sources: readonly HeaderSource[] }>> = {
  'http-log': {
    fields: ['headers'],
    sources: [
      { ref: 'Kong/kong:kong/plugins/http-log/schema.lua@3.4.0', note: 'headers: map of header_name to string, values referenceable' },
      { ref: 'Kong/kong:kong/plugins/http-log/schema.lua@3.9.1', note: 'same; Host, Content-Length and Content-Type names refused' },
      { ref: 'Kong/kong:kong/plugins/http-log/schema.lua@2.8.4', note: 'typedefs.headers: map of header_name to an array of strings, not referenceable yet' },
    ],
  },
  'opentelemetry': {
    fields: ['headers'],
    sources: [
      { ref: 'Kong/kong:kong/plugins/opentelemetry/schema.lua@3.9.1', note: 'headers: values referenceable; the field description names authentication headers for the APM backend' },
    ],
  },
};

/**
 * Request header names whose values are never credentials: the representation, negotiation and
 * connection fields of HTTP and the forwarding headers. Values under these names stay visible.
 */
export const ORDINARY_HEADERS: { names: readonly string[]; sources: readonly HeaderSource[] } = {
  names: [
    'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'cache-control', 'connection', 'content-encoding',
    'content-language', 'content-type', 'date', 'expect', 'host', 'max-forwards', 'origin', 'pragma', 'range', 'referer',
    'te', 'upgrade', 'user-agent', 'via', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-path',
    'x-forwarded-port', 'x-forwarded-prefix', 'x-forwarded-proto', 'x-kong-request-id', 'x-request-id',
  ],
  sources: [
    { ref: 'https://www.rfc-editor.org/rfc/rfc9110#section-18.4', note: 'RFC 9110 field name registrations: representation, negotiation, connection fields' },
    { ref: 'https://www.rfc-editor.org/rfc/rfc7239', note: 'Forwarded' },
    { ref: 'Kong/kong:kong/constants.lua@3.9.1', note: 'X-Forwarded-Host/-Path/-Prefix, X-Kong-Request-Id: headers Kong itself sets' },
  ],
};

/**
 * Header names that carry credentials: the RFC 9110 authentication fields, cookies, key-auth's
 * default key name, and any name that says it holds a key, token, secret or password.
 */
export const CREDENTIAL_HEADERS: { names: readonly string[]; pattern: RegExp; sources: readonly HeaderSource[] } = {
  names: ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'apikey'],
  pattern: /(auth|token|secret|passw|credential|session|signature|api-?key|(?:^|[-_])key(?:$|[-_]))/i,
  sources: [
    { ref: 'https://www.rfc-editor.org/rfc/rfc9110#section-11.6.2', note: 'Authorization, Proxy-Authorization carry credentials' },
    { ref: 'https://www.rfc-editor.org/rfc/rfc6265#section-4.2', note: 'Cookie' },
    { ref: 'Kong/kong:kong/plugins/key-auth/schema.lua@3.9.1', note: 'key_names default { "apikey" }' },
    { ref: 'Kong/kong:kong/plugins/basic-auth/access.lua@3.9.1', note: 'credentials read from Authorization and Proxy-Authorization' },
  ],
};

const ORDINARY = new Set(ORDINARY_HEADERS.names);
const CREDENTIAL = new Set(CREDENTIAL_HEADERS.names);

/** True when a header of this name carries a credential (`Authorization`, `X-Api-Key`, `Kong-Admin-Token`). */
export function isCredentialHeader(name: string): boolean {
  const key = name.trim().toLowerCase();
  return CREDENTIAL.has(key) || CREDENTIAL_HEADERS.pattern.test(key) || isSecretName(key.replace(/-/g, '_'));
}

/** True when a header of this name never carries a credential (`Content-Type`, `Accept`). */
export function isOrdinaryHeader(name: string): boolean {
  const key = name.trim().toLowerCase();
  return ORDINARY.has(key) && !isCredentialHeader(key);
}
