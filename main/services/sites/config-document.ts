import type { Account, Site } from '../../../shared/models/site';

/** config.json: sites (with their mappings and security) and local accounts, written atomically per change. */
export interface ConfigDocument {
  version: 1;
  sites: Record<string, Site>;
  accounts: Record<string, Account>;
  /** Set once the first start created its defaults, so a deleted Default Web Site stays deleted. */
  firstStartDone?: boolean;
}

export const emptyConfigDocument = (): ConfigDocument => ({ version: 1, sites: {}, accounts: {} });

/** Vault id of a mapping's password (the credential forwarded upstream as HTTP Basic). */
export const mappingPasswordId = (siteId: string, mappingId: string): string => `mapping-password:${siteId}:${mappingId}`;

/** Vault id of a server certificate's private key: the same key the certificate store links at import. */
export { privateKeyId } from '../certificates/certificate-document';
