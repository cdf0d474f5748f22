// Reads one `*_listen` entry the way Kong's listener parser does
// (kong/conf_loader/listeners.lua): known flags are removed wherever they stand, and what remains
// must be a single `address:port`.

/** Why an entry would be refused, or undefined when Kong accepts it. `flags` are regex sources. */
export function listenProblem(entry: string, flags: readonly string[]): string | undefined {
  const text = entry.trim();
  if (text === 'off') return undefined;
  if (text === '') return 'the entry is empty (a stray comma)';
  const patterns = flags.map((f) => new RegExp(`^${f}$`));
  const tokens = text.split(/\s+/);
  const unknown = tokens.slice(1).filter((t) => !patterns.some((p) => p.test(t)));
  const address = tokens[0];
  if (unknown.length > 0) return `unknown flag${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `\`${u}\``).join(', ')}`;
  if (patterns.some((p) => p.test(address))) return 'the address is missing';
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^\s[\]]+):(\d+)$/.exec(address);
  if (!match) return `\`${address}\` is not an address:port`;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return `port ${port} is out of range`;
  return undefined;
}
