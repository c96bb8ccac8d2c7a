import type { Account, Site } from '../../../shared/models/site';
import type { PendingRequest, StoredKey } from '../../../shared/models/key';

/** config.json: sites (with their mappings and security) and local accounts, written atomically per change. */
export interface ConfigDocument {
  version: 1;
  sites: Record<string, Site>;
  accounts: Record<string, Account>;
  /** Set once the first start created its defaults, so a deleted Default Web Site stays deleted. */
  firstStartDone?: boolean;
  /** Server-wide settings; absent ones take their defaults. */
  settings?: ServerSettings;
  /** Key Manager keys by id: references only, each private key is in the vault (keyVaultId). */
  keys?: Record<string, StoredKey>;
  /** PKCS#10 requests waiting for the authority's reply, by id. */
  certificateRequests?: Record<string, PendingRequest>;
}

/** Settings of the whole server (not of a site). */
export interface ServerSettings {
  /** Warn this many days before something in use expires (default DEFAULT_EXPIRY_LEAD_DAYS). */
  expiryLeadDays?: number;
}

export const emptyConfigDocument = (): ConfigDocument => ({ version: 1, sites: {}, accounts: {} });

/** Vault id of a mapping's password (the credential forwarded upstream as HTTP Basic). */
export const mappingPasswordId = (siteId: string, mappingId: string): string => `mapping-password:${siteId}:${mappingId}`;

/** Vault id of a server certificate's private key: the same key the certificate store links at import. */
export { privateKeyId } from '../certificates/certificate-document';
