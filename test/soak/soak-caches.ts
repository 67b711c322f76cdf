import { join } from 'node:path';

/**
 * The process's bounded caches, the product's bounds, and the soak's: held small by default so they
 * are full within the warm-up, and the memory check sees only growth that no bound stops.
 * Measured (3,000 seeded leads, about 170 req/s, two servers side by side): with the product's page
 * caches resident memory after full collections grew about 16 MiB a minute after the warm-up, with
 * them at 2 MiB about 8; the two read-model page caches (128 MiB) take about 15 minutes at that rate,
 * and longer at a lower one, to fill.
 * The write thread's heap grew 3 to 5 MiB a minute with the stream snapshots and the keys held small:
 * heap snapshots a minute apart showed about 1,500 more projected documents per collection, held by
 * the live projections' document caches (50,000 each before they are dropped).
 */
export const SOAK_CACHES = [
  { env: 'CRM_SOAK_PAGE_CACHE_KIB', what: 'SQLite page cache per connection (KiB)', product: '65,536 for each of the 2 read-model connections (API and write threads), 2,000 (SQLite default) for events and keys', soak: 2_048 },
  { env: 'CRM_SOAK_STREAM_SNAPSHOTS', what: "write thread's stream snapshots (RecentStreams)", product: '10,000', soak: 200 },
  // At least twice the 512 events an opened reader loads keys for at once.
  // Dropped whole past the bound, so a sawtooth: in the write thread's heap, filled by every projected document.
  { env: 'CRM_SOAK_LIVE_DOCS', what: 'documents each live projection holds (TargetDocs, dropped whole past it)', product: '50,000 per projection', soak: 1_000 },
  { env: 'CRM_SOAK_KEY_CACHE', what: 'unwrapped data keys per thread (KeyRing)', product: '20,000', soak: 1_024 },
] as const;

/** Node arguments and environment for the soak's server: its caches at the soak's bounds, or the product's. */
export const soakCacheSetup = (productCaches: boolean): { nodeArgs: string[]; env: NodeJS.ProcessEnv; lines: string[] } => {
  if (productCaches) {
    return { nodeArgs: [], env: {}, lines: ["caches at the product's bounds: resident memory grows until they are full, which a 10-minute soak may not reach"] };
  }
  return {
    nodeArgs: ['--require', join(__dirname, 'cache-caps.js')],
    env: Object.fromEntries(SOAK_CACHES.map((cache) => [cache.env, String(cache.soak)])),
    lines: [
      "bounded caches held small so they are full within the warm-up (--caches product keeps the product's bounds):",
      ...SOAK_CACHES.map((cache) => `  ${cache.what}: ${cache.soak.toLocaleString('en-US')} (product: ${cache.product})`),
    ],
  };
};
