import { useFreshStore, type ReadStoreFactory } from './contract/contract-context';
import { describeDocumentsContract } from './contract/documents.contract';
import { describeFiltersContract } from './contract/filters.contract';
import { describeGroupsContract } from './contract/groups.contract';
import { describePaginationContract } from './contract/pagination.contract';
import { describeSearchContract } from './contract/search.contract';
import { describeSearchPropertiesContract } from './contract/search-properties.contract';
import { describeLeaseWaitContract } from './contract/lease-wait.contract';
import { describeAliasesAndLeasesContract, describeCheckpointsContract, describeValidationContract } from './contract/system.contract';

export type { ReadStoreFactory } from './contract/contract-context';

/**
 * The behaviour every ReadStore adapter must show. `factory` is called before each test and
 * must return an empty store; the suite closes it after the test.
 */
export function describeReadStoreContract(name: string, factory: ReadStoreFactory): void {
  describe(`${name} read store contract`, () => {
    const ctx = useFreshStore(factory);
    describeDocumentsContract(ctx);
    describeFiltersContract(ctx);
    describePaginationContract(ctx);
    describeGroupsContract(ctx);
    describeSearchContract(ctx);
    describeSearchPropertiesContract(ctx);
    describeCheckpointsContract(ctx);
    describeAliasesAndLeasesContract(ctx);
    describeLeaseWaitContract(ctx);
    describeValidationContract(ctx);
  });
}
