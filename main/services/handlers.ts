import type { HandlerTable } from '../ipc/handler-table';
import type { Services } from './create-services';

/** The one handler table every transport calls: thin adapters from channels to services. */
export function createHandlers(services: Services): HandlerTable {
  const { certificates } = services;
  return {
    'app.info': (_input, context) => ({
      product: 'CertMapper',
      version: services.version,
      dataDir: services.dataDir,
      transport: context.transport,
      counts: certificates.counts(),
      notices: services.notices,
    }),
    'certificates.list': ({ store }) => ({ items: certificates.list(store) }),
    'certificates.get': ({ sha256 }) => certificates.get(sha256),
    'certificates.import': (request) => ({ results: certificates.import(request) }),
    'certificates.export': ({ sha256, format }) => certificates.export(sha256, format),
    'certificates.move': ({ sha256, store }) => certificates.move(sha256, store),
    'certificates.delete': ({ sha256 }) => {
      certificates.delete(sha256);
      return { deleted: true as const };
    },
    'crls.list': () => ({ items: certificates.listCrls() }),
  };
}
