import { useEffect, useState } from 'react';
import type { BindingConflict, BindingKey } from '../../../shared/models/binding';
import { errorMessage, invoke } from '../api';

const DEBOUNCE_MS = 250;

/** What the check said about the binding as typed: conflicts explained, before anything is saved. */
export interface BindingCheck {
  conflicts: BindingConflict[];
  /** The draft changed and its check has not answered yet. */
  checking: boolean;
  error: string | null;
}

/**
 * Ask main (`bindings.check`) whether this binding could be saved, a moment after the user stops
 * typing; only the answer for the latest draft is kept. `key` null: the draft is not complete yet.
 */
export function useBindingCheck(site: string | null, key: BindingKey | null, replacing: BindingKey | null): BindingCheck {
  const [state, setState] = useState<BindingCheck>({ conflicts: [], checking: false, error: null });
  const request = site && key ? JSON.stringify({ site, binding: key, replacing }) : null;
  useEffect(() => {
    if (!request) {
      setState({ conflicts: [], checking: false, error: null });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      invoke('bindings.check', JSON.parse(request) as { site: string; binding: BindingKey; replacing: BindingKey | null }).then(
        ({ conflicts }) => current && setState({ conflicts, checking: false, error: null }),
        (error: unknown) => current && setState({ conflicts: [], checking: false, error: errorMessage(error) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [request]);
  return state;
}
