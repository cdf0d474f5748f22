// Flags declarative files whose `_format_version` a 3.x target will not take as it stands. decK
// refuses to sync or diff anything but the text "3.0" against a 3.x gateway (a string comparison in
// deck cmd/common.go: "1.0", "1.1" and a bare 3.0 read as `3` are all refused, and a file without
// one counts as 1.1). Kong accepts only the text "1.1", "2.1" or "3.0"
// (kong/db/schema/others/declarative_config.lua, checked before anything else is loaded: an
// unquoted 3.0 is a number and is refused) and upgrades 1.1 and 2.1 on the fly (adding `~` to
// regex paths) when it loads the file itself. A value Kong refuses is thus refused by both tools.

import { defineRule } from '../../src/engine/define-rule';
import type { DeclarativeDocument } from '../../src/inputs/declarative/types';
import { ROUTE_PATH_FACTS } from '../../src/knowledge/entities/route-paths';
import { deck, digest, docs, repo } from '../../src/knowledge/entities/sources';
import { KongVersion } from '../../src/version/kong-version';

const CURRENT_FORMAT = '3.0';
const FORMAT_CHANGE = '3.0.0';
/** The values Kong 3.x's declarative schema accepts; 1.1 and 2.1 are migrated when loaded. */
const KONG_FORMATS = ['1.1', '2.1', '3.0'];

export default defineRule<'deckRefuses' | 'kongUpgradesOnLoad' | 'kongPrefixesTwice' | 'kongPrefixesAgain' | 'kongRefuses' | 'missing' | 'missingInPart' | 'konnectLegacy'>({
  id: 'declarative/format-version',
  description: 'Reports declarative files whose _format_version a 3.x target refuses or converts.',
  severity: 'blocker',
  catalog: ['declarative-format-version-3'],
  inputs: ['declarative'],
  messages: {
    deckRefuses: '`_format_version: {{version}}`{{written}}: decK refuses to sync or diff this file against Kong 3.x; {{advice}}.',
    kongUpgradesOnLoad: '`_format_version: {{version}}`: Kong 3.x upgrades a file of this format as it loads one (regex paths get `~`), as `declarative_config` or through `kong config db_import`, but every other tool reads it as written; convert it to format 3.0.',
    kongPrefixesTwice: '`_format_version: {{version}}`: Kong 3.x upgrades a file of this format as it loads one, a route at a time, and here routes {{routes}} share one `paths` list through a YAML alias: its 2.x regex path `{{path}}` gets a `~` for each of them (`{{prefixed}}`), which Kong then refuses as a path; convert the file to format 3.0 (each path gets one `~`).',
    kongPrefixesAgain: '`_format_version: {{version}}`: Kong 3.x upgrades a file of this format as it loads one and gives every path it reads as a regex a leading `~`, even one already written the 3.x way: `{{path}}` (route {{route}}) becomes `~{{path}}`, which Kong then refuses as a path; set `_format_version: "3.0"`, as the paths are already converted.',
    kongRefuses: '`_format_version: {{version}}`{{written}}: Kong accepts only the text "1.1", "2.1" or "3.0" and refuses to load this file, and decK refuses to sync or diff it against Kong 3.x, where it takes only the text "3.0"; {{advice}}.',
    missing: 'no `_format_version`: Kong requires one and decK reads the file as format 1.1, which it refuses for Kong 3.x.',
    missingInPart: 'no `_format_version` in this file; decK takes the one of {{setIn}} when the files are synced together (Kong itself needs one in every file it loads).',
    konnectLegacy: 'this is a decK Konnect file (`deck konnect`: `_format_version: "0.1"`, `service_packages`), which neither Kong nor `deck gateway` reads: it holds no Kong Gateway configuration to check or convert. Check the gateway\'s own kong.yml or `deck gateway dump` instead.',
  },
  remediation: 'Convert the file (kong-preflight --fix-output, or deck file convert) and set `_format_version: "3.0"`, in quotes.',
  docsUrl: 'https://developer.konghq.com/deck/reference/3.0-upgrade/',
  sources: [
    digest('declarative-format-version-3'),
    docs('3.0.0.0 Declarative and DB-less'),
    deck('cmd/common.go', 'lines 332-340: sync and diff against Kong 3.0 or later refuse any _format_version other than the text "3.0" (an absent one counts as 1.1)'),
    { kind: 'repo', ref: 'Kong/go-database-reconciler:pkg/file/writer.go', note: 'KonnectStateToFile writes _format_version "0.1" and service_packages, the legacy deck konnect format' },
    { kind: 'repo', ref: 'Kong/go-apiops:plugins/pluginfile.go', note: 'an add-plugins file carries its own _format_version ("1.0" in cmd/addplugins.go) and is applied to a state, not synced' },
    repo('kong/db/schema/others/declarative_config.lua', '3.9.3', '_format_version is a string, one of 1.1, 2.1, 3.0'),
    repo('kong/db/declarative/init.lua', '3.4.2', 'parse_table runs the route_path migration, and parse_file (kong config db_import, kong/cmd/config.lua) goes through it'),
    repo('kong/db/declarative/migrations/route_path.lua', '3.9.3', 'only the strings 1.1 and 2.1 are migrated on load; each route\'s paths list is rewritten in place, once per route that holds it'),
    repo('kong/db/migrations/migrate_path_280_300.lua', '3.9.3', 'a path with a character outside [a-zA-Z0-9.-_~/%] gets a leading ~, even one that has it already'),
    repo('kong/db/schema/typedefs.lua', '3.9.3', 'router_path must start with / or ~/'),
    { kind: 'repo', ref: 'gvvaughan/lyaml:lib/lyaml/init.lua@v6.2.8', note: 'load_alias returns the anchored table itself: aliases share one Lua table' },
  ],
  check(ctx) {
    if (ctx.plan.to.lt(KongVersion.parse(FORMAT_CHANGE))) return;
    const since = ctx.crosses(FORMAT_CHANGE) ? FORMAT_CHANGE : undefined;
    // A decK patch file (add-plugins, patches) is applied to a state by decK and never loaded:
    // its version, documented as "1.0" (go-apiops cmd/addplugins.go), is not the state format.
    const documents = ctx.input('declarative').documents.filter((d) => d.patchFile === undefined);
    // Several files given together are one decK state: decK merges them before it reads the
    // version, so one file that sets it is enough (go-database-reconciler pkg/file/readfile.go).
    const setIn = documents.length > 1 ? documents.find((d) => d.formatVersion !== undefined) : undefined;
    for (const document of documents) {
      const version = document.formatVersion;
      if (!version) {
        if (setIn) ctx.report({ messageId: 'missingInPart', severity: 'info', at: document.at([]), since, data: { setIn: setIn.file } });
        else ctx.report({ messageId: 'missing', at: document.at([]), since });
        continue;
      }
      if (version.value === CURRENT_FORMAT && document.formatVersionType === 'text') continue;
      // Converting it to 3.0 would not make it a gateway file: the collections are Konnect's.
      if (document.konnectLegacy) {
        ctx.report({ messageId: 'konnectLegacy', severity: 'warning', at: version.origin, since, data: { version: version.value, flavor: document.flavor } });
        continue;
      }
      const deckFile = document.flavor === 'deck';
      if (deckFile || !acceptedByKong(document)) {
        // decK's YAML reader (ghodss/yaml) turns a number into text for a text field, so an
        // unquoted 3.0 reaches its version check as `3`, which is not `3.0`.
        ctx.report({
          messageId: deckFile ? 'deckRefuses' : 'kongRefuses',
          severity: 'blocker',
          at: version.origin,
          since,
          data: { version: version.value, written: writtenAs(document), advice: adviceFor(document), flavor: document.flavor },
        });
      } else {
        const { shared, prefixed } = pathsKongPrefixesTwice(document.root, document.mayHoldAliases);
        if (prefixed) {
          const data = { version: version.value, path: prefixed.path, route: prefixed.route, flavor: document.flavor };
          ctx.report({ messageId: 'kongPrefixesAgain', severity: 'blocker', at: document.at(prefixed.at), since, data });
        } else if (shared) {
          const data = { version: version.value, routes: shared.routes.join(', '), path: shared.path, prefixed: `${'~'.repeat(shared.routes.length)}${shared.path}`, flavor: document.flavor };
          ctx.report({ messageId: 'kongPrefixesTwice', severity: 'blocker', at: document.at(shared.at), since, data });
        } else {
          ctx.report({ messageId: 'kongUpgradesOnLoad', severity: 'warning', at: version.origin, since, data: { version: version.value, flavor: document.flavor } });
        }
      }
    }
  },
});

function acceptedByKong(document: DeclarativeDocument): boolean {
  return document.formatVersionType === 'text' && KONG_FORMATS.includes(document.formatVersion!.value);
}

/** A version that only lacks its quotes needs them; anything else needs converting. */
function adviceFor(document: DeclarativeDocument): string {
  return document.formatVersionType === 'number' && KONG_FORMATS.includes(document.formatVersion!.value)
    ? `write it as "${document.formatVersion!.value}", in quotes`
    : 'convert it to format 3.0';
}

/** Why a value that reads like a version is not one for Kong or decK: it is not text. */
function writtenAs(document: DeclarativeDocument): string {
  if (document.formatVersionType === 'number') return ' is a number, not text';
  if (document.formatVersionType === 'other') return ' is not text';
  return '';
}

/**
 * Paths Kong's on-load migration would prefix a second time, walked as it walks them: top-level
 * routes, then the routes of each service (route_path.lua). `prefixed`: a regex path already
 * written with its `~` (a half-converted file), which migrate_path_280_300 prefixes again.
 * `shared`: a 2.x regex path in a `paths` list that several routes hold (a YAML alias: lyaml gives
 * them one table), which each visit prefixes again. Only YAML aliases share a list, so a file
 * that cannot hold one (`mayShare` false: JSON, or YAML without a `*`) is not checked for it; a
 * file of 50,000 routes otherwise fills a set with every list. Names and places are gathered in a
 * second pass, for shared lists alone, and a route's place only when it is reported.
 */
function pathsKongPrefixesTwice(root: Readonly<Record<string, unknown>>, mayShare: boolean): {
  shared?: { path: string; routes: string[]; at: (string | number)[] };
  prefixed?: { path: string; route: string; at: (string | number)[] };
} {
  const services = Array.isArray(root.services) ? root.services : [];
  /** The route lists in Kong's order: the top-level one (service -1), then each service's. */
  const eachRouteList = (visit: (routes: unknown, service: number) => void) => {
    visit(root.routes, -1);
    for (let i = 0; i < services.length; i++) visit((services[i] as Record<string, unknown> | null)?.routes, i);
  };
  const placeOf = (service: number, key: string | number): (string | number)[] => (service < 0 ? ['routes', key] : ['services', service, 'routes', key]);
  const eachRoute = (visit: (route: Record<string, unknown>, key: string | number, service: number) => void) => {
    eachRouteList((routes, service) => {
      if (Array.isArray(routes)) {
        for (let i = 0; i < routes.length; i++) {
          const route: unknown = routes[i];
          if (route && typeof route === 'object') visit(route as Record<string, unknown>, i, service);
        }
      } else if (routes && typeof routes === 'object') {
        for (const [key, route] of Object.entries(routes)) if (route && typeof route === 'object') visit(route as Record<string, unknown>, key, service);
      }
    });
  };
  const nameOf = (route: Record<string, unknown>, key: string | number) => (typeof route.name === 'string' ? `"${route.name}"` : `#${key}`);
  let prefixed: { path: string; route: string; at: (string | number)[] } | undefined;
  const seen = new Set<unknown[]>();
  const shared = new Set<unknown[]>();
  eachRoute((route, key, service) => {
    const paths = route.paths;
    if (!Array.isArray(paths)) return;
    if (mayShare) {
      if (seen.has(paths)) shared.add(paths);
      else seen.add(paths);
    }
    if (prefixed) return;
    const index = paths.findIndex((path) => typeof path === 'string' && path.startsWith('~') && !ROUTE_PATH_FACTS.plainPathCharacters.test(path));
    if (index >= 0) prefixed = { path: paths[index] as string, route: nameOf(route, key), at: [...placeOf(service, key), 'paths', index] };
  });
  if (shared.size === 0) return { prefixed };
  const holders = new Map<unknown[], { routes: string[]; at: (string | number)[] }>();
  eachRoute((route, key, service) => {
    const paths = route.paths;
    if (!Array.isArray(paths) || !shared.has(paths)) return;
    const name = nameOf(route, key);
    const holder = holders.get(paths) ?? { routes: [], at: [...placeOf(service, key), 'paths'] };
    holder.routes.push(name);
    holders.set(paths, holder);
  });
  for (const [paths, holder] of holders) {
    const index = paths.findIndex((path) => typeof path === 'string' && !ROUTE_PATH_FACTS.plainPathCharacters.test(path));
    if (index >= 0) return { prefixed, shared: { path: paths[index] as string, routes: holder.routes, at: [...holder.at, index] } };
  }
  return { prefixed };
}
