import { dialog, type BrowserWindow } from 'electron';

/**
 * A page with changes not applied holds its unload (beforeunload, renderer/src/state/navigation-guard.tsx).
 * Chromium then asks "Leave site?" by itself; Electron asks nothing and would silently keep the window
 * open, so the question is asked here (https://www.electronjs.org/docs/latest/api/web-contents#event-will-prevent-unload).
 */
export function confirmUnload(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: 'CertMapper',
      message: 'Close CertMapper without applying your changes?',
      detail: 'A page has changes not applied. Cancel, then Apply them there, to keep them.',
      buttons: ['Close Without Applying', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    // preventDefault() here lets the unload go ahead despite the page's beforeunload.
    if (choice === 0) event.preventDefault();
  });
}
