import type { IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/ipc';
import type { Dispatch } from '../ipc/dispatcher';
import { isAppUrl } from './ipc-names';

/** Minimal view of Electron's sender frame, so the check is testable under plain Node. */
type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

/** Only our own top-level page may call: checked on every message, before any handler runs. */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

/** The function ipcMain.handle runs for every contract call: sender check, then the shared dispatcher. */
export function createIpcInvokeHandler(dispatch: Dispatch) {
  return (event: SenderEvent, channel: unknown, payload: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) {
      return Promise.resolve({ ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an untrusted frame was refused' } });
    }
    return dispatch(channel, payload, { transport: 'electron' });
  };
}
