import { EventEmitter } from 'node:events';
import type { Generation } from './projection-target';

/**
 * In-process news from the projector: readers in the same process wake on it instead of polling
 * (read-your-writes), and drop cached aliases the moment a rebuild switches.
 */
export class ProjectorSignals {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /**
   * Every event of `projection`'s up to `position` is stored in its `generation`: after a batch, or
   * when its subscription found nothing more of its own up to there (`AppliedThrough`).
   */
  checkpointed(projection: string, position: bigint, generation: Generation): void {
    this.emitter.emit('checkpoint', projection, position, generation);
  }

  switched(projection: string): void {
    this.emitter.emit('switch', projection);
  }

  onCheckpoint(listener: (projection: string, position: bigint, generation: Generation) => void): () => void {
    this.emitter.on('checkpoint', listener);
    return () => this.emitter.off('checkpoint', listener);
  }

  onSwitch(listener: (projection: string) => void): () => void {
    this.emitter.on('switch', listener);
    return () => this.emitter.off('switch', listener);
  }
}
