import { useEffect, useState } from 'react';
import type { RenewalPlan } from '../../../shared/models/renewal';
import { errorMessage, invoke } from '../api';
import { fetchRenewed } from './fetch-renewed';
import type { RenewalStart, RenewedCertificate } from './renewal-start';

/** The plan, and the new certificate when the wizard opens after its reply was installed; or why they could not load. */
export type RenewalLoad = { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; plan: RenewalPlan; installed: RenewedCertificate | null };

/**
 * Load what the wizard starts from, once: the plan is a snapshot taken when the wizard opens (a
 * refresh mid-wizard would move the defaults under the person's edits).
 */
export function useRenewalStart(start: RenewalStart): RenewalLoad {
  const [load, setLoad] = useState<RenewalLoad>({ state: 'loading' });
  const { sha256, installedSha256 } = start;
  useEffect(() => {
    let current = true;
    Promise.all([invoke('renewal.plan', { sha256 }), installedSha256 ? fetchRenewed(installedSha256) : null]).then(
      ([plan, installed]) => current && setLoad({ state: 'ready', plan, installed }),
      (error: unknown) => current && setLoad({ state: 'failed', error: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [sha256, installedSha256]);
  return load;
}
