import { ipcMain, webContents } from 'electron';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from '../events/event-hub';
import { INVOKE_CHANNEL, eventChannel } from './ipc-names';
import { createIpcInvokeHandler } from './ipc-invoke-handler';

/** The contract over Electron IPC: the same dispatcher as HTTP and the CLI. */
export function registerIpcTransport(dispatch: Dispatch, hub: EventHub): () => void {
  ipcMain.handle(INVOKE_CHANNEL, createIpcInvokeHandler(dispatch));
  // The desktop window is a console for as long as the app runs.
  const detach = hub.attachConsole();
  const unsubscribe = hub.subscribe((name, payload) => {
    for (const contents of webContents.getAllWebContents()) contents.send(eventChannel(name), payload);
  });
  return () => {
    detach();
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
