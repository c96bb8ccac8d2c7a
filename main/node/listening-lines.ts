import type { ListeningBinding } from '../gateway/messages';

/** One binding's state as `serve` prints it, e.g. `Site "Shop": listening on https://localhost:443/ (all addresses)`. */
function lineOf(binding: ListeningBinding): string {
  // The URL names localhost for an all-addresses binding (a link that works here); the listener is on every address.
  const where = binding.address === '*' ? `${binding.url} (all addresses)` : binding.url;
  return `Site "${binding.site}": ${binding.error ? `cannot listen on ${where}: ${binding.error}` : `listening on ${where}`}`;
}

/**
 * What `serve` prints for each listener report: only what changed since the last one. The gateway
 * reports every binding after every configuration change, and an unchanged binding said again on
 * each of them buries the lines that matter.
 */
export class ListeningLines {
  private printed = new Map<string, { site: string; line: string; url: string }>();

  next(bindings: readonly ListeningBinding[]): string[] {
    const current = new Map(bindings.map((b) => [`${b.siteId} ${b.protocol} ${b.address} ${b.port} ${b.host ?? ''}`, { site: b.site, line: lineOf(b), url: b.url }]));
    const lines: string[] = [];
    for (const [key, { line }] of current) if (this.printed.get(key)?.line !== line) lines.push(line);
    for (const [key, gone] of this.printed) if (!current.has(key)) lines.push(`Site "${gone.site}": no longer listening on ${gone.url}`);
    this.printed = current;
    return lines;
  }
}
