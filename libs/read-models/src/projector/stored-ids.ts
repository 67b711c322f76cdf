/** Bits set per id, and how a filter's size follows the budget (a 128th of it, within these bounds). */
const HASHES = 4;
const MIN_BYTES = 1_024;
const MAX_BYTES = 4 * 2 ** 20;

/** FNV-1a over the string, from `seed`. */
const fnv = (seed: number, text: string): number => {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16_777_619);
  return hash >>> 0;
};

/**
 * Which documents a rebuild has written to its target, as a Bloom filter: a document not held in
 * memory whose id the filter never saw does not exist, so it reads as absent without asking the
 * store. A log mostly creates (new leads, new versions of a deal), and each such creation would
 * otherwise cost a read that finds nothing. Fixed size whatever the log's length; one in several
 * hundred absent documents is read for nothing when the filter is full.
 */
export class StoredIds {
  readonly bytes: number;
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(budgetBytes: number) {
    let bytes = MIN_BYTES;
    while (bytes < MAX_BYTES && bytes * 2 <= budgetBytes / 128) bytes *= 2;
    this.bytes = bytes;
    this.bits = new Uint32Array(bytes / 4);
    this.mask = bytes * 8 - 1;
  }

  add(collection: string, id: string): void {
    const [first, step] = this.hashes(collection, id);
    for (let i = 0, bit = first; i < HASHES; i++, bit = (bit + step) & this.mask) this.bits[bit >>> 5] |= 1 << (bit & 31);
  }

  /** False: never written. True: probably written. */
  mayHold(collection: string, id: string): boolean {
    const [first, step] = this.hashes(collection, id);
    for (let i = 0, bit = first; i < HASHES; i++, bit = (bit + step) & this.mask) if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    return true;
  }

  private hashes(collection: string, id: string): [number, number] {
    const first = fnv(fnv(2_166_136_261, collection), id);
    // An odd step visits distinct bits of the power-of-two table.
    return [first & this.mask, (fnv(first ^ 0x9e3779b9, id) | 1) & this.mask];
  }
}
