/** At most this many files per `certificates.import` call, so progress moves on big drops. */
export const BATCH_MAX_FILES = 50;
/** About this much base64 per call: small enough for steady progress, far under the server's body limit. */
export const BATCH_MAX_BASE64_BYTES = 8 * 1024 * 1024;

/** Size of a file once base64-encoded in the request. */
export const base64Size = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * Split file indexes into batches in their original order; a file larger than a whole batch goes alone
 * (the server takes up to 64 MB per file).
 */
export function planBatches(sizes: readonly number[], maxFiles = BATCH_MAX_FILES, maxBytes = BATCH_MAX_BASE64_BYTES): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, index) => {
    const encoded = base64Size(size);
    if (current.length && (current.length >= maxFiles || bytes + encoded > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(index);
    bytes += encoded;
  });
  if (current.length) batches.push(current);
  return batches;
}
