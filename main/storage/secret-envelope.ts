// The vault seals the id together with the secret, so that someone who can edit vault.json cannot
// move a sealed value to another id (for example, one certificate's private key under another's)
// unnoticed. Done here rather than as cipher "associated data" so every cipher gets it, safeStorage too.
const FORMAT = 1;
const HEADER = 1 + 4;

/** The plaintext the cipher seals: format byte, id length (u32 BE), id (UTF-8), secret. */
export function packSecret(id: string, secret: Uint8Array): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const packed = Buffer.alloc(HEADER + idBytes.length + secret.length);
  packed.writeUInt8(FORMAT, 0);
  packed.writeUInt32BE(idBytes.length, 1);
  idBytes.copy(packed, HEADER);
  packed.set(secret, HEADER + idBytes.length);
  return packed;
}

/** The secret sealed for `id`, as a fresh Uint8Array; throws if the plaintext belongs to another id. */
export function unpackSecret(id: string, packed: Uint8Array): Uint8Array {
  const bytes = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  if (bytes.length < HEADER || bytes.readUInt8(0) !== FORMAT) throw new Error('its content has an unknown format');
  const idLength = bytes.readUInt32BE(1);
  if (HEADER + idLength > bytes.length) throw new Error('its content is truncated');
  const sealedId = bytes.toString('utf8', HEADER, HEADER + idLength);
  if (sealedId !== id) throw new Error(`it was sealed for "${sealedId}" and moved here`);
  return new Uint8Array(bytes.subarray(HEADER + idLength));
}
