// The `KONG_<PROPERTY>_FILE` convention of Kong's official container images (Docker and
// Kubernetes secrets mounted as files). Before Kong starts, the image's entrypoint walks the
// options of the installed kong_defaults.lua; for each one whose `_FILE` variable is set and not
// empty it reads that file into `KONG_<PROPERTY>` and removes the `_FILE` variable, so Kong sees
// an ordinary property. Both variables set (non-empty) is an error: the entrypoint exits before
// Kong starts. `KONG_PASSWORD` (no kong.conf property) gets the same treatment. Images from 2.5.1
// on do this for every option; 2.0.4 to 2.5.0 only for pg_password (2.0.5: pg_user, pg_database).

import type { FactSource } from '../../model/source';
import { confCatalog } from './catalog';

export const ENV_FILE_CONVENTION = {
  suffix: '_FILE',
  sources: [
    { kind: 'repo', ref: 'Kong/docker-kong:docker-entrypoint.sh@3.9.3', note: 'file_env; the loop over kong_defaults.lua options; file_env KONG_PASSWORD; exit when both variables are set' },
    { kind: 'repo', ref: 'Kong/docker-kong:alpine/docker-entrypoint.sh@2.5.1', note: 'first release reading every option (commit e6a526f); 2.0.4 read KONG_PG_PASSWORD_FILE only, 2.0.5-2.5.0 also the PG_USER and PG_DATABASE ones' },
    { kind: 'repo', ref: 'Kong/kong:build/dockerfiles/entrypoint.sh@3.4.0', note: 'the same entrypoint in Kong\'s own image build (also at 3.9.3)' },
    { kind: 'repo', ref: 'Kong/docker-kong:compose/docker-compose.yml@3.9.3', note: 'Kong\'s compose example sets KONG_PG_PASSWORD_FILE' },
  ] satisfies FactSource[],
} as const;

/**
 * The property a `KONG_*_FILE` variable fills (`pg_password` for `pg_password_file`), or
 * undefined when the key is not of that form: no `_file` suffix, a key that is itself a property
 * (`resolver_hosts_file`), or a stem no Kong version declares (`foo_file` stays an unknown key).
 * Any version counts: the loader does not know the plan, and a property the target drops is
 * then the removal rules' business.
 */
export function fileEnvTarget(key: string): string | undefined {
  const suffix = ENV_FILE_CONVENTION.suffix.toLowerCase();
  if (!key.endsWith(suffix) || key.length === suffix.length) return undefined;
  const catalog = confCatalog();
  if (catalog.knownIn(key, 'enterprise').length > 0) return undefined;
  const stem = key.slice(0, -suffix.length);
  return catalog.knownIn(stem, 'enterprise').length > 0 ? stem : undefined;
}
