import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditRecord } from '../../../shared/models/decision';
import { ApiError, errorMessage, invoke, onEvent } from '../api';

/** Records kept in memory: the newest this many (the server keeps the full log). */
export const AUDIT_KEEP = 10_000;
/** How many the first read asks for. */
const AUDIT_FETCH = 5_000;

/** The audit log as the page shows it: the newest records first, growing live as the gateway decides. */
export interface AuditRecords {
  records: AuditRecord[];
  loading: boolean;
  error: string | null;
  reload(): void;
}

/**
 * Read the newest records once, then prepend each 'audit.record' event. Under load the gateway can decide
 * thousands of requests a second: events are buffered and applied once per animation frame.
 */
export function useAuditRecords(): AuditRecords {
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const buffer = useRef<AuditRecord[]>([]);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    invoke('audit.recent', { limit: AUDIT_FETCH }).then(
      (answer) => {
        if (cancelled) return;
        // Records that arrived live while the read ran stay on top; the two may overlap by a few.
        setRecords((live) => [...live, ...answer.items].slice(0, AUDIT_KEEP));
        setError(null);
        setLoading(false);
      },
      (caught: unknown) => {
        if (cancelled) return;
        setError(caught instanceof ApiError && caught.code === 'INTERNAL' ? `The stored log cannot be read from this server yet (${caught.message}). New decisions still appear here as they happen.` : errorMessage(caught));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [generation]);

  useEffect(() => {
    const off = onEvent('audit.record', (record) => {
      buffer.current.push(record);
      if (frame.current !== null) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        const fresh = buffer.current.reverse();
        buffer.current = [];
        setRecords((list) => [...fresh, ...list].slice(0, AUDIT_KEEP));
      });
    });
    return () => {
      off();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, []);

  const reload = useCallback(() => {
    setRecords([]);
    setGeneration((g) => g + 1);
  }, []);

  return { records, loading, error, reload };
}
