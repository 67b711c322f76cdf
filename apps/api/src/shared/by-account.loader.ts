import DataLoader from 'dataloader';
import type { Doc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import type { ReadModelsService } from './read-models.service';

/**
 * All documents of one read model that belong to each of a batch of accounts, in one query per
 * request and model however many accounts the page holds.
 */
export const byAccountLoader = <T extends Doc>(
  request: RequestContext,
  readModels: ReadModelsService,
  logical: string,
): DataLoader<string, T[]> => {
  const key = `byAccount:${logical}`;
  let loader = request.loaders.get(key) as DataLoader<string, T[]> | undefined;
  if (!loader) {
    loader = new DataLoader<string, T[]>(async (accountIds) => {
      const docs = await readModels.findAll<T>(logical, { accountId: { $in: [...accountIds] } });
      const groups = new Map<string, T[]>(accountIds.map((id) => [id, []]));
      for (const doc of docs) groups.get(String(doc.accountId))?.push(doc);
      return accountIds.map((id) => groups.get(id) ?? []);
    });
    request.loaders.set(key, loader);
  }
  return loader;
};
