import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApplicationModule } from '../../application.module';
import { loadConfig } from '../../config/crm-config';
import { openStores, type Stores } from '../../infrastructure/open-stores';
import { StoresModule } from '../../infrastructure/stores.module';

export interface ProcessApplication {
  stores: Stores;
  context: INestApplicationContext;
  commands: CommandBus;
  close(): Promise<void>;
}

/** The write side as a process opens it over a data folder: files, master key and all. */
export const startProcessApplication = async (dataDir: string, adapt: (stores: Stores) => Stores = (s) => s): Promise<ProcessApplication> => {
  const env = { CRM_DATA_DIR: dataDir };
  const stores = adapt(await openStores(loadConfig(env), env));
  @Module({ imports: [StoresModule.forStores(stores), ApplicationModule] })
  class ProcessModule {}
  const context = await NestFactory.createApplicationContext(ProcessModule, { logger: false });
  return { stores, context, commands: context.get(CommandBus), close: () => context.close() };
};
