import type { HandlerTable } from '../ipc/handler-table';
import type { Services } from './create-services';
import { createEngineCache } from './whatif/engine-cache';
import { runWhatIf } from './whatif/whatif-service';
import { previewRules } from './whatif/rule-preview';
import { readRecentAudit } from './audit/read-recent-audit';
import { authorityHandlers } from './authority/authority-handlers';

/** The one handler table every transport calls: thin adapters from channels to services. */
export function createHandlers(services: Services): HandlerTable {
  const { certificates, sites, accounts, mappings } = services;
  const engine = createEngineCache(services.snapshotSources);
  return {
    'app.info': (_input, context) => ({
      product: 'CertMapper',
      version: services.version,
      dataDir: services.dataDir,
      transport: context.transport,
      counts: certificates.counts(),
      notices: services.notices,
      firstStart: services.firstStart,
    }),
    'certificates.list': ({ store }) => ({ items: certificates.listWithStatus(store) }),
    'certificates.get': ({ sha256 }) => certificates.details(sha256),
    'certificates.import': (request) => ({ results: certificates.import(request) }),
    'certificates.export': ({ sha256, format }) => certificates.export(sha256, format),
    'certificates.move': ({ sha256, store }) => certificates.move(sha256, store),
    'certificates.delete': ({ sha256 }) => {
      certificates.delete(sha256);
      return { deleted: true as const };
    },
    'crls.list': () => ({ items: certificates.listCrls() }),
    'sites.list': () => ({ items: sites.list() }),
    'sites.get': ({ site }) => sites.get(site),
    'sites.add': (input) => sites.add(input),
    'sites.remove': ({ site }) => {
      sites.remove(site);
      return { removed: true as const };
    },
    'sites.setSecurity': ({ site, path, security }) => sites.setSecurity(site, path, security),
    'sites.removeFolder': ({ site, path }) => sites.removeFolder(site, path),
    'sites.setTrust': ({ site, add, remove }) => sites.setTrust(site, add, remove),
    'sites.advertisedIssuers': ({ site }) => sites.advertisedIssuers(site),
    'sites.setOptions': ({ site, identityHeaders, ...options }) =>
      sites.update(site, (current) => ({
        ...current,
        ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
        identityHeaders: { ...current.identityHeaders, ...identityHeaders },
      })),
    'sites.authorization.add': ({ site, path, rule }) => sites.addAuthorization(site, path, rule),
    'sites.authorization.remove': ({ site, path, index }) => sites.removeAuthorization(site, path, index),
    'mappings.oneToOne.add': ({ site, ...input }) => mappings.addOneToOne(site, input),
    'mappings.oneToOne.remove': ({ site, mapping }) => {
      mappings.removeOneToOne(site, mapping);
      return { removed: true as const };
    },
    'mappings.oneToOne.setEnabled': ({ site, mapping, enabled }) => {
      mappings.setOneToOneEnabled(site, mapping, enabled);
      return { updated: true as const };
    },
    'mappings.manyToOne.add': ({ site, ...input }) => mappings.addManyToOne(site, input),
    'mappings.manyToOne.move': ({ site, name, position }) => ({ items: mappings.moveManyToOne(site, name, position) }),
    'mappings.manyToOne.remove': ({ site, name }) => {
      mappings.removeManyToOne(site, name);
      return { removed: true as const };
    },
    'whatif.run': (request) => runWhatIf(engine(), request, services.clock.now()),
    'mappings.preview': ({ rules }) => previewRules(services.snapshotSources().certificates, rules),
    'audit.recent': ({ limit, site, status }) => ({ items: readRecentAudit(services.dataDir, { limit, site, status }) }),
    'bindings.list': () => ({ items: services.bindings.list() }),
    'bindings.check': async ({ site, binding, replacing }) => ({ conflicts: await services.bindings.check(site, binding, replacing) }),
    'bindings.add': ({ site, binding }) => services.bindings.add(site, binding),
    'bindings.update': ({ site, binding, to }) => services.bindings.update(site, binding, to),
    'bindings.remove': ({ site, binding }) => {
      services.bindings.remove(site, binding);
      return { removed: true as const };
    },
    'expiry.overview': (options) => services.expiry.overview(options),
    'expiry.setLeadDays': ({ days }) => ({ leadDays: services.expiry.setLeadDays(days) }),
    'renewal.plan': ({ sha256 }) => services.renewal.plan(sha256),
    'renewal.renew': (input) => services.renewal.renew(input),
    'renewal.rebind': (input) => services.renewal.rebind(input),
    'keys.list': () => services.keys.list(),
    'keys.createRequest': (input) => services.keys.createRequest(input),
    'keys.install': (input) => services.keys.install(input),
    'keys.import': (input) => services.keys.import(input),
    'keys.exportPkcs12': (input) => services.keys.exportPkcs12(input),
    'keys.exportPkcs8': (input) => services.keys.exportPkcs8(input),
    'keys.cancelRequest': ({ requestId }) => {
      services.keys.cancelRequest(requestId);
      return { removed: true as const };
    },
    'keys.delete': ({ key }) => {
      services.keys.delete(key);
      return { deleted: true as const };
    },
    'accounts.list': () => ({ items: accounts.list() }),
    'accounts.upsert': ({ create, ...account }) => accounts.upsert(account, { create }),
    'accounts.remove': ({ name }) => {
      accounts.remove(name);
      return { removed: true as const };
    },
    ...authorityHandlers(services.authority),
  };
}
