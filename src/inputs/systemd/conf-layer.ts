// Turns the systemd units given with --systemd-unit into a kong.conf layer: the `KONG_*`
// variables the unit gives the service, each at its line in the unit, a drop-in or an
// EnvironmentFile (../images/variables-conf-layer.ts, as compose services and Kubernetes
// containers are read). Precedence in the check: kong.conf < this layer < the check's own
// `KONG_*` environment (src/installation.ts); a later unit given wins over an earlier one.
//
// Also said here, never read unasked: the kong.conf and nginx template the unit's Kong commands
// name, when they are not what the check was given, and the edition the unit's name implies
// (`kong-enterprise-edition.service` is the Enterprise package's unit: Kong/kong
// build/package/kong-enterprise-edition.service; `kong.service` is no proof of the open-source
// package, as Enterprise 2.8.1.x and 3.2.x.x packages shipped their unit under that name:
// Kong/developer.konghq.com app/_data/changelogs/gateway.json, "kong.service").

import { basename, resolve } from 'node:path';
import { fileOrigin, type FileOrigin } from '../../model/origin';
import type { Derived } from '../../report/report';
import type { ConfLayer } from '../kong-conf/load';
import type { ConfDiagnostic } from '../kong-conf/types';
import { variablesConfLayer } from '../images/variables-conf-layer';
import { readSystemdUnit, type NamedFile, type SystemdUnitRead } from './read-unit';
import { KONG_DEFAULT_CONF_PATHS } from '../../knowledge/conf/default-conf-paths';


export const ENTERPRISE_UNIT_NAME = 'kong-enterprise-edition.service';

export interface SystemdGiven {
  /** The kong.conf given to the check. */
  confFile?: string;
  /** The --nginx-template files given to the check. */
  nginxTemplates?: readonly string[];
}

export interface SystemdInputs {
  layer?: ConfLayer;
  listed: { kind: string; label: string }[];
  edition?: Derived;
  secretValues: string[];
  /** The --nginx-template files given that a unit's Kong command takes as `--nginx-conf`, with who does. */
  nginxConfGiven?: { template: string; by: string }[];
}

export function readSystemdUnits(files: readonly string[], given: SystemdGiven): SystemdInputs {
  const reads = files.map((file) => readSystemdUnit(file));
  const variables = reads.flatMap((read) => read.variables);
  const diagnostics: ConfDiagnostic[] = reads.flatMap((read) => [
    ...read.notes.map((note) => ({ kind: note.kind, origin: note.origin, message: note.message }) as ConfDiagnostic),
    ...namedFileNotes(read, given),
  ]);
  const layer = variablesConfLayer(variables, { reportReplaced: true });
  const anchor: FileOrigin = fileOrigin(reads[0].file, 1);
  const withNotes: ConfLayer | undefined = layer
    ? { ...layer, diagnostics: [...layer.diagnostics, ...diagnostics], anchor }
    : diagnostics.length > 0 ? { settings: [], diagnostics, anchor } : undefined;
  const listed = reads.flatMap((read) => [
    { kind: 'systemd unit', label: `${read.file} (${unitLabel(read, given)})` },
    ...read.dropIns.map((dropIn) => ({ kind: 'systemd drop-in', label: `${dropIn} (applied over ${basename(read.file)})` })),
  ]);
  const enterprise = reads.find((read) => read.unit.full === ENTERPRISE_UNIT_NAME);
  return {
    ...(withNotes ? { layer: withNotes } : {}),
    listed,
    ...(enterprise ? { edition: { value: 'enterprise', reason: `inferred: systemd unit ${enterprise.file}, the name of the Kong Enterprise package's unit` } } : {}),
    secretValues: reads.flatMap((read) => read.secretValues),
    ...nginxConfGiven(reads, given),
  };
}

/**
 * The templates given that a unit starts Kong with (`kong prepare --nginx-conf FILE`, a copy of
 * the same name accepted, as for the unread-file notes): Kong renders its nginx.conf from that
 * file, whatever it looks like (sweep 21, tunghoang94/kong-hybrid override.conf).
 */
function nginxConfGiven(reads: readonly SystemdUnitRead[], given: SystemdGiven): { nginxConfGiven?: { template: string; by: string }[] } {
  const out: { template: string; by: string }[] = [];
  for (const read of reads) {
    const nginx = read.nginxConf;
    if (!nginx?.path) continue;
    for (const template of given.nginxTemplates ?? []) {
      if (sameFile(nginx.path, template)) out.push({ template, by: `${nginx.command.directive} of ${read.unit.full} runs kong ${nginx.command.subcommand} --nginx-conf ${nginx.path}` });
    }
  }
  return out.length > 0 ? { nginxConfGiven: out } : {};
}

function unitLabel(read: SystemdUnitRead, given: SystemdGiven): string {
  const kong = read.variables.some((v) => v.name.startsWith('KONG_'));
  const files = read.environmentFiles.map((f) => `EnvironmentFile ${f.path} ${{ read: 'read', 'missing-optional': 'not found, optional (-)', missing: 'not found', unread: 'not read' }[f.status]}`);
  const start = read.commands.filter((c) => c.directive !== 'ExecReload');
  const conf = read.conf
    ? `kong ${read.conf.command.subcommand} reads ${read.conf.path ?? `a kong.conf that ${read.conf.unknown}`} (-c)${given.confFile ? `; checked: ${given.confFile}` : ''}`
    : start.length > 0 ? `kong ${start[0].subcommand} is given no -c: Kong reads ${KONG_DEFAULT_CONF_PATHS.join(', else ')} on the host${given.confFile ? ` (checked: ${given.confFile})` : ''}` : undefined;
  const nginx = read.nginxConf ? `kong ${read.nginxConf.command.subcommand} renders ${read.nginxConf.path ?? `a template that ${read.nginxConf.unknown}`} (--nginx-conf)` : undefined;
  const reloadConf = reloadDiffers(read);
  return [
    kong ? 'KONG_* of Environment=, EnvironmentFile= read as settings' : 'it sets no KONG_* variable',
    ...files,
    ...(conf ? [conf] : []),
    ...(nginx ? [nginx] : []),
    ...(reloadConf ? [reloadConf] : []),
    ...(read.unit.full === 'kong.service' ? ['the name kong.service does not tell the edition: some Enterprise packages (2.8.1.x, 3.2.x.x) shipped their unit under it'] : []),
  ].join('; ');
}

/** ExecReload's `kong prepare` reading another kong.conf than the start commands (the docs' example reloads without -c). */
function reloadDiffers(read: SystemdUnitRead): string | undefined {
  const reload = read.commands.filter((c) => c.directive === 'ExecReload');
  if (reload.length === 0 || !read.conf?.path) return undefined;
  const without = reload.find((c) => c.conf === undefined);
  return without ? `ExecReload at line ${without.line} runs kong ${without.subcommand} without -c: a reload reads ${KONG_DEFAULT_CONF_PATHS.join(', else ')}, not ${read.conf.path}` : undefined;
}

/**
 * Says when the kong.conf or template the unit's Kong commands name is not what the check read.
 * A file given under the same name counts as a copy of the host's file (the check seldom runs on
 * the host); no such file given, or another name, is said.
 */
function namedFileNotes(read: SystemdUnitRead, given: SystemdGiven): ConfDiagnostic[] {
  const out: ConfDiagnostic[] = [];
  const at = (named: NamedFile): FileOrigin => ({ kind: 'file', file: named.command.file, line: named.command.line, column: 1 });
  const conf = read.conf;
  if (conf?.path && !sameFile(conf.path, given.confFile)) {
    out.push({
      kind: 'unread-unit-file',
      origin: at(conf),
      message: given.confFile
        ? `${conf.command.directive} of ${read.unit.full} runs kong ${conf.command.subcommand} -c ${conf.path}, and the check was given ${given.confFile}: unless that is a copy of ${conf.path}, the settings checked are not those Kong runs with`
        : `${conf.command.directive} of ${read.unit.full} runs kong ${conf.command.subcommand} -c ${conf.path}, which the check was not given: its settings were not read (give a copy of it as the check's first argument)`,
    });
  }
  const nginx = read.nginxConf;
  if (nginx?.path && !(given.nginxTemplates ?? []).some((t) => sameFile(nginx.path!, t))) {
    out.push({
      kind: 'unread-unit-file',
      origin: at(nginx),
      message: `${nginx.command.directive} of ${read.unit.full} runs kong ${nginx.command.subcommand} --nginx-conf ${nginx.path}, and no --nginx-template of that name was given: the custom template was not checked`,
    });
  }
  return out;
}

/** The same file, or a copy under the same name. */
function sameFile(named: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  return resolve(given) === resolve(named) || basename(given) === basename(named);
}
