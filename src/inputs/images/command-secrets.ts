// A container's `command:`/`args:`/`entrypoint:` as it may be shown in a note (`it runs `kong
// migrations up``), with the secrets it can carry replaced. Kong's own CLI takes no credential as
// an option (the options of kong/cmd/start.lua, migrations.lua, config.lua, vault.lua, prepare.lua
// and health.lua at Kong/kong 3.9.3 are -c/--conf, -p/--prefix, --nginx-conf, --nginx-conf-flags,
// --run-migrations, --db-timeout, --lock-timeout, -y, -q, -f), so the secrets come from the shell
// around it: `KONG_PG_PASSWORD=... kong start`, `sh -c "export KONG_PG_PASSWORD=... && kong ..."`,
// a helper tool's `--password ...`, and `scheme://user:password@host` URLs.

import { HIDDEN_VALUE, isSecretName } from '../../knowledge/conf/sensitive';

/** A shell word: a quoted string or a run of characters up to a separator. */
const WORD = String.raw`(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|'"]+)+`;

/** `NAME=value` (after `export`, `env`, or at the start of a command). */
const ASSIGNMENT = new RegExp(String.raw`(^|[\s;&|('"])([A-Za-z_][A-Za-z0-9_]*)=(${WORD})`, 'g');

/** Option names that carry a credential in the tools a container command chains before Kong. */
const SECRET_OPTION = /(password|passwd|secret|token|credential|api[-_]?key|private[-_]?key)/i;

/** `--password value`, `--password=value`, `--db-token value`. */
const OPTION = new RegExp(String.raw`(^|\s)(--?[A-Za-z][A-Za-z0-9_-]*)(=|\s+)(${WORD})`, 'g');

/** `scheme://user:password@`: the password part of a URL's user information. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@/'"]+@/gi;

/** The command with every secret value replaced by HIDDEN_VALUE; variable and option names stay. */
export function withoutCommandSecrets(command: string): string {
  return command
    .replace(URL_PASSWORD, (_match, head: string) => `${head}${HIDDEN_VALUE}@`)
    .replace(ASSIGNMENT, (match, before: string, name: string) => (isSecretName(name) ? `${before}${name}=${HIDDEN_VALUE}` : match))
    .replace(OPTION, (match, before: string, option: string, separator: string) => (SECRET_OPTION.test(option) ? `${before}${option}${separator}${HIDDEN_VALUE}` : match));
}
