import DataLoader from 'dataloader';
import { MAX_IN_VALUES, type Doc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import type { ConnectionShape } from '../graphql/connection';
import type { GroupQuery, ReadModelsService } from '../shared/read-models.service';

/**
 * One DataLoader per request and key: what a page of N nodes asks of its links is read in one batch,
 * not N reads. Batches never exceed the store's `$in` limit: a larger one is split into chunks.
 */
const loaderFor = <K, V>(request: RequestContext, key: string, load: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> => {
  let loader = request.loaders.get(key) as DataLoader<K, V> | undefined;
  if (loader === undefined) {
    loader = new DataLoader<K, V>(load, { maxBatchSize: MAX_IN_VALUES });
    request.loaders.set(key, loader);
  }
  return loader;
};

/** Documents of one read model by id; null for an id it does not hold. */
export const docsById = <T extends Doc>(request: RequestContext, readModels: ReadModelsService, logical: string): DataLoader<string, T | null> =>
  loaderFor(request, `byId:${logical}`, async (ids) => {
    const found = await readModels.getMany<T>(logical, ids);
    return ids.map((id) => found.get(id) ?? null);
  });

/** A connection per group (the contacts of each account on a page), one store read per batch. */
export const connectionsByGroup = <T extends Doc, N>(
  request: RequestContext,
  readModels: ReadModelsService,
  logical: string,
  query: GroupQuery,
  toNode: (doc: T) => N,
): DataLoader<string, ConnectionShape<N>> =>
  loaderFor(request, `groups:${logical}:${JSON.stringify(query)}`, async (groups) => {
    const connections = await readModels.listGroups(logical, groups, query, toNode);
    return groups.map((group) => connections.get(group) as ConnectionShape<N>);
  });

/** Anything computed once per request and key (a replay as of an instant); each fails on its own. */
export const oncePerRequest = <V>(request: RequestContext, key: string, compute: (id: string) => Promise<V>): DataLoader<string, V> =>
  loaderFor(request, key, (ids) => Promise.all(ids.map((id) => compute(id).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))))));
