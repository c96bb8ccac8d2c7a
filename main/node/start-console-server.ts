import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventHub } from '../events/event-hub';
import { publishingDispatch } from '../events/publishing-dispatch';
import { watchDataDir } from '../events/watch-data-dir';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../services/handlers';
import { startWebServer } from '../web/web-server';
import { createAccessToken } from '../web/access-token';
import { openNodeServices } from './open-node-services';

/** The built console sits beside the bundled CLI: app/dist/cli/ -> app/dist/renderer/. */
export function rendererDir(): string {
  return process.env.CERTMAPPER_RENDERER_DIR ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
}

/** Services plus the HTTP transport and the web console: what `serve` and the `npm start` fallback run. */
export async function startConsoleServer(options: { dataDir: string; port: number }) {
  const services = openNodeServices(options.dataDir);
  const hub = new EventHub();
  const dispatch = publishingDispatch(
    createDispatcher(createHandlers(services), (error) => console.error('Unexpected error:', error)),
    hub,
  );
  const web = await startWebServer({ dispatch, hub, token: createAccessToken(), rendererDir: rendererDir(), port: options.port });
  const stopWatching = watchDataDir(options.dataDir, hub);
  return {
    url: web.url,
    port: web.port,
    version: services.version,
    notices: services.notices,
    close: async () => {
      stopWatching();
      await web.close();
    },
  };
}
