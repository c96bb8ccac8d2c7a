import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compileSnapshot } from '../../../main/decision/compile-snapshot';
import type { GatewaySnapshot } from '../../../main/decision/types';
import { emptyCertificateDocument, type CertificateDocument } from '../../../main/services/certificates/certificate-document';
import { CertificateService } from '../../../main/services/certificates/certificate-service';
import { emptyConfigDocument, mappingPasswordId, type ConfigDocument } from '../../../main/services/sites/config-document';
import { MemoryConfigStore } from '../../../main/storage/memory-config-store';
import { MemoryVault } from '../../../main/storage/memory-vault';
import { systemClock } from '../../../main/ports';
import {
  newSite,
  type Account,
  type Binding,
  type ManyToOneMapping,
  type OneToOneMapping,
  type Site,
} from '../../../shared/models/site';
import type { GatewayPki, PkiCert } from './gateway-pki';

/**
 * The configuration a gateway test runs: a ConfigDocument of Site objects and a CertificateDocument
 * filled through the real CertificateService (in memory), compiled by the real compileSnapshot.
 */
export class GatewayFixture {
  readonly configStore = new MemoryConfigStore<ConfigDocument>('config', emptyConfigDocument());
  readonly certificateStore = new MemoryConfigStore<CertificateDocument>('certificates', emptyCertificateDocument());
  readonly vault = new MemoryVault();
  readonly certificates = new CertificateService(this.certificateStore, this.vault, systemClock);
  private version = 0;

  /** Import files (PEM, PKCS#12, CRLs) the way the console does; throws if any is refused. */
  importFiles(paths: string[], password?: string): void {
    const files = paths.map((path) => ({ name: basename(path), contentBase64: readFileSync(path).toString('base64') }));
    const results = this.certificates.import({ files, password });
    const failed = results.filter((r) => !r.ok);
    if (failed.length > 0) throw new Error(`import failed: ${JSON.stringify(failed)}`);
  }

  /** The test PKI's CAs, CRLs and both server certificates (with their keys) in the store. */
  importPki(pki: GatewayPki): void {
    this.importFiles([pki.root.pemPath, pki.intermediate.pemPath, ...pki.crlPaths]);
    this.importFiles([pki.serverPfxPath, pki.server2PfxPath], pki.password);
  }

  /** Add or replace a site. */
  putSite(site: Site): Site {
    const document = this.configStore.read();
    this.configStore.write({ ...document, sites: { ...document.sites, [site.id]: site } });
    return site;
  }

  /** Change a site in place (documents are immutable: this writes a new one). */
  updateSite(id: string, change: (site: Site) => Site): Site {
    const site = this.configStore.read().sites[id];
    if (!site) throw new Error(`no site ${id}`);
    return this.putSite(change(structuredClone(site)));
  }

  removeSite(id: string): void {
    const document = this.configStore.read();
    const sites = { ...document.sites };
    delete sites[id];
    this.configStore.write({ ...document, sites });
  }

  putAccount(name: string, groups: string[] = []): void {
    const document = this.configStore.read();
    const account: Account = { name, groups, description: '' };
    this.configStore.write({ ...document, accounts: { ...document.accounts, [name]: account } });
  }

  /** A mapping password, where the MappingService keeps it: in the vault only. */
  setMappingPassword(siteId: string, mappingId: string, password: string): void {
    this.vault.put(mappingPasswordId(siteId, mappingId), new TextEncoder().encode(password));
  }

  /** The next snapshot version of the current documents. */
  snapshot(): GatewaySnapshot {
    return compileSnapshot({ config: this.configStore.read(), certificates: this.certificateStore.read(), vault: this.vault, version: ++this.version });
  }
}

let ids = 0;

/** A site as SiteService creates it (IIS's secure defaults) serving on 127.0.0.1 with a port the system picks. */
export function makeSite(pki: GatewayPki, overrides: Partial<Site> & { name: string }): Site {
  return {
    ...newSite({ id: `site-${++ids}`, name: overrides.name, bindings: [httpsBinding()], serverCertificateSha256: pki.server.sha256, content: { kind: 'static', directory: '/nonexistent' } }),
    trustedIssuers: [pki.root.sha256, pki.intermediate.sha256],
    ...overrides,
  };
}

/** An https binding (default: 127.0.0.1, port 0, no host name). */
export const httpsBinding = (overrides: Partial<Binding> = {}): Binding => ({ protocol: 'https', address: '127.0.0.1', port: 0, host: null, certificateSha256: null, ...overrides });

/** A plain-http binding (default: 127.0.0.1, port 0). */
export const httpBinding = (overrides: Partial<Binding> = {}): Binding => ({ protocol: 'http', address: '127.0.0.1', port: 0, host: null, certificateSha256: null, ...overrides });

/** This exact certificate logs on as `account`. */
export function oneToOne(cert: PkiCert, account: string, overrides: Partial<OneToOneMapping> = {}): OneToOneMapping {
  return { id: `o2o-${++ids}`, certificateSha256: cert.sha256, subject: cert.name, account, enabled: true, hasPassword: false, ...overrides };
}

/** An ordered rule mapping (allow unless told otherwise). */
export function manyToOne(name: string, rules: ManyToOneMapping['rules'], overrides: Partial<ManyToOneMapping> = {}): ManyToOneMapping {
  return { id: `m2o-${++ids}`, name, description: '', enabled: true, permission: 'allow', account: null, rules, hasPassword: false, ...overrides };
}
