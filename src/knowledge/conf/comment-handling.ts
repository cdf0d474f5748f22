// Kong 3.2 moved the removal of trailing `#` comments and the `\#` unescaping from value typing
// (applied to every value) to the kong.conf file reader. What a value means therefore changes on
// a path that crosses 3.2 (the readings themselves: src/inputs/kong-conf/comments.ts):
// - a `\#` in a KONG_* variable was read as `#`; from 3.2 the variable is taken as it is;
// - a file value starting with `#` was kept whole; from 3.2 it is a comment, the value is empty;
// - a file value with a `#` right after text lost one more character before 3.2 (`ab#c` -> `a`).

import type { FactSource } from '../../model/source';

export const COMMENT_HANDLING_CHANGE = {
  /** First OSS release with the new reading; Enterprise 3.2.1.0 is built on it. */
  introducedIn: '3.2.0.0',
  sources: [
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@2.8.5', note: 'overrides() escapes # in env values (L1186-1192); infer_value strips comments and unescapes \\# for every value (L695-705)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.9.3', note: 'load_config strips comments and unescapes \\# for file values only (L127-153)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/parse.lua@3.9.3', note: 'overrides() takes KONG_* values as they are (L898-941)' },
    { kind: 'repo', ref: 'Kong/kong:kong/conf_loader/init.lua@3.2.0', note: 'commit c785e1403c (#10132, "sanitize config comments processing and hashmark quoting"), first tagged in 3.2.0' },
  ] satisfies FactSource[],
} as const;
