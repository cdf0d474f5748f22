// What `deck file convert --from kong-gateway-2.x --to kong-gateway-3.x` does to route paths,
// restated so findings can say when decK's result would differ from Kong's own migration. decK
// is what users compare our --fix-output with; Kong's migration is what the 2.x router matched.
// docs/deck-convert.md compares the two converters change by change.

import type { FactSource } from '../../model/source';
import { withoutDeckTemplates } from '../../inputs/declarative/deck-templates';
import { isRegexFor2x } from './route-path-migration';
import { deck } from './sources';

export const DECK_CONVERT_FACTS = {
  sources: [
    deck('convert/convert.go', 'convertKongGateway2xTo3x walks services[].routes[] only; top-level routes[] are copied as they are'),
    deck('convert/route_updates.go', 'migrateRoutesPathFieldPre300 prepends ~ to a regex-like path not starting with ~/, and changes nothing else in it'),
    { kind: 'repo', ref: 'Kong/go-database-reconciler:pkg/utils/utils.go@8f5e476', note: 'IsPathRegexLike: any character outside [a-zA-Z0-9._~/%-], the class of Kong\'s migration' },
  ] satisfies FactSource[],
} as const;

/** True when decK's 2.x -> 3.x conversion visits the route at this place of its document. */
function deckConvertsRouteAt(documentPath: readonly (string | number)[] | undefined): boolean {
  return documentPath?.[0] === 'services' && documentPath[2] === 'routes';
}

/** The path decK's 2.x -> 3.x conversion writes for a route path at a place of its file. */
export function deckConvertedPath(path: string, documentPath: readonly (string | number)[] | undefined): string {
  if (!deckConvertsRouteAt(documentPath)) return path;
  // decK renders template expressions before converting, so their characters do not count.
  if (path.startsWith('~/') || !isRegexFor2x(withoutDeckTemplates(path))) return path;
  return `~${path}`;
}

/**
 * A sentence for a finding, when decK's conversion of the path would not give `kongForm` (the
 * form that keeps 2.x matching); empty when decK would write the same.
 */
export function deckDifference(path: string, documentPath: readonly (string | number)[] | undefined, kongForm: string): string {
  const deckForm = deckConvertedPath(path, documentPath);
  if (deckForm === kongForm) return '';
  if (deckForm !== path) return ` \`deck file convert\` would write \`${deckForm}\`: it adds the \`~\` but keeps the escapes.`;
  const regexLike = !path.startsWith('~/') && isRegexFor2x(withoutDeckTemplates(path));
  return regexLike && !deckConvertsRouteAt(documentPath)
    ? ' `deck file convert` would leave this path as written: it converts only routes nested under services.'
    : ' `deck file convert` would leave this path as written: it does not normalize paths.';
}
