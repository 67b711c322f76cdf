import type * as nodeCrypto from 'node:crypto';

type Crypto = Pick<typeof nodeCrypto, 'createDecipheriv'>;

/** The plaintext (JSON text) of one envelope: AES-256-GCM, the event id as associated data, the 16-byte tag after the ciphertext. */
export function openSealedText(crypto: Crypto, key: nodeCrypto.KeyObject | Buffer, nonce: string, ciphertext: string, eventId: string): string {
  const sealed = Buffer.from(ciphertext, 'base64');
  const decipher = crypto
    .createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64'))
    .setAAD(Buffer.from(eventId))
    .setAuthTag(sealed.subarray(sealed.length - 16));
  // Decoded as it comes out: no Buffer.concat and copy per event on a rebuild's path.
  return decipher.update(sealed.subarray(0, sealed.length - 16), undefined, 'utf8') + decipher.final('utf8');
}
