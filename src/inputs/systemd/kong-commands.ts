// Finds the `kong prepare|start|restart|reload` commands of a unit's `ExecStartPre=`,
// `ExecStart=` and `ExecReload=` lines and the files they hand Kong: `-c`/`--conf` (the kong.conf
// Kong reads) and `--nginx-conf` (a custom nginx template). The options are those of Kong's CLI
// (Kong/kong kong/cmd/prepare.lua, start.lua, restart.lua, reload.lua@3.9.1: `-c,--conf`,
// `--nginx-conf`, read by Penlight's lapp, which also takes `--name=value`).
//
// A command line is split into words as systemd does (./words.ts), after the prefixes that only
// change how systemd runs it (`-`, `@`, `:`, `+`, `!`; systemd.service(5), "Command lines"). A word
// holding blanks (`/bin/sh -c "kong prepare -c /etc/kong/kong.conf"`) is split again, so a
// command run through a shell is found too.

import { basename } from 'node:path';
import { splitWords } from './words';

export const KONG_SUBCOMMANDS = ['prepare', 'start', 'restart', 'reload'] as const;

export interface KongCommand {
  /** `ExecStartPre`, `ExecStart`, `ExecReload`. */
  directive: string;
  subcommand: (typeof KONG_SUBCOMMANDS)[number];
  /** `-c`/`--conf` as written (after systemd's unquoting), when given. */
  conf?: string;
  /** `--nginx-conf` as written, when given. */
  nginxConf?: string;
  file: string;
  line: number;
}

/** The Kong commands of one `Exec*=` value (none when it runs something else). */
export function kongCommandsIn(directive: string, value: string, file: string, line: number): KongCommand[] {
  const split = splitWords(value.replace(/^[-@:+!]+/, ''));
  if (!('words' in split)) return [];
  return commandsIn(split.words, directive, file, line, 0);
}

function commandsIn(words: readonly string[], directive: string, file: string, line: number, depth: number): KongCommand[] {
  const out: KongCommand[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (/\s/.test(word) && depth < 2) {
      const inner = splitWords(word);
      if ('words' in inner) out.push(...commandsIn(inner.words, directive, file, line, depth + 1));
      continue;
    }
    const sub = words[i + 1] as KongCommand['subcommand'] | undefined;
    if (basename(word) !== 'kong' || sub === undefined || !KONG_SUBCOMMANDS.includes(sub)) continue;
    const command: KongCommand = { directive, subcommand: sub, file, line };
    for (let j = i + 2; j < words.length; j++) {
      const arg = words[j];
      // A shell's command separator ends the command.
      if ([';', '&&', '||', '|'].includes(arg)) break;
      const option = /^(-c|--conf|--nginx-conf)(?:=(.*))?$/.exec(arg);
      if (!option) continue;
      const given = option[2] ?? words[j + 1];
      if (option[2] === undefined) j++;
      if (given === undefined) continue;
      if (option[1] === '--nginx-conf') command.nginxConf = given;
      else command.conf = given;
    }
    out.push(command);
  }
  return out;
}
