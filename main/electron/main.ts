import 'reflect-metadata';
import { app, BrowserWindow, dialog } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventHub } from '../events/event-hub';
import { publishingDispatch } from '../events/publishing-dispatch';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../services/handlers';
import { openDesktopServices } from './open-desktop-services';
import { registerIpcTransport } from './ipc-transport';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { hardenSession, hardenWindow } from './window-security';
import { APP_ORIGIN } from './ipc-names';

// The Electron shell: wiring only. Services, storage and transports live elsewhere and run under plain Node.
const distDir = join(dirname(fileURLToPath(import.meta.url)), '..');

registerAppScheme();

app.whenReady().then(() => {
  const dataDir = process.env.CERTMAPPER_DATA ?? app.getPath('userData');
  const services = openDesktopServices(dataDir, app.getVersion());
  const hub = new EventHub();
  registerIpcTransport(publishingDispatch(createDispatcher(createHandlers(services)), hub), hub);
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
  window.once('ready-to-show', () => window.show());
  if (services.notices.length) void dialog.showMessageBox({ type: 'warning', message: services.notices.join('\n\n') });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
});

app.on('window-all-closed', () => app.quit());
