import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { ManyToOneMapping, MatchRule, OneToOneMapping, Site } from '../../../shared/models/site';
import type { SecretVault } from '../../ports';
import type { AccountService } from '../accounts/account-service';
import type { CertificateService } from '../certificates/certificate-service';
import { mappingPasswordId } from '../sites/config-document';
import type { SiteService } from '../sites/site-service';

export interface NewOneToOne {
  certificateSha256: string;
  account: string;
  enabled: boolean;
  password?: string;
}

export interface NewManyToOne {
  name: string;
  description?: string;
  permission: 'allow' | 'deny';
  account?: string | null;
  rules: MatchRule[];
  enabled: boolean;
  /** 1-based position in the ordered list; default: last. */
  position?: number;
  password?: string;
}

/** One-to-one and ordered many-to-one mappings of a site; passwords go to the vault only. */
export class MappingService {
  constructor(
    private readonly sites: SiteService,
    private readonly accounts: AccountService,
    private readonly certificates: CertificateService,
    private readonly vault: SecretVault,
  ) {}

  addOneToOne(siteName: string, input: NewOneToOne): OneToOneMapping {
    this.accounts.require(input.account);
    const certificate = this.certificates.get(input.certificateSha256);
    const id = randomUUID();
    const mapping: OneToOneMapping = {
      id,
      certificateSha256: certificate.sha256,
      subject: certificate.subject,
      account: input.account,
      enabled: input.enabled,
      hasPassword: Boolean(input.password),
    };
    this.sites.update(siteName, (site) => {
      if (site.oneToOne.some((m) => m.certificateSha256 === certificate.sha256)) {
        throw new DomainError('CONFLICT', `Certificate ${certificate.sha256} is already mapped one-to-one on site "${site.name}"`);
      }
      this.storePassword(site, id, input.password);
      return { ...site, oneToOne: [...site.oneToOne, mapping] };
    });
    return mapping;
  }

  removeOneToOne(siteName: string, idOrSha256: string): void {
    this.sites.update(siteName, (site) => {
      const found = site.oneToOne.find((m) => m.id === idOrSha256 || m.certificateSha256 === idOrSha256.toLowerCase());
      if (!found) throw new DomainError('NOT_FOUND', `No one-to-one mapping ${idOrSha256} on site "${site.name}"`);
      this.vault.delete(mappingPasswordId(site.id, found.id));
      return { ...site, oneToOne: site.oneToOne.filter((m) => m !== found) };
    });
  }

  setOneToOneEnabled(siteName: string, idOrSha256: string, enabled: boolean): void {
    this.sites.update(siteName, (site) => {
      const found = site.oneToOne.find((m) => m.id === idOrSha256 || m.certificateSha256 === idOrSha256.toLowerCase());
      if (!found) throw new DomainError('NOT_FOUND', `No one-to-one mapping ${idOrSha256} on site "${site.name}"`);
      return { ...site, oneToOne: site.oneToOne.map((m) => (m === found ? { ...m, enabled } : m)) };
    });
  }

  /**
   * Point every one-to-one mapping of certificate `from` at certificate `to` (a renewal): same id,
   * account, state and password. Checked on every site before any is written.
   */
  moveOneToOne(from: string, to: string): { site: Site; mapping: OneToOneMapping }[] {
    const target = this.certificates.get(to);
    const affected = this.sites.list().filter((site) => site.oneToOne.some((m) => m.certificateSha256 === from));
    for (const site of affected) {
      if (site.oneToOne.some((m) => m.certificateSha256 === target.sha256)) {
        throw new DomainError('CONFLICT', `Site "${site.name}" already maps certificate ${target.sha256} one-to-one: remove one of the two mappings first`);
      }
    }
    return affected.flatMap((site) => {
      const updated = this.sites.update(site.id, (current) => ({
        ...current,
        oneToOne: current.oneToOne.map((m) => (m.certificateSha256 === from ? { ...m, certificateSha256: target.sha256, subject: target.subject } : m)),
      }));
      return updated.oneToOne.filter((m) => m.certificateSha256 === target.sha256).map((mapping) => ({ site: updated, mapping }));
    });
  }

  addManyToOne(siteName: string, input: NewManyToOne): ManyToOneMapping {
    if (input.permission === 'allow') {
      if (!input.account) throw new DomainError('INVALID_INPUT', `Allow mapping "${input.name}" needs an account`);
      this.accounts.require(input.account);
    }
    if (input.rules.length === 0) throw new DomainError('INVALID_INPUT', `Mapping "${input.name}" has no rules; a mapping without rules matches nothing`);
    const id = randomUUID();
    const mapping: ManyToOneMapping = {
      id,
      name: input.name,
      description: input.description ?? '',
      enabled: input.enabled,
      permission: input.permission,
      account: input.permission === 'allow' ? (input.account ?? null) : null,
      rules: input.rules,
      hasPassword: Boolean(input.password),
    };
    this.sites.update(siteName, (site) => {
      if (site.manyToOne.some((m) => m.name.toLowerCase() === input.name.toLowerCase())) {
        throw new DomainError('CONFLICT', `Site "${site.name}" already has a many-to-one mapping named "${input.name}"`);
      }
      this.storePassword(site, id, input.password);
      return { ...site, manyToOne: insertAt(site.manyToOne, mapping, input.position) };
    });
    return mapping;
  }

  /** Move Up / Move Down, as the IIS 6 dialog: position is 1-based; higher in the list wins. */
  moveManyToOne(siteName: string, name: string, position: number): ManyToOneMapping[] {
    return this.sites.update(siteName, (site) => {
      const found = findByName(site, name);
      return { ...site, manyToOne: insertAt(site.manyToOne.filter((m) => m !== found), found, position) };
    }).manyToOne;
  }

  removeManyToOne(siteName: string, name: string): void {
    this.sites.update(siteName, (site) => {
      const found = findByName(site, name);
      this.vault.delete(mappingPasswordId(site.id, found.id));
      return { ...site, manyToOne: site.manyToOne.filter((m) => m !== found) };
    });
  }

  private storePassword(site: Site, mappingId: string, password: string | undefined): void {
    if (password) this.vault.put(mappingPasswordId(site.id, mappingId), new TextEncoder().encode(password));
  }
}

function findByName(site: Site, name: string): ManyToOneMapping {
  const found = site.manyToOne.find((m) => m.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new DomainError('NOT_FOUND', `No many-to-one mapping named "${name}" on site "${site.name}"`);
  return found;
}

function insertAt<T>(list: T[], item: T, position: number | undefined): T[] {
  const index = position === undefined ? list.length : Math.min(Math.max(position - 1, 0), list.length);
  return [...list.slice(0, index), item, ...list.slice(index)];
}
