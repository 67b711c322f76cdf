import BetterSqlite3 from 'better-sqlite3';
import { RecentStreams } from '../../libs/application/src/core/recent-streams';
import { KeyRing } from '../../libs/key-store/src/key-ring';
import { TargetDocs } from '../../libs/read-models/src/projector/target-docs';

/**
 * Preloaded into the soak's server (both threads; see soak-caches.ts), never into the product: the
 * process's bounded caches are held far below the product's bounds, so they are full within the
 * soak's warm-up and the memory check sees growth that does not stop at a bound (a leak).
 * CRM_SOAK_PAGE_CACHE_KIB: every SQLite `cache_size` the product sets; CRM_SOAK_STREAM_SNAPSHOTS: the
 * write path's stream snapshots (RecentStreams); CRM_SOAK_KEY_CACHE: unwrapped data keys (KeyRing);
 * CRM_SOAK_LIVE_DOCS: documents each live projection holds before it drops them all (TargetDocs).
 */
const cap = (name: string): number | null => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : null;
};

const pageCacheKib = cap('CRM_SOAK_PAGE_CACHE_KIB');
if (pageCacheKib !== null) {
  const prototype = BetterSqlite3.prototype as unknown as { pragma(source: string, options?: unknown): unknown };
  const pragma = prototype.pragma;
  prototype.pragma = function capped(this: unknown, source: string, options?: unknown) {
    return pragma.call(this, /^\s*cache_size\s*=/i.test(source) ? `cache_size = -${pageCacheKib}` : source, options);
  };
}

/** Sets a private bound on every instance before its method that enforces it runs. */
const holdBound = (prototype: object, method: string, field: string, bound: number): void => {
  const target = prototype as Record<string, unknown>;
  const original = target[method];
  if (typeof original !== 'function') throw new Error(`cache-caps: ${method} is gone; update this measurement`);
  target[method] = function bounded(this: Record<string, unknown>, ...args: unknown[]) {
    if (typeof this[field] !== 'number') throw new Error(`cache-caps: ${field} is gone; update this measurement`);
    this[field] = bound;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
};

const snapshots = cap('CRM_SOAK_STREAM_SNAPSHOTS');
if (snapshots !== null) holdBound(RecentStreams.prototype, 'remember', 'capacity', snapshots);
const keys = cap('CRM_SOAK_KEY_CACHE');
if (keys !== null) holdBound(KeyRing.prototype, 'remember', 'cacheSize', keys);
const liveDocs = cap('CRM_SOAK_LIVE_DOCS');
if (liveDocs !== null) holdBound(TargetDocs.prototype, 'trim', 'maxDocs', liveDocs);
