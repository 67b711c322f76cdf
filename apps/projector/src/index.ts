export { startProjector, type RunningProjector, type StartProjectorOptions } from './start-projector';
