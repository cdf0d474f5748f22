// README.md and docs/*.md are where an operator meets the tool: every flag of every command must be
// documented there, every command they show must use only flags (and values) the command has, and
// the configuration examples must pass the schema and name every key it allows.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/load-config';
import { REPO_ROOT, runCli } from '../support/cli';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const DOCS = readdirSync(join(REPO_ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => ({ name: `docs/${name}`, text: readFileSync(join(REPO_ROOT, 'docs', name), 'utf8') }));
const ALL_DOCS = [{ name: 'README.md', text: README }, ...DOCS];
const EXAMPLE_CONFIG = readFileSync(join(REPO_ROOT, 'examples/.kong-preflight.yml'), 'utf8');

const COMMANDS = ['check', 'freeze snapshot', 'freeze verify', 'path', 'rules', 'explain'] as const;

interface HelpOption { flags: string[]; choices: string[] }

/** The options `COMMAND --help` lists, each with its short and long spellings and its choices. */
async function helpOptions(command: string): Promise<HelpOption[]> {
  const { stdout, code } = await runCli([...command.split(' '), '--help']);
  expect(code).toBe(0);
  const section = stdout.split(/^Options:$/m)[1] ?? '';
  // An option starts on a line indented by two spaces; wrapped description lines are indented more.
  const blocks = section.split(/^(?=  -)/m).filter((b) => b.startsWith('  -'));
  return blocks.map((block) => {
    const head = /^ {2}((?:-[A-Za-z], )?--[a-z][a-z-]*)/.exec(block)![1];
    const choices = /\(choices: ([^)]*)\)/.exec(block.replace(/\s+/g, ' '))?.[1] ?? '';
    return { flags: head.split(', '), choices: [...choices.matchAll(/"([^"]+)"/g)].map((m) => m[1]) };
  });
}

/** Every `kong-preflight SUBCOMMAND ...` command the docs show, in sh blocks or inline code. */
function documentedCommands(): { where: string; command: string; line: string }[] {
  const found: { where: string; command: string; line: string }[] = [];
  for (const { name, text } of ALL_DOCS) {
    const snippets = [
      ...[...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1].replace(/\\\n\s*/g, ' ').split('\n')),
      ...[...text.matchAll(/`([^`\n]*kong-preflight [^`\n]*)`/g)].map((m) => m[1]),
    ];
    for (const snippet of snippets) {
      const match = /(?:^|\s)kong-preflight ((?:freeze )?[a-z]+)\b(.*)/.exec(snippet.replace(/#(?!\w).*$/, ''));
      if (match && (COMMANDS as readonly string[]).includes(match[1])) found.push({ where: name, command: match[1], line: match[2] });
    }
  }
  return found;
}

describe('README and docs against --help', () => {
  it.each(COMMANDS)('every option of `%s --help` is documented', async (command) => {
    const corpus = ALL_DOCS.map((d) => d.text).join('\n');
    // Documented under either spelling (`-o` or `--output`).
    const documented = (flag: string) => new RegExp(`(?<![\\w-])${flag}(?![\\w-])`).test(corpus);
    const undocumented = (await helpOptions(command))
      .filter((o) => !o.flags.includes('--help') && !o.flags.some(documented))
      .map((o) => o.flags.join(', '));
    expect(undocumented).toEqual([]);
  });

  it('shows commands that use only options (and values) the command has', async () => {
    const commands = documentedCommands();
    // The synopsis alone shows check, freeze, path, rules and explain: a parser that finds
    // nothing must not pass.
    expect(new Set(commands.map((c) => c.command))).toEqual(new Set(COMMANDS));
    const wrong: string[] = [];
    for (const { where, command, line } of commands) {
      const options = await helpOptions(command);
      for (const m of line.matchAll(/(?:^|[\s[|])(--?[A-Za-z][a-z-]*)(?:[ =]([a-z0-9|]+))?/g)) {
        const [, flag, value] = m;
        if (flag === '--debug') continue;
        const option = options.find((o) => o.flags.includes(flag));
        if (!option) wrong.push(`${where}: kong-preflight ${command} has no ${flag}`);
        else if (option.choices.length > 0 && value?.includes('|')) {
          for (const v of value.split('|')) if (!option.choices.includes(v)) wrong.push(`${where}: ${flag} takes no ${v}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('configuration examples', () => {
  const readmeConfig = /^```yaml\n(kongConf:[\s\S]*?)^```/m.exec(README)?.[1];

  it('the README example and examples/.kong-preflight.yml pass the schema', () => {
    expect(readmeConfig).toBeDefined();
    expect(() => parseConfig(readmeConfig!, 'README.md')).not.toThrow();
    expect(() => parseConfig(EXAMPLE_CONFIG, 'examples/.kong-preflight.yml')).not.toThrow();
  });

  it('every key the schema allows is shown in the README or the example file', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/config.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    const shown = `${readmeConfig}\n${EXAMPLE_CONFIG}`;
    const missing = Object.keys(schema.properties).filter((key) => !new RegExp(`^[#\\s]*${key}:`, 'm').test(shown));
    expect(missing).toEqual([]);
  });
});
