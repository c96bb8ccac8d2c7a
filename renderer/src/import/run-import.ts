import { MAX_IMPORT_FILE_BYTES, type ErrorCode, type ImportFileResult } from '../../../shared/ipc';
import { ApiError, errorMessage, invoke } from '../api';
import type { ImportOptions } from './import-options';
import { sourceOf } from './pasted-text';
import { planBatches } from './plan-batches';
import { readFileBase64 } from './read-file-base64';

/** A result made here for a file that never reached the server (too large, unreadable, or its batch failed). */
export function localRefusal(file: string, code: ErrorCode, message: string): ImportFileResult {
  return { file, ok: false, certificates: [], crls: 0, privateKeys: 0, error: { code, message } };
}

/**
 * Import files in batches, one `certificates.import` call each, reporting progress after every batch.
 * One result per file in the order given; a failed batch refuses only its own files. `signal` stops
 * before the next batch (a batch already sent completes on the server either way).
 */
export async function runImport(
  files: readonly File[],
  options: ImportOptions,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImportFileResult[]> {
  const results: (ImportFileResult | undefined)[] = new Array(files.length);
  const sendable: number[] = [];
  files.forEach((file, index) => {
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      results[index] = localRefusal(file.name, 'INVALID_INPUT', `The file is ${Math.round(file.size / 1048576)} MB; the largest accepted is ${MAX_IMPORT_FILE_BYTES / 1048576} MB.`);
    } else {
      sendable.push(index);
    }
  });
  let done = files.length - sendable.length;
  onProgress(done, files.length);

  for (const batch of planBatches(sendable.map((i) => files[i]!.size)).map((b) => b.map((i) => sendable[i]!))) {
    if (signal?.aborted) {
      for (const index of batch) results[index] = localRefusal(files[index]!.name, 'INVALID_INPUT', 'Not imported: the import was cancelled.');
      continue;
    }
    try {
      const payload = await Promise.all(
        batch.map(async (index) => {
          const file = files[index]!;
          return { name: file.name || 'unnamed', contentBase64: await readFileBase64(file), source: sourceOf(file) };
        }),
      );
      const answer = await invoke('certificates.import', { files: payload, ...(options.password ? { password: options.password } : {}), ...(options.store ? { store: options.store } : {}) });
      batch.forEach((index, position) => {
        results[index] = answer.results[position] ?? localRefusal(files[index]!.name, 'INTERNAL', 'The server returned no result for this file.');
      });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL';
      for (const index of batch) results[index] = localRefusal(files[index]!.name, code, errorMessage(error));
    }
    done += batch.length;
    onProgress(done, files.length);
  }
  return results.map((r, i) => r ?? localRefusal(files[i]!.name, 'INTERNAL', 'Not processed.'));
}
