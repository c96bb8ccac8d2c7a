import { bindingText } from '../../../shared/models/binding';
import type { RebindResult } from '../../../shared/models/renewal';
import { call, type CliContext } from '../cli-context';

/** The wizard's default last step: every binding of the old certificate, and its mappings, move. */
export async function rebindEverything(context: CliContext, from: string, to: string): Promise<RebindResult> {
  const plan = await call(context, 'renewal.plan', { sha256: from });
  return call(context, 'renewal.rebind', {
    from,
    to,
    bindings: plan.bindings.map((row) => ({ siteId: row.siteId, protocol: row.protocol, address: row.address, port: row.port, host: row.host })),
    moveMappings: true,
  });
}

/** What a rebind did, a line each, as `cert renew` and `key install` print it. */
export function printRebind(context: CliContext, result: RebindResult): void {
  for (const row of result.rebound) context.out(`  rebound ${bindingText(row)} of site "${row.siteName}"`);
  for (const site of result.siteCertificatesChanged) context.out(`  site "${site}" now has the new certificate as its own`);
  for (const mapping of result.mappingsMoved) context.out(`  moved the one-to-one mapping of ${mapping.account} on site "${mapping.siteName}"`);
  if (result.rebound.length === 0 && result.mappingsMoved.length === 0) context.out('  no binding or one-to-one mapping used the old certificate');
  for (const row of result.remaining) context.out(`  still on the old certificate: ${bindingText(row)} of site "${row.siteName}"`);
}
