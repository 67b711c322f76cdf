import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { MasterKey } from '@crm/key-store';
import { PROCESS_CHECKPOINTS } from '../core/checkpoints';
import { EVENT_STORE, READ_STORE } from '../core/tokens';
import { PersonalDataCodec } from '../privacy/personal-data-codec';
import { KEY_STORE } from '../privacy/privacy.tokens';
import { ReadStoreCheckpoints } from './read-store-checkpoints';
import type { Stores } from './open-stores';

const STORES = Symbol('STORES');

/** Makes the opened stores injectable everywhere in the process and closes them on shutdown. */
@Global()
@Module({})
export class StoresModule implements OnApplicationShutdown {
  constructor(@Inject(STORES) private readonly stores: Stores) {}

  static forStores(stores: Stores): DynamicModule {
    return {
      module: StoresModule,
      providers: [
        { provide: STORES, useValue: stores },
        { provide: EVENT_STORE, useValue: stores.eventStore },
        { provide: READ_STORE, useValue: stores.readStore },
        { provide: KEY_STORE, useValue: stores.keyStore },
        { provide: MasterKey, useValue: stores.masterKey },
        { provide: PersonalDataCodec, useValue: stores.personalData },
        { provide: PROCESS_CHECKPOINTS, useValue: new ReadStoreCheckpoints(stores.readStore) },
      ],
      exports: [EVENT_STORE, READ_STORE, KEY_STORE, MasterKey, PersonalDataCodec, PROCESS_CHECKPOINTS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
  }
}
