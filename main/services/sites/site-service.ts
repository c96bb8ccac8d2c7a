import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import {
  newSite,
  type AuthorizationRule,
  type Binding,
  type Folder,
  type FolderSecurity,
  type IdentityHeaders,
  type Site,
  type SiteContent,
} from '../../../shared/models/site';
import type { ConfigStore } from '../../ports';
import type { CertificateService } from '../certificates/certificate-service';
import { assertNoBindingConflict } from './binding-conflicts';
import type { ConfigDocument } from './config-document';
import { findSite, withSite } from './site-lookup';

export interface NewSite {
  name: string;
  bindings: Binding[];
  serverCertificateSha256?: string | null;
  content: SiteContent;
}

/** Sites, their bindings, directory security per folder, trusted issuers and authorization rules. */
export class SiteService {
  constructor(
    private readonly store: ConfigStore<ConfigDocument>,
    private readonly certificates: CertificateService,
  ) {}

  list(): Site[] {
    return Object.values(this.store.read().sites);
  }

  get(nameOrId: string): Site {
    return findSite(this.store.read(), nameOrId);
  }

  add(input: NewSite): Site {
    const document = this.store.read();
    if (Object.values(document.sites).some((s) => s.name.toLowerCase() === input.name.toLowerCase())) {
      throw new DomainError('CONFLICT', `A site named "${input.name}" already exists`);
    }
    if (input.bindings.length === 0) throw new DomainError('INVALID_INPUT', 'A site needs at least one binding');
    for (const binding of input.bindings) assertNoBindingConflict(Object.values(document.sites), null, binding);
    const serverCertificateSha256 = input.serverCertificateSha256 ?? null;
    if (serverCertificateSha256) this.assertServerCertificate(serverCertificateSha256);
    if (input.bindings.some((b) => b.protocol === 'https') && !serverCertificateSha256 && !input.bindings.every((b) => b.certificateSha256)) {
      throw new DomainError('INVALID_INPUT', `Site "${input.name}" has an https binding but no server certificate (--server-cert SHA256)`);
    }
    const site = newSite({ id: randomUUID(), name: input.name, bindings: input.bindings, serverCertificateSha256, content: input.content });
    this.store.write(withSite(document, site));
    return site;
  }

  remove(nameOrId: string): void {
    const document = this.store.read();
    const site = findSite(document, nameOrId);
    const sites = { ...document.sites };
    delete sites[site.id];
    this.store.write({ ...document, sites });
  }

  /** Change security at the site root (no path, or "/") or on a folder, which then overrides the root. */
  setSecurity(nameOrId: string, path: string | undefined, change: Partial<FolderSecurity>): Site {
    return this.update(nameOrId, (site) => {
      if (!path || path === '/') return { ...site, security: { ...site.security, ...change } };
      return this.withFolder(site, path, (folder) => ({ ...folder, security: { ...folder.security, ...change } }));
    });
  }

  /**
   * Remove a folder: its SSL settings and authorization rules go, and its requests follow the nearest
   * parent folder, or the site, again. Folders below it are folders of their own and stay.
   */
  removeFolder(nameOrId: string, path: string): Site {
    // "/" names the site itself, which has settings of its own but is no folder: removing it would mean removing the site.
    if (isSiteRoot(path)) throw new DomainError('INVALID_INPUT', '"/" is the site itself, not a folder: change its SSL Settings, or remove the site');
    return this.update(nameOrId, (site) => {
      const folder = findFolder(site, path);
      if (!folder) throw new DomainError('NOT_FOUND', `Site "${site.name}" has no folder ${path}`);
      return { ...site, folders: site.folders.filter((f) => f !== folder) };
    });
  }

  /** Trust (or stop trusting) issuers for this site: roots and intermediates from the store. */
  setTrust(nameOrId: string, add: string[], remove: string[]): Site {
    for (const sha256 of add) {
      const { store, isCA } = this.certificates.get(sha256);
      if (!isCA && store !== 'root' && store !== 'intermediate') {
        throw new DomainError('INVALID_INPUT', `Certificate ${sha256} is not a CA certificate: only roots and intermediates can be trusted issuers`);
      }
    }
    return this.update(nameOrId, (site) => {
      const kept = site.trustedIssuers.filter((s) => !remove.includes(s));
      return { ...site, trustedIssuers: [...kept, ...add.filter((s) => !kept.includes(s))] };
    });
  }

  /**
   * The certificate_authorities list the site's TLS CertificateRequest carries (RFC 8446 4.2.4): each
   * name with its 2-byte length, plus the list's own 2 bytes. Large lists are why some clients offer
   * nothing (KB Q194788's cousin): the console shows the total.
   */
  advertisedIssuers(nameOrId: string): { names: { sha256: string; subject: string; bytes: number }[]; totalBytes: number } {
    const site = this.get(nameOrId);
    // A trusted issuer deleted from the store can no longer be advertised: it is left out.
    const stored = new Set(this.certificates.list().map((c) => c.sha256));
    const names = site.trustedIssuers
      .filter((sha256) => stored.has(sha256))
      .map((sha256) => ({ sha256, subject: this.certificates.get(sha256).subject, bytes: this.certificates.subjectNameBytes(sha256) }));
    return { names, totalBytes: names.length ? 2 + names.reduce((sum, n) => sum + 2 + n.bytes, 0) : 0 };
  }

  setMappingMode(nameOrId: string, mode: Site['mappingMode']): Site {
    return this.update(nameOrId, (site) => ({ ...site, mappingMode: mode }));
  }

  setIdentityHeaders(nameOrId: string, headers: Partial<IdentityHeaders>): Site {
    return this.update(nameOrId, (site) => ({ ...site, identityHeaders: { ...site.identityHeaders, ...headers } }));
  }

  setDetailedErrors(nameOrId: string, mode: Site['detailedErrors']): Site {
    return this.update(nameOrId, (site) => ({ ...site, detailedErrors: mode }));
  }

  addAuthorization(nameOrId: string, path: string | undefined, rule: AuthorizationRule): Site {
    return this.update(nameOrId, (site) => {
      if (!path || path === '/') return { ...site, authorization: [...site.authorization, rule] };
      return this.withFolder(site, path, (folder) => ({ ...folder, authorization: [...folder.authorization, rule] }));
    });
  }

  removeAuthorization(nameOrId: string, path: string | undefined, index: number): Site {
    const drop = (rules: AuthorizationRule[]) => {
      if (!rules[index]) throw new DomainError('NOT_FOUND', `No authorization rule #${index + 1} on ${path ?? '/'}`);
      return rules.filter((_, i) => i !== index);
    };
    return this.update(nameOrId, (site) => {
      if (!path || path === '/') return { ...site, authorization: drop(site.authorization) };
      return this.withFolder(site, path, (folder) => ({ ...folder, authorization: drop(folder.authorization) }));
    });
  }

  firstStartDone(): boolean {
    return this.store.read().firstStartDone === true;
  }

  markFirstStartDone(): void {
    this.store.write({ ...this.store.read(), firstStartDone: true });
  }

  /** Apply a change to one site and write the document once. */
  update(nameOrId: string, change: (site: Site) => Site): Site {
    const document = this.store.read();
    const updated = change(findSite(document, nameOrId));
    this.store.write(withSite(document, updated));
    return updated;
  }

  private withFolder(site: Site, path: string, change: (folder: Folder) => Folder): Site {
    const existing = findFolder(site, path);
    const folder = change(existing ?? { path: storedFolderPath(path), security: {}, authorization: [] });
    const folders = existing ? site.folders.map((f) => (f === existing ? folder : f)) : [...site.folders, folder];
    return { ...site, folders };
  }

  private assertServerCertificate(sha256: string): void {
    const certificate = this.certificates.get(sha256);
    if (!certificate.hasPrivateKey) {
      throw new DomainError('INVALID_INPUT', `Certificate ${sha256} has no private key in the vault, so it cannot be a server certificate`);
    }
  }
}

/** A folder path as it is stored: without trailing slashes ("" for the site root). */
function storedFolderPath(path: string): string {
  return path.replace(/\/+$/, '');
}

function isSiteRoot(path: string): boolean {
  return storedFolderPath(path) === '';
}

/** The site's folder at `path`, matched as it was added: case-insensitive (IIS paths are), trailing slashes ignored. */
function findFolder(site: Site, path: string): Folder | undefined {
  const wanted = storedFolderPath(path).toLowerCase();
  return site.folders.find((f) => f.path.toLowerCase() === wanted);
}
