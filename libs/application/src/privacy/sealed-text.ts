import type * as nodeCrypto from 'node:crypto';

type Crypto = Pick<typeof nodeCrypto, 'createDecipheriv'>;

const TAG_BYTES = 16;
/**
 * Scratch space for the decoded nonce, associated data and ciphertext: a rebuild opens tens of
 * thousands of envelopes, and three short-lived Buffers each were a good part of its garbage. The
 * decipher reads them synchronously, so one set of buffers serves every call on this thread.
 */
const scratch = { nonce: Buffer.alloc(12), aad: Buffer.alloc(64), sealed: Buffer.alloc(4096) };

/** The plaintext (JSON text) of one envelope: AES-256-GCM, the event id as associated data, the 16-byte tag after the ciphertext. */
export function openSealedText(crypto: Crypto, key: Buffer, nonce: string, ciphertext: string, eventId: string): string {
  if (scratch.sealed.length < ciphertext.length) scratch.sealed = Buffer.alloc(ciphertext.length);
  const length = scratch.sealed.write(ciphertext, 'base64');
  const sealed = scratch.sealed.subarray(0, length);
  const aad = scratch.aad.subarray(0, scratch.aad.write(eventId, 'latin1'));
  scratch.nonce.write(nonce, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, scratch.nonce).setAAD(aad).setAuthTag(sealed.subarray(length - TAG_BYTES));
  // Decoded as it comes out: no Buffer.concat and copy per event.
  return decipher.update(sealed.subarray(0, length - TAG_BYTES), undefined, 'utf8') + decipher.final('utf8');
}
