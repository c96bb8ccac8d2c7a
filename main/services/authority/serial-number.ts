import { randomBytes } from 'node:crypto';

/**
 * A fresh certificate serial: 128 random bits (CA/Browser Forum asks for at least 64), positive and
 * with a non-zero first byte, so its hex form is always 32 digits and equals what the store shows.
 */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x3f) | 0x40;
  return bytes.toString('hex').toUpperCase();
}
