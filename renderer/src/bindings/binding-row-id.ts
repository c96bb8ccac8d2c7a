import type { BindingKey, BindingRow } from '../../../shared/models/binding';

/** A row's identity in the list: its site and its address:port:host. */
export const bindingRowId = (row: BindingRow): string => `${row.siteId}|${row.protocol}|${row.address}|${row.port}|${row.host ?? ''}`;

/** The key the contract names a binding by. */
export const keyOfRow = (row: BindingRow): BindingKey => ({ protocol: row.protocol, address: row.address, port: row.port, host: row.host });
