// kong.conf switches with which Kong Enterprise signs in to PostgreSQL with a token from a cloud
// identity service instead of `pg_password`. Each one, when on, makes Kong ignore pg_password and
// force TLS; kong-preflight obtains no such tokens, so it cannot sign in as Kong does. Data only.

import type { FactSource } from '../../model/source';

export interface TokenSignIn {
  /** The kong.conf switch (its read-only twin, `pg_ro_*`, is not needed to read the database). */
  key: string;
  /** Who issues the token, as messages name it. */
  issuer: string;
  /** The first Enterprise release whose configuration reference lists the switch. */
  since: string;
  source: FactSource;
}

const reference = (minor: string, note: string): FactSource => ({
  kind: 'repo', ref: `Kong/developer.konghq.com:app/_data/kong-conf/${minor}.json@bc1cd74260f0bddb06dcf004c9c34b53bb870c1a`, note,
});

export const TOKEN_SIGN_IN: readonly TokenSignIn[] = [
  { key: 'pg_iam_auth', issuer: 'AWS IAM', since: '3.4.0.0', source: reference('3.4', 'pg_iam_auth: pg_user is the account, TLS forced, pg_password not used when on') },
  { key: 'pg_azure_auth', issuer: 'Azure', since: '3.12.0.0', source: reference('3.12', 'pg_azure_auth: the same for Azure') },
  { key: 'pg_gcp_auth', issuer: 'Google Cloud', since: '3.13.0.0', source: reference('3.13', 'pg_gcp_auth: an access token as the password, pg_password ignored, TLS enforced') },
  {
    key: 'pg_oauth_auth', issuer: 'an OAuth identity provider (OAUTHBEARER)', since: '3.14.0.0',
    source: reference('3.14', 'pg_oauth_auth: an OAuth access token for OAUTHBEARER SASL (PostgreSQL 18+), pg_password ignored; only one of the four may be on'),
  },
];
