import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Drop files on the page as a user dragging them from the file manager would: a DataTransfer holding
 * real File objects (built in the page from the files' bytes), then dragenter, dragover and drop on the
 * body, or on `target` (a selector: a dialog's own drop zone).
 */
export async function dropFiles(page: Page, paths: string[], beforeDrop?: () => Promise<void>, target = 'body'): Promise<void> {
  const files = paths.map((path) => ({ name: basename(path), base64: readFileSync(path).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: 'application/octet-stream' }));
    }
    return transfer;
  }, files);
  await page.dispatchEvent(target, 'dragenter', { dataTransfer });
  await page.dispatchEvent(target, 'dragover', { dataTransfer });
  await beforeDrop?.();
  await page.dispatchEvent(target, 'drop', { dataTransfer });
  await dataTransfer.dispose();
}
