// A container's `command:`/`args:`/`entrypoint:` as it may be shown in a note (`it runs `kong
// migrations up``), with the secrets it can carry replaced. Kong's own CLI takes no credential as
// an option (the options of kong/cmd/start.lua, migrations.lua, config.lua, vault.lua, prepare.lua
// and health.lua at Kong/kong 3.9.3 are -c/--conf, -p/--prefix, --nginx-conf, --nginx-conf-flags,
// --run-migrations, --db-timeout, --lock-timeout, -y, -q, -f), so the secrets come from the shell
// around it: `KONG_PG_PASSWORD=... kong start`, `sh -c "export KONG_PG_PASSWORD=... && kong ..."`,
// a helper tool's `--password ...`, and `scheme://user:password@host` URLs.
//
// A few client tools take a password under a short option whose letter means something else
// elsewhere (`psql -p 5432` and `redis-cli -p 6379` give a port; psql takes no password option at
// all, only PGPASSWORD or ~/.pgpass). Those options are hidden only after the tool they belong to:
// - mysql and MariaDB clients: `-pSECRET`, the value glued to the option; `-p SECRET` prompts and
//   SECRET is the database (MySQL Reference Manual, "Using Options on the Command Line", 6.2.2.1,
//   https://dev.mysql.com/doc/refman/8.0/en/command-line-options.html; MariaDB `--password (-p)`).
// - cqlsh (Cassandra, Kong's other store through 2.8): `-p SECRET` and `-pSECRET`
//   (apache/cassandra bin/cqlsh.py, `-p PASSWORD, --password=PASSWORD`).
// - redis-cli: `-a SECRET` and `--pass SECRET`; redis-server: `--requirepass SECRET`,
//   `--masterauth SECRET` (https://redis.io/docs/latest/develop/tools/cli/, redis.conf).
// - curl: `-u user:SECRET`, `-uuser:SECRET`, `-fsu user:SECRET`, `--user user:SECRET` (curl(1), `-u, --user
//   <user:password>`); the user name stays. And a credential header, `-H "Authorization: ..."`
//   or Kong Enterprise's RBAC `-H "Kong-Admin-Token: ..."` to the Admin API.

import { HIDDEN_VALUE, isSecretName } from '../../knowledge/conf/sensitive';
import { isCredentialHeader } from '../../knowledge/entities/credential-headers';

/** A shell word: a quoted string or a run of characters up to a separator. */
const WORD = String.raw`(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^\s;&|'"]+)+`;

/** `NAME=value` (after `export`, `env`, or at the start of a command). */
const ASSIGNMENT = new RegExp(String.raw`(^|[\s;&|('"])([A-Za-z_][A-Za-z0-9_]*)=(${WORD})`, 'g');

/** Option names that carry a credential in the tools a container command chains before Kong. */
const SECRET_OPTION = /(password|passwd|secret|token|credential|api[-_]?key|private[-_]?key)/i;

/** `--password value`, `--password=value`, `--db-token value`. */
const OPTION = new RegExp(String.raw`(^|\s)(--?[A-Za-z][A-Za-z0-9_-]*)(=|\s+)(${WORD})`, 'g');

/** The words of one simple command: up to the next `;`, `&`, `|` or line end. */
const ARGUMENTS = String.raw`[^;&|\n]*`;

/** A tool's name as a command word, bare or with its path (`/usr/bin/mysql`). */
const toolCall = (names: string) => new RegExp(String.raw`(^|[\s;&|('"/])(${names})(?=[\s'"]|$)(${ARGUMENTS})`, 'g');

/**
 * Patterns over a tool's arguments with named groups: `head`, the text kept, then the value
 * replaced; with a `header` group, only when that header carries a credential.
 */
const GLUED = (letter: string) => new RegExp(String.raw`(?<head>\s-${letter})${WORD}`, 'g');
const SEPARATE = (option: string) => new RegExp(String.raw`(?<head>\s${option}\s+)${WORD}`, 'g');
// A quote may be escaped, inside `sh -c "curl -H \"Authorization: ...\""`.
const CURL_USER = String.raw`\s(?:-[A-Za-z]*u\s*|--user\s+)`;
const CURL_PASSWORD = new RegExp(String.raw`(?<head>${CURL_USER}[^\s:'"]*:)[^\s'"]+`, 'g');
const CURL_QUOTED_PASSWORD = new RegExp(String.raw`(?<head>${CURL_USER}(?<quote>\\?["'])[^:'"]*:)(?:(?!\k<quote>).)*`, 'g');
const CURL_HEADER = /(?<head>\s(?:-H\s*|--header\s+)(?<quote>\\?["'])(?<header>[A-Za-z0-9_-]+):\s*)(?:(?!\k<quote>).)*/g;

const TOOL_PASSWORD_OPTIONS: readonly { call: RegExp; options: readonly RegExp[] }[] = [
  {
    call: toolCall('mysql|mysqladmin|mysqlbinlog|mysqlcheck|mysqldump|mysqlimport|mysqlpump|mysqlshow|mysqlslap|mariadb|mariadb-admin|mariadb-binlog|mariadb-check|mariadb-dump|mariadb-import|mariadb-show|mariadb-slap'),
    options: [GLUED('p')],
  },
  { call: toolCall('cqlsh'), options: [SEPARATE('-p'), GLUED('p')] },
  { call: toolCall('redis-cli'), options: [SEPARATE('-a'), SEPARATE('--pass')] },
  { call: toolCall('redis-server'), options: [SEPARATE('--requirepass'), SEPARATE('--masterauth')] },
  // `-u admin` without a colon makes curl prompt: only the part after the first colon is hidden.
  { call: toolCall('curl'), options: [CURL_QUOTED_PASSWORD, CURL_PASSWORD, CURL_HEADER] },
];

/** `scheme://user:password@`: the password part of a URL's user information. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*:)[^\s@/'"]+@/gi;

/** The command with every secret value replaced by HIDDEN_VALUE; variable and option names stay. */
export function withoutCommandSecrets(command: string): string {
  return withoutToolPasswords(command)
    .replace(URL_PASSWORD, (_match, head: string) => `${head}${HIDDEN_VALUE}@`)
    .replace(ASSIGNMENT, (match, before: string, name: string) => (isSecretName(name) ? `${before}${name}=${HIDDEN_VALUE}` : match))
    .replace(OPTION, (match, before: string, option: string, separator: string) => (SECRET_OPTION.test(option) ? `${before}${option}${separator}${HIDDEN_VALUE}` : match));
}

function withoutToolPasswords(command: string): string {
  let text = command;
  for (const tool of TOOL_PASSWORD_OPTIONS) {
    text = text.replace(tool.call, (_match, before: string, name: string, args: string) => {
      let shown = args;
      for (const option of tool.options) {
        shown = shown.replace(option, (...match: unknown[]) => {
          const groups = match[match.length - 1] as { head: string; header?: string };
          if (groups.header !== undefined && !isCredentialHeader(groups.header)) return match[0] as string;
          return `${groups.head}${HIDDEN_VALUE}`;
        });
      }
      return `${before}${name}${shown}`;
    });
  }
  return text;
}

