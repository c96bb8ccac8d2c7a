import type { EventHub } from '../../events/event-hub';
import type { AuthorityService } from './authority-service';
import { CrlPublisher } from './crl-publisher';

/** Checked at least hourly, and four times per CRL validity, so a CRL is reissued close to its half-life. */
const MAX_CHECK_MS = 3_600_000;
const MIN_CHECK_MS = 500;

export interface AuthorityRuntime {
  close(): Promise<void>;
}

/**
 * What the local authority needs while CertMapper runs (`serve`, the desktop app): the CRL publisher,
 * and a timer that reissues each CRL at half its validity, so neither the gateway (which uses the
 * store's CRLs in strict mode) nor a client caching until nextUpdate ever holds an expired one.
 * Both follow changes made by the CLI in another process (the `authority` topic of data.changed).
 */
export async function startAuthorityRuntime(options: { authority: AuthorityService; hub: EventHub; onLine(line: string): void }): Promise<AuthorityRuntime> {
  const { authority, onLine } = options;
  const publisher = new CrlPublisher(authority, onLine);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const refresh = () => {
    try {
      const reissued = authority.refreshCrlsIfDue();
      const info = reissued.length ? authority.info() : null;
      for (const role of reissued) {
        const ca = role === 'root' ? info?.root : info?.intermediate;
        if (ca) onLine(`CRL: reissued the ${role} CA's CRL #${ca.crl.number}, next update ${ca.crl.nextUpdate}`);
      }
    } catch (error) {
      onLine(`CRL: reissuing failed: ${(error as Error).message}`);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    if (closed) return;
    let validityMs: number | undefined;
    try {
      validityMs = (authority.info()?.crlValiditySeconds ?? 0) * 1000 || undefined;
    } catch {
      validityMs = undefined;
    }
    const period = validityMs ? Math.min(MAX_CHECK_MS, Math.max(MIN_CHECK_MS, validityMs / 4)) : 60_000;
    timer = setTimeout(() => {
      refresh();
      schedule();
    }, period);
  };

  refresh();
  await publisher.sync();
  schedule();
  const unsubscribe = options.hub.subscribe((event, payload) => {
    if (event !== 'data.changed' || (payload as { topic: string }).topic !== 'authority') return;
    void publisher.sync();
    schedule();
  });
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      unsubscribe();
      await publisher.close();
    },
  };
}
