import type { Binding } from '../../../shared/models/site';

/** A binding as the Add Site dialog edits it: text fields until the user submits. */
export interface BindingDraft {
  protocol: 'https' | 'http';
  address: string;
  port: string;
  host: string;
}

/** IIS's defaults for a new binding: https on all unassigned addresses, port 443. */
export const NEW_BINDING: BindingDraft = { protocol: 'https', address: '*', port: '443', host: '' };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;
const HOST = /^(?=.{1,253}$)(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** What is wrong with a binding draft, field by field (empty when it is valid). */
export function bindingProblems(draft: BindingDraft): Partial<Record<keyof BindingDraft, string>> {
  const problems: Partial<Record<keyof BindingDraft, string>> = {};
  const address = draft.address.trim();
  if (address !== '*' && !IPV4.test(address) && !(address.includes(':') && IPV6.test(address))) problems.address = "'*' (all unassigned) or an IP address";
  const port = Number(draft.port);
  if (!/^\d+$/.test(draft.port.trim()) || port < 1 || port > 65535) problems.port = '1 to 65535';
  if (draft.host.trim() && !HOST.test(draft.host.trim())) problems.host = 'a DNS name such as shop.example.com';
  return problems;
}

/** The binding the contract takes; null host when empty. Only call on a draft without problems. */
export function toBinding(draft: BindingDraft): Binding {
  const host = draft.protocol === 'https' ? draft.host.trim() : '';
  return { protocol: draft.protocol, address: draft.address.trim(), port: Number(draft.port), host: host || null, certificateSha256: null };
}
