/** The master key is missing, malformed or cannot unwrap the stored keys (a different key than the one they were made with). */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

/** A request the key store refuses as malformed (not a uuid, empty batch item); nothing is written. */
export class InvalidKeyStoreRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidKeyStoreRequestError';
  }
}
