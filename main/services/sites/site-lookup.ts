import { DomainError } from '../../../shared/errors';
import type { Site } from '../../../shared/models/site';
import type { ConfigDocument } from './config-document';

/** A site by name (case-insensitive, as IIS names are) or id; NOT_FOUND names what was asked. */
export function findSite(document: ConfigDocument, nameOrId: string): Site {
  const wanted = nameOrId.toLowerCase();
  const site = document.sites[nameOrId] ?? Object.values(document.sites).find((s) => s.name.toLowerCase() === wanted);
  if (!site) throw new DomainError('NOT_FOUND', `No site named "${nameOrId}"`);
  return site;
}

/** The document with one site replaced: documents are immutable, every change writes a new one. */
export function withSite(document: ConfigDocument, site: Site): ConfigDocument {
  return { ...document, sites: { ...document.sites, [site.id]: site } };
}
