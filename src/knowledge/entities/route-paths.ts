// How Kong reads route paths across 3.0, and what the 3.0 router (atc, Rust regex) refuses.

import { digest, docs, repo } from './sources';

export const ROUTE_PATH_FACTS = {
  /** The router change: from 3.0 only a leading `~` makes a path a regex. */
  routerChangeIn: '3.0.0',
  /**
   * Kong 2.x (and the 2.8 -> 3.0 migration, and the on-load upgrade of 1.1/2.1 files) treat a
   * path as a regex when it holds any character outside this class.
   */
  plainPathCharacters: /^[A-Za-z0-9._~/%-]*$/,
  /** Characters that make a path a pattern in practice; a path regex-like only through others (`:`, `@`, `,`) is most likely a literal. */
  regexMetacharacters: /[\\[\](){}*+?|^$]/,
  /**
   * Every 3.x validates a `~` path by compiling it with PCRE (ngx.re.find, options "aj"), under
   * every router_flavor; 2.x did the same for the paths it read as regexes.
   */
  pcreValidatedIn: '3.0.0',
  /**
   * From these releases the routes schema also compiles a route's paths with the atc router
   * (Rust regex) under the flavor named; before, the atc router only failed to add the route
   * (3.0.0 aborted the rebuild, 3.0.1-3.1.x logged the error and dropped the route).
   */
  atcValidatedIn: { traditional_compatible: '3.2.0', expressions: '3.4.0' } as Record<string, string>,
  /**
   * Syntax PCRE accepts that JavaScript's RegExp refuses (inline options and other `(?` groups
   * but look-around and named groups, verbs, \Q...\E quoting, possessive or repeated
   * quantifiers, quantified assertions): a pattern holding one is not judged by a JavaScript compile.
   */
  pcreOnlySyntax: /\(\?(?![:=!<])|\(\?<(?![=!A-Za-z_])|\(\*|\\Q|[*+?}][*+{]|(?:\^|\$|\\[bBAzZG])[*+?{]/,
  /** router_flavor that keeps the 2.x router (and PCRE) in 3.x. */
  traditionalFlavor: 'traditional',
  sources: [
    repo('kong/db/migrations/migrate_path_280_300.lua', '3.0.0', 'is_not_regex: the character class above'),
    repo('kong/router/utils.lua', '3.4.0', 'is_regex_magic: a path is a regex when it starts with ~'),
    digest('route-regex-path-tilde-prefix-db'),
    digest('router-atc-regex-unsupported-syntax'),
    digest('route-path-percent-encoding-normalization'),
    docs('3.0.0.0 New router'),
    repo('kong/db/schema/typedefs.lua', '3.0.0', 'validate_path_with_regexes: a ~ path must compile with ngx.re.find, options aj (PCRE)'),
    repo('kong/db/schema/typedefs.lua', '2.8.5', 'validate_path_with_regexes: a path outside the plain class must compile with PCRE'),
    repo('kong/db/schema/entities/routes.lua', '3.2.0', 'traditional_compatible: the route translated to an atc expression must be accepted by router.new():add_matcher'),
    repo('kong/db/schema/entities/routes.lua', '3.4.0', 'validate_route runs for traditional_compatible and expressions'),
    repo('kong/router/atc_compat.lua', '3.0.1', 'a route add_matcher refuses is logged and left out of the router (3.0.0 asserted)'),
    repo('kong/templates/kong_defaults.lua', '3.0.0', 'router_flavor = traditional_compatible by default, the same to 3.9.3'),
  ],
} as const;

export const PATH_HANDLING_FACTS = {
  introducedIn: '3.0.0',
  sources: [digest('route-path-handling-v1-ignored'), repo('kong/db/schema/entities/routes.lua', '3.0.0', 'path_handling v1 deprecation')],
} as const;

export const MULTI_PATH_PRIORITY_FACTS = {
  introducedIn: '3.3.0',
  /**
   * Only 3.0 to 3.2 give such a route one rank: the 2.x router ranked each path apart, as 3.3
   * does again, so a node that runs 2.x today sees no change of this kind at the end of the path.
   */
  singleRankFrom: '3.0.0',
  sources: [
    digest('router-compat-multi-path-priority'),
    docs('3.3.0.0'),
    repo('CHANGELOG.md', '3.3.0', 'Breaking Changes, Core (#10615): traditional_compatible splits multi-path routes so each path gets its own priority, as the traditional router did'),
    repo('kong/router/compat.lua', '3.3.0', 'split_route_by_path_into: one atc route per prefix length, one for the regex paths'),
  ],
} as const;
