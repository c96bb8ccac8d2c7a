import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/contract';
import { INVOKE_CHANNEL, eventChannel } from './ipc-names';

// The only thing the sandboxed renderer sees: an allowlisted invoke and on. No ipcRenderer, no Node.
const channels = new Set<string>(CHANNEL_NAMES);
const events = new Set<string>(EVENT_NAMES);

contextBridge.exposeInMainWorld('certmapper', {
  invoke(channel: string, input: unknown) {
    if (!channels.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No such channel: ${channel}` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!events.has(event)) throw new Error(`No such event: ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannel(event), wrapped);
    return () => ipcRenderer.removeListener(eventChannel(event), wrapped);
  },
});
