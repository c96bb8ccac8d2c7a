import { useEffect, useState } from 'react';
import type { CertificateDetails } from '../../../shared/ipc';
import { errorMessage, invoke, onEvent } from '../api';

/** Loading state of one certificate's details. */
export interface DetailsState {
  details: CertificateDetails | null;
  error: string | null;
  loading: boolean;
}

/** Fetch `certificates.get` for the shown certificate, again when main says data changed (its chain may have). */
export function useCertificateDetails(sha256: string): DetailsState {
  const [state, setState] = useState<{ sha256: string; details: CertificateDetails | null; error: string | null }>({ sha256, details: null, error: null });

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      invoke('certificates.get', { sha256 }).then(
        (details) => !cancelled && setState({ sha256, details, error: null }),
        (error: unknown) => !cancelled && setState({ sha256, details: null, error: errorMessage(error) }),
      );
    void load();
    const unsubscribe = onEvent('data.changed', () => void load());
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [sha256]);

  // While another certificate's answer is still showing, report loading instead of stale details.
  const current = state.sha256 === sha256;
  return { details: current ? state.details : null, error: current ? state.error : null, loading: !current || (!state.details && !state.error) };
}
