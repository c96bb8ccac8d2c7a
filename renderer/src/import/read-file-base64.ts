import { bytesToBase64 } from '../util/base64';

/** A dropped or picked file's content as base64, read only when its batch is about to be sent. */
export async function readFileBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
