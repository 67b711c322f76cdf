export { startProjector, openEventStoreOf, openReadStoreOf, type RunningProjector, type StartProjectorOptions } from './start-projector';
export { ReadStoreCheckpoints } from './read-store-checkpoints';
