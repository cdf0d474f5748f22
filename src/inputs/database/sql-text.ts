// Names and texts written into SQL the tool builds: table and column names come from Kong's
// schema or the catalog, never from the user, but they are quoted all the same, as PostgreSQL
// quotes them (a double quote doubled inside double quotes; a single quote doubled inside a literal).

/** A table or column name as a quoted SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A text as a quoted SQL literal. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
