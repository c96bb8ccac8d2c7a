import 'reflect-metadata';
import { app, BrowserWindow, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../node/start-console-server';
import { openDesktopServices } from './open-desktop-services';
import { registerIpcTransport } from './ipc-transport';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { hardenSession, hardenWindow } from './window-security';
import { APP_ORIGIN } from './ipc-names';
import { startExpiryNotifications } from './expiry-notifier';
import { forkUtilityGateway } from './gateway-utility-process';
import { confirmUnload } from './confirm-unload';

// The Electron shell: wiring only. Services, storage and transports live elsewhere and run under plain Node.
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');

registerAppScheme();

app.whenReady().then(async () => {
  const dataDir = process.env.CERTMAPPER_DATA ?? app.getPath('userData');
  const services = openDesktopServices(dataDir, app.getVersion());
  // The same services, gateway and change following as `certmapper serve`, without the web console;
  // the gateway's process is Electron's utility process.
  const server = await startServer({ dataDir, services, consolePort: null, defaultSite: true, gatewayRuntime: { kind: 'process', fork: forkUtilityGateway } });
  app.on('before-quit', () => void server.close());
  registerIpcTransport(server.dispatch, server.hub);
  hardenSession();
  serveRenderer(join(distDir, 'renderer'));
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'CertMapper',
    show: false,
    webPreferences: {
      preload: join(distDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  hardenWindow(window);
  confirmUnload(window);
  window.once('ready-to-show', () => window.show());
  const stopNotifying = startExpiryNotifications(services.expiry, () => window.show());
  app.on('before-quit', stopNotifying);
  if (server.notices.length) void dialog.showMessageBox({ type: 'info', message: server.notices.join('\n\n') });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => app.quit());
