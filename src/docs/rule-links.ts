// Where a rule's own documentation page lives: docs/rules/<area>/<name>.md in the repository,
// generated from the rule's metadata (scripts/generate-rule-docs.js).

export const REPOSITORY_URL = 'https://github.com/kong-preflight/kong-preflight';

/** The page path inside the repository. */
export function rulePagePath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** The page as a link that works on GitHub. */
export function rulePageUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/${rulePagePath(ruleId)}`;
}
