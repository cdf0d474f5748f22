// Reads a Dockerfile as docker build does, for what a Kong check needs from it: the Kong images of
// its `FROM` lines, the environment its `ENV` lines give the container, and Kong installed from a
// package in a `RUN`, `COPY` or `ADD` step. The container runs the last stage, so only that
// stage's image, ENV and packages describe it; a `FROM <stage>` inherits that stage's ENV.
//
// Variables: build arguments declared before the first `FROM` are seen by `FROM` lines only,
// unless a stage declares them again (`ARG NAME`); inside a stage `$NAME` reads its ENV, then its
// ARGs (defaults taken, as when no --build-arg is given). Every value in one `ENV` instruction is
// substituted with the values from before it. ENV values lose their quotes, as the shell would
// remove them (https://docs.docker.com/reference/dockerfile/#env; the legacy `ENV NAME value`
// form takes the whole rest of the line as the value: moby/buildkit
// frontend/dockerfile/parser/line_parsers.go parseNameVal).

import { findLuarocksMakes, type LuarocksMake } from './luarocks-make';
import type { FileOrigin } from '../../model/origin';
import { readImageReference, type KongImageRef, type UnresolvedImage } from './image-ref';
import { braceTable, interpolate, substitutionBudget, variableEnd, withSubstitutionPlace, type SubstitutionBudget, type VariableLookup } from './interpolate';
import { findKongPackages, type KongPackageRef } from './kong-package';
import { isSecretName } from '../../knowledge/conf/sensitive';
import { KONG_IMAGES } from '../../knowledge/platform/images';
import { kongPropertyOf } from '../env';
import { nextWorkdir, readCopy, type DockerfileCopy } from './dockerfile-copies';
import { kongConfArgument, type CommandConf, type ImageCommand, type ImageRun } from './run-conf';
import { stockPathNamed } from './template-paths';
import { runHeredocScripts, skipHeredocBodies, type HeredocBody } from './dockerfile-heredocs';

/** One `ENV` variable the running container gets from the Dockerfile. */
export interface DockerfileEnv {
  name: string;
  /**
   * The value after quote removal and substitution; undefined when it depends on a variable
   * without a value here (a build argument without default, or one the base image sets). May be a
   * secret: never put it in a message.
   */
  value?: string;
  /** Variables an undefined value depends on. */
  unresolved: string[];
  /**
   * True when the value was built from a secret-named variable that no Kong setting holds (a build
   * argument `PG_PASSWORD`, an `ENV PGPASSWORD`) and this one is no secret: it is left unread
   * (undefined), since the report's hiding by value knows only Kong's secret settings.
   */
  copiesSecret?: boolean;
  /**
   * Values that earlier ENV instructions gave this secret `KONG_*` variable. A later value replaces
   * them for Kong, but a copy may live on in another setting (`ENV KONG_DATABASE=$KONG_PG_PASSWORD
   * KONG_PG_PASSWORD=`), so the report's hiding must still know them. Never put them in a message.
   */
  replacedSecretValues?: string[];
  /**
   * True when another instruction of the file reads the variable (`$KONG_PLUGIN_VER` in a RUN
   * line, a heredoc script, another ENV's value): a value the build itself uses.
   */
  readByBuild?: boolean;
  /** The variable's name on its line. */
  origin: FileOrigin;
}

export interface DockerfileRead {
  images: KongImageRef[];
  unresolved: UnresolvedImage[];
  /** The last stage's ENV, in the order it was set. */
  env: DockerfileEnv[];
  packages: KongPackageRef[];
  /** The last stage's COPY and ADD steps, its base stages' first (./dockerfile-copies.ts). */
  copies: DockerfileCopy[];
  /** The kong.conf the last stage's CMD or ENTRYPOINT names with `-c`/`--conf` (Kong then reads no default path). */
  confPath?: CommandConf;
  /** The last stage's CMD and ENTRYPOINT -c apart, and its WORKDIR: a compose service may replace either (./run-conf.ts). */
  run: ImageRun;
  /**
   * Steps of the last stage (its base stages' first) that may change Kong's templates or its
   * entrypoint script without a COPY read here landing on them (./template-paths.ts): a RUN that
   * names one, a COPY or ADD whose destination is not known.
   */
  templateSteps: TemplateStep[];
  /** The last stage's `luarocks make` steps, its base stages' first (./luarocks-make.ts). */
  luarocksMakes: LuarocksMake[];
}

/** A build step that may change the templates Kong renders, and why. */
export interface TemplateStep {
  origin: FileOrigin;
  why: string;
}

export type { CommandConf } from './run-conf';

interface Instruction {
  line: number;
  text: string;
  /** The heredocs whose bodies follow the instruction's line (RUN, COPY and ADD). */
  heredocs?: HeredocBody[];
  /** The position in the file of a character of `text`. */
  at(offset: number): { line: number; column: number };
}

interface Stage {
  name?: string;
  image?: KongImageRef;
  /** Build arguments with a known value in this stage. */
  args: Map<string, string>;
  env: Map<string, DockerfileEnv>;
  /** Packages installed in this stage or the stage it is built on. */
  packages: KongPackageRef[];
  /**
   * The working directory relative COPY destinations start from; undefined when the base image's
   * is unknown. Kong's images set none (Kong/docker-kong ubuntu/Dockerfile@e02a794 has no
   * WORKDIR), so a stage built on one starts at `/`, as Docker's default is.
   */
  workdir?: string;
  /** COPY and ADD steps of this stage and the stage it is built on. */
  copies: DockerfileCopy[];
  /** `luarocks make` steps of this stage and the stage it is built on. */
  luarocksMakes: LuarocksMake[];
  /** `-c FILE` of the CMD, and of the ENTRYPOINT (setting ENTRYPOINT resets an inherited CMD). */
  cmdConf?: CommandConf;
  entrypointConf?: CommandConf;
  /** The CMD and ENTRYPOINT as the words docker runs; absent: the base image's. */
  cmd?: ImageCommand;
  entrypoint?: ImageCommand;
  templateSteps: TemplateStep[];
}

export function readDockerfile(file: string, text: string): DockerfileRead {
  const result: DockerfileRead = { images: [], unresolved: [], env: [], packages: [], copies: [], run: {}, templateSteps: [], luarocksMakes: [] };
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  // Stages by name (the first of a name, as `find` did) and by image: a Dockerfile of many stages stays linear.
  const named = new Map<string, Stage>();
  const stageOfImage = new Map<KongImageRef, Stage>();
  const own: KongImageRef[] = [];
  const ownPackages: { stage: Stage; ref: KongPackageRef }[] = [];
  // One budget for the whole file: ENV and ARG values built from copies of earlier ones grow
  // exponentially (once a RangeError: Invalid string length).
  const budget = substitutionBudget();
  // Names the instructions read as `$NAME` or `${NAME...}`, heredoc scripts included.
  const readVariables = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (const instruction of instructions(text)) withSubstitutionPlace(file, instruction.line, () => {
    const { line, text: body } = instruction;
    const keyword = body.split(/\s/, 1)[0].toUpperCase();
    const restStart = body.length - body.slice(keyword.length).trimStart().length;
    const rest = body.slice(restStart);
    if (keyword !== 'FROM' && keyword !== 'ARG') {
      noteReadVariables(keyword === 'ENV' ? rest.replace(/(^|\s)[A-Za-z_][A-Za-z0-9_]*=/g, '$1') : rest, readVariables);
      for (const heredoc of instruction.heredocs ?? []) noteReadVariables(lines.slice(heredoc.start, heredoc.end).join('\n'), readVariables);
    }
    const stage = stages[stages.length - 1];
    if (keyword === 'ARG') {
      readArgs(rest, stage ? stage.args : globalArgs, stage ? globalArgs : undefined, budget);
    } else if (keyword === 'FROM') {
      const words = shellWords(rest).filter((w) => !w.startsWith('--'));
      const written = words[0] ?? '';
      const name = words.length >= 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      const column = Math.max(body.indexOf(written) + 1, 1);
      const origin: FileOrigin = { kind: 'file', file, line, column };
      const reference = interpolate(written, { known: globalArgs, escape: 'backslash', budget });
      const earlier = named.get(reference.text.toLowerCase());
      const image = earlier ? earlier.image : readImageReference(written, reference, origin, 'dockerfile', result.unresolved);
      if (image && !earlier) own.push(image);
      const added: Stage = {
        ...(name ? { name } : {}),
        ...(image ? { image } : {}),
        args: new Map(),
        env: new Map(earlier?.env ?? []),
        packages: [...(earlier?.packages ?? [])],
        copies: [...(earlier?.copies ?? [])],
        templateSteps: [...(earlier?.templateSteps ?? [])],
        luarocksMakes: [...(earlier?.luarocksMakes ?? [])],
        ...(earlier ? inheritedRun(earlier) : image ? { workdir: '/' } : {}),
      };
      stages.push(added);
      // Two FROM lines naming one reference are two stages using it; a `FROM <stage>` uses the stage, not the image.
      if (image && !earlier) image.users = [{ kind: 'stage', ...(name ? { name } : {}), origin }];
      if (name && !named.has(name)) named.set(name, added);
      if (image && !stageOfImage.has(image)) stageOfImage.set(image, added);
    } else if (!stage) {
      return;
    } else if (keyword === 'ENV') {
      readEnv(rest, restStart, instruction, file, stage, budget);
    } else if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      const read = interpolate(rest, { known: knownIn(stage), escape: 'backslash', budget });
      const substituted = read.text;
      for (const ref of findKongPackages(substituted, { kind: 'file', file, line, column: 1 })) {
        stage.packages.push(ref);
        ownPackages.push({ stage, ref });
      }
      if (keyword === 'RUN') {
        notePackageManagers(body, stage);
        const scripts = (instruction.heredocs ?? []).map((heredoc) => lines.slice(heredoc.start, heredoc.end).join('\n'));
        const named = stockPathNamed([substituted, ...scripts].join('\n'));
        if (named) stage.templateSteps.push({ origin: { kind: 'file', file, line, column: instruction.at(0).column }, why: `RUN names ${named}` });
        stage.luarocksMakes.push(...findLuarocksMakes(substituted, stage.workdir, { kind: 'file', file, line, column: instruction.at(0).column }));
        // A script the RUN runs from a heredoc installs as its own lines would (./dockerfile-heredocs.ts).
        for (const script of runHeredocScripts(body, instruction.heredocs ?? [], lines)) {
          const scriptText = interpolate(script.text, { known: knownIn(stage), escape: 'backslash', budget }).text;
          for (const ref of findKongPackages(scriptText, { kind: 'file', file, line: script.index + 1, column: 1 })) {
            stage.packages.push(ref);
            ownPackages.push({ stage, ref });
          }
          notePackageManagers(script.text, stage);
        }
      }
      if (keyword !== 'RUN') {
        const heredocLines = instruction.heredocs && heredocRange(instruction.heredocs);
        const copy = readCopy(keyword as 'COPY' | 'ADD', read.text, shellWords, stage.workdir, { kind: 'file', file, line, column: instruction.at(0).column }, read.unresolved, heredocLines);
        if (copy) stage.copies.push(copy);
        if (copy && stage.image) noteKongTreeWrite(copy, stage.image);
        // Where such a copy lands is not known: it may be over the templates.
        const placeOf = { kind: 'file' as const, file, line, column: instruction.at(0).column };
        if (!copy) stage.templateSteps.push({ origin: placeOf, why: `${keyword} has no destination known here` });
        else if (read.unresolved.length > 0) stage.templateSteps.push({ origin: placeOf, why: `${keyword} depends on ${read.unresolved.join(', ')}, without a value here` });
      }
    } else if (keyword === 'WORKDIR') {
      const read = interpolate(shellWords(rest).join(' '), { known: knownIn(stage), escape: 'backslash', budget });
      stage.workdir = read.unresolved.length > 0 ? undefined : nextWorkdir(read.text, stage.workdir);
    } else if (keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      const origin: FileOrigin = { kind: 'file', file, line, column: instruction.at(0).column };
      const conf = commandConf(rest, origin);
      // Docker runs the shell form as `/bin/sh -c TEXT`.
      const words = { words: execForm(rest) ?? ['/bin/sh', '-c', rest], origin };
      if (keyword === 'CMD') {
        stage.cmdConf = conf;
        stage.cmd = words;
      } else {
        stage.entrypointConf = conf;
        stage.cmdConf = undefined;
        stage.entrypoint = words;
        stage.cmd = { words: [], origin };
      }
    }
  });
  const last = stages[stages.length - 1];
  const runs = last?.image;
  for (const image of own) {
    if (image !== runs) {
      const stage = stageOfImage.get(image);
      image.buildStage = stage?.name ?? `the stage of line ${image.origin.line}`;
    }
    result.images.push(image);
  }
  const lastPackages = new Set(last?.packages ?? []);
  for (const { stage, ref } of ownPackages) {
    if (!lastPackages.has(ref)) ref.buildStage = stage.name ?? `the stage of line ${ref.origin.line}`;
    result.packages.push(ref);
  }
  if (last) {
    for (const variable of last.env.values()) if (readVariables.has(variable.name)) variable.readByBuild = true;
    result.env.push(...last.env.values());
    result.copies.push(...last.copies);
    result.luarocksMakes.push(...last.luarocksMakes);
    const conf = last.entrypointConf ?? last.cmdConf;
    if (conf) result.confPath = conf;
    result.run = {
      ...(last.cmdConf ? { cmdConf: last.cmdConf } : {}),
      ...(last.entrypointConf ? { entrypointConf: last.entrypointConf } : {}),
      ...(last.workdir !== undefined ? { workdir: last.workdir } : {}),
      ...(last.cmd ? { cmd: last.cmd } : {}),
      ...(last.entrypoint ? { entrypoint: last.entrypoint } : {}),
    };
    result.templateSteps.push(...last.templateSteps);
  }
  return result;
}

/** `lines 3-5`: the lines of an instruction's heredoc bodies, their delimiter lines left out. */
function heredocRange(bodies: readonly HeredocBody[]): string {
  const first = bodies[0].start + 1;
  const last = Math.max(first, bodies[bodies.length - 1].end - 1);
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/** What a `FROM <stage>` keeps of that stage's filesystem and run settings. */
function inheritedRun(earlier: Stage): Pick<Stage, 'workdir' | 'cmdConf' | 'entrypointConf' | 'cmd' | 'entrypoint'> {
  return {
    ...(earlier.workdir !== undefined ? { workdir: earlier.workdir } : {}),
    ...(earlier.cmd ? { cmd: earlier.cmd } : {}),
    ...(earlier.entrypoint ? { entrypoint: earlier.entrypoint } : {}),
    ...(earlier.cmdConf ? { cmdConf: earlier.cmdConf } : {}),
    ...(earlier.entrypointConf ? { entrypointConf: earlier.entrypointConf } : {}),
  };
}

/**
 * The configuration file a CMD or ENTRYPOINT that runs kong names (`kong docker-start -c FILE`,
 * `--conf FILE`, `--conf=FILE`; Kong's CLI options, kong/cmd/start.lua), in the exec (JSON) or
 * the shell form, which docker runs as `/bin/sh -c` and its text (moby/buildkit@73ed682
 * frontend/dockerfile/docs/reference.md lines 2368-2370). Kong's image entrypoint passes
 * the command's arguments to `kong prepare` (Kong/docker-kong docker-entrypoint.sh@eb1b4b6), so a
 * -c there is what Kong reads.
 */
function commandConf(rest: string, origin: FileOrigin): CommandConf | undefined {
  const path = kongConfArgument(execForm(rest) ?? ['/bin/sh', '-c', rest]);
  return path === undefined ? undefined : { path, origin };
}

/** The arguments of an exec-form (JSON array of strings) CMD or ENTRYPOINT. */
function execForm(rest: string): string[] | undefined {
  if (!rest.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(rest);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** `ARG NAME=default ...`; in a stage, a bare `ARG NAME` takes the global default if there is one. */
function readArgs(rest: string, args: Map<string, string>, globalArgs: ReadonlyMap<string, string> | undefined, budget: SubstitutionBudget): void {
  for (const word of shellWords(rest)) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      const inherited = globalArgs?.get(word);
      if (inherited !== undefined) args.set(word, inherited);
      else args.delete(word);
      continue;
    }
    // A default may use an earlier argument; one that cannot be read stays unknown.
    const value = interpolate(word.slice(eq + 1), { known: args, escape: 'backslash', budget });
    if (value.unresolved.length === 0) args.set(word.slice(0, eq), value.text);
    else args.delete(word.slice(0, eq));
  }
}

/**
 * Variables with a value in a stage: its ENV over its ARGs (an ENV without a readable value hides
 * the ARG). A view, not a copy: copying per instruction made a long Dockerfile quadratic.
 */
function knownIn(stage: Stage): VariableLookup {
  return {
    get(name) {
      const variable = stage.env.get(name);
      return variable ? variable.value : stage.args.get(name);
    },
  };
}

/** Adds the names `text` reads as `$NAME` or `${NAME...}` to `read`. */
function noteReadVariables(text: string, read: Set<string>): void {
  for (const match of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) read.add(match[1]);
}

/** `ENV A=1 B="two words"` or the legacy `ENV NAME value with spaces`. */
function readEnv(rest: string, restStart: number, instruction: Instruction, file: string, stage: Stage, budget: SubstitutionBudget): void {
  const known = knownIn(stage);
  const words = rawWords(rest);
  if (words.length === 0) return;
  const pairs = words[0].text.includes('=')
    ? words.filter((w) => w.text.includes('=')).map((w) => ({ start: w.start, name: w.text.slice(0, w.text.indexOf('=')), raw: w.text.slice(w.text.indexOf('=') + 1) }))
    : [{ start: words[0].start, name: words[0].text, raw: rest.slice(words[0].text.length).trimStart() }];
  // Every value of one instruction sees the variables from before it: set them all afterwards.
  const set: DockerfileEnv[] = [];
  for (const { start, name, raw } of pairs) {
    const position = instruction.at(restStart + start);
    const value = shellValue(raw, known, budget);
    const copiesSecret = !isSecretName(name) && referencesUnknownSecret(raw, known);
    const variable: DockerfileEnv = {
      name,
      ...(value.unresolved.length === 0 && !copiesSecret ? { value: value.text } : {}),
      ...(copiesSecret ? { copiesSecret } : {}),
      unresolved: value.unresolved,
      origin: { kind: 'file', file, line: position.line, column: position.column },
    };
    set.push(variable);
  }
  for (const variable of set) {
    const earlier = stage.env.get(variable.name);
    if (earlier && isSecretName(variable.name)) {
      const replaced = [...(earlier.replacedSecretValues ?? []), ...(earlier.value ? [earlier.value] : [])];
      if (replaced.length > 0) variable.replacedSecretValues = replaced;
    }
    // Set again, the variable moves to where it was last set.
    stage.env.delete(variable.name);
    stage.env.set(variable.name, variable);
  }
}

/**
 * A `$NAME` or `${NAME...}` (not `\\$`-escaped) naming a secret variable with a value here that is
 * no Kong setting. A copy of a Kong secret (`$KONG_PG_PASSWORD`) is read: the report hides it by value.
 */
function referencesUnknownSecret(raw: string, known: VariableLookup): boolean {
  for (const match of raw.matchAll(/(\\*)\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (match[1].length % 2 === 1) continue; // `\$NAME` is a literal dollar
    const name = match[2];
    if (isSecretName(name) && kongPropertyOf(name) === undefined && known.get(name) !== undefined) return true;
  }
  return false;
}

/**
 * A COPY or ADD into Kong's own Lua tree, for rules/platform/patched-kong-files.ts. The folder
 * itself (`COPY kong /usr/local/share/lua/5.1/kong`) is a custom plugin laid out as a rock more
 * often than not, and what it holds is not read here: only a path below it is noted.
 */
function noteKongTreeWrite(copy: DockerfileCopy, image: KongImageRef): void {
  const tree = KONG_IMAGES.luaTree;
  if (!copy.destination.startsWith(tree)) return;
  const path = copy.destination.slice(tree.length).replace(/\/+$/, '');
  if (!path) return;
  (image.writesKongTree ??= []).push({ instruction: copy.instruction, path, origin: copy.origin });
}

/** `apk` or `yum`/`dnf` run in a stage built on a Kong image: the image-tag rule's OS hints. */
function notePackageManagers(body: string, stage: Stage): void {
  if (!stage.image) return;
  if (/\bapk\s+(add|update|upgrade|del)\b/.test(body)) stage.image.usesApk = true;
  else if (/\b(yum|dnf)\s+(-\S+\s+)*(install|update|upgrade|remove|groupinstall)\b/.test(body)) stage.image.usesYum = true;
}

/**
 * A word's value as the Dockerfile shell lexer gives it: quotes removed (nothing inside single
 * quotes is special), a backslash escaping the next character (inside double quotes only `"`, `$`
 * and `\`), and variables substituted outside single quotes.
 */
function shellValue(raw: string, known: VariableLookup, budget: SubstitutionBudget): { text: string; unresolved: string[] } {
  let text = '';
  const closes = braceTable(raw);
  const unresolved = new Set<string>();
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else text += ch;
    } else if (ch === '\\' && i + 1 < raw.length) {
      if (quote === '"' && !'"$\\'.includes(raw[i + 1])) text += ch;
      else text += raw[++i];
    } else if (ch === '"') {
      quote = quote ? undefined : '"';
    } else if (ch === "'") {
      quote = "'";
    } else if (ch === '$' && variableEnd(raw, i, closes) > 0) {
      const end = variableEnd(raw, i, closes);
      const expanded = interpolate(raw.slice(i, end), { known, escape: 'backslash', budget });
      text += expanded.text;
      for (const name of expanded.unresolved) unresolved.add(name);
      i = end - 1;
    } else {
      text += ch;
    }
  }
  return { text, unresolved: [...unresolved] };
}

/** Words split on blanks outside quotes, quotes and escapes kept, with their offsets. */
function rawWords(text: string): { text: string; start: number }[] {
  const words: { text: string; start: number }[] = [];
  let start = -1;
  let quote: string | undefined;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === text.length || (!quote && /\s/.test(ch))) {
      if (start >= 0) words.push({ text: text.slice(start, i), start });
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"') i += 1;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '\\') {
      i += 1;
    }
  }
  return words;
}

/**
 * Dockerfile instructions with continuation lines joined, each with its first line number.
 * Comment and blank lines are dropped, also inside a continued instruction, as docker build does.
 * The bodies of an instruction's heredocs are skipped (./dockerfile-heredocs.ts): their lines are
 * a script or a file's text, not instructions.
 */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { text: string; segments: { offset: number; line: number; column: number }[] } | undefined;
  const finish = (p: NonNullable<typeof pending>, heredocs: HeredocBody[]): Instruction => ({
    line: p.segments[0].line,
    text: p.text,
    ...(heredocs.length > 0 ? { heredocs } : {}),
    at(offset) {
      // The last segment starting at or before the offset (binary search: an ENV continued over
      // thousands of lines asks once per variable).
      let low = 0;
      let high = p.segments.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (p.segments[mid].offset <= offset) low = mid;
        else high = mid - 1;
      }
      const segment = p.segments[low];
      return { line: segment.line, column: segment.column + offset - segment.offset };
    },
  });
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const line = raw.trimEnd();
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1) : line;
    const column = part.length - part.trimStart().length + 1;
    if (!pending) {
      pending = { text: part.trim(), segments: [{ offset: 0, line: index + 1, column }] };
    } else {
      pending.segments.push({ offset: pending.text.length + 1, line: index + 1, column });
      pending.text = `${pending.text} ${part.trim()}`;
    }
    if (!continued) {
      const bodies = skipHeredocBodies(pending.text, lines, index + 1);
      out.push(finish(pending, bodies));
      if (bodies.length > 0) index = bodies[bodies.length - 1].end - 1;
      pending = undefined;
    }
  }
  if (pending) out.push(finish(pending, []));
  return out;
}

/** Words of an instruction's arguments, split on blanks outside quotes, quotes removed. */
function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) word += text[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
