import { DomainError } from '../../../shared/errors';
import { bindingText } from '../../../shared/models/binding';
import type { RebindResult } from '../../../shared/models/renewal';
import { call, type CliContext } from '../cli-context';
import { printRebind, rebindEverything } from './rebind-everything';

/**
 * `cert renew SHA256 --finish`: the wizard's Verify bindings step for a renewal left there (the
 * console closed at that step, `cert renew --no-rebind`, `key install --no-rebind`). Every binding
 * and mapping moves, or, with `leave`, none does; either way the renewal is finished.
 */
export async function finishRenewal(context: CliContext, sha256: string, options: { leave: boolean; json: boolean }): Promise<number> {
  const plan = await call(context, 'renewal.plan', { sha256 });
  const renewal = plan.renewedBy;
  if (!renewal || renewal.finishedAt) {
    const why = renewal ? `its renewal by ${renewal.certificate.sha256} was finished on ${renewal.finishedAt!.slice(0, 10)}` : 'no renewal replaced it (renew it with --ca local or --out)';
    throw new DomainError('NOT_FOUND', `Nothing to finish for ${plan.displayName} (${plan.sha256}): ${why}`);
  }
  const to = renewal.certificate.sha256;
  const result: RebindResult = options.leave
    ? await call(context, 'renewal.rebind', { from: plan.sha256, to, bindings: [], moveMappings: false })
    : await rebindEverything(context, plan.sha256, to);
  if (options.json) {
    context.out(JSON.stringify({ previous: plan.sha256, certificate: renewal.certificate, renewedAt: renewal.at, rebind: result }, null, 2));
    return 0;
  }
  context.out(to);
  context.out(`  finished the renewal of ${plan.sha256} (renewed ${renewal.at.slice(0, 10)}): serial ${renewal.certificate.serial}, valid until ${renewal.certificate.notAfter}`);
  if (!options.leave) {
    printRebind(context, result);
    return 0;
  }
  for (const row of result.remaining) context.out(`  left on the old certificate: ${bindingText(row)} of site "${row.siteName}"`);
  for (const mapping of plan.mappings) context.out(`  left on the old certificate: the one-to-one mapping of ${mapping.account} on site "${mapping.siteName}"`);
  if (result.remaining.length === 0 && plan.mappings.length === 0) context.out('  no binding or one-to-one mapping used the old certificate');
  return 0;
}
