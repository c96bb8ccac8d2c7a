import type { GatewaySnapshot } from '../decision/types';

/** One binding after a snapshot was applied: where it listens (the real port when 0 was asked), or why it cannot. */
export interface ListeningBinding {
  /** Site name, as the console and the audit log show it. */
  site: string;
  siteId: string;
  protocol: 'http' | 'https';
  address: string;
  port: number;
  host: string | null;
  url: string;
  error?: string;
}

/** Every binding of one snapshot version, reported once the listeners were diffed. */
export interface ListeningReport {
  version: number;
  bindings: ListeningBinding[];
}

/** Where the gateway writes its audit log (audit-log.ts): given once, when it starts. */
export interface GatewayAuditFile {
  dataDir: string;
  maxBytes?: number;
  maxFiles?: number;
}

/**
 * Main -> gateway: a new compiled configuration; whether main wants every audit record as it is
 * written (a console shows them live); a request to write the pending audit records now; stop.
 */
export type ToGateway =
  | { type: 'snapshot'; snapshot: GatewaySnapshot }
  | { type: 'audit-live'; on: boolean }
  | { type: 'flush-audit'; id: number }
  | { type: 'stop' };

/**
 * Gateway -> main: listener state per snapshot, audit records while main listens (one JSON line per
 * decision, a batch of them in one message), errors, and the end of a stop.
 */
export type FromGateway =
  | ({ type: 'listening' } & ListeningReport)
  /** While audit-live is on: the records just written, as JSON lines (UTF-8, whole lines). */
  | { type: 'audit'; bytes: Uint8Array }
  /** Every decision made before the matching flush-audit is in the audit log, and was sent ahead of this while live (messages keep their order). */
  | { type: 'audit-flushed'; id: number }
  /** version: set when a snapshot could not be applied (the previous one stays in force). */
  | { type: 'error'; message: string; version?: number }
  | { type: 'stopped' };
