import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TIMELINE_SOURCE, type TimelineSource } from '@crm/application';

/**
 * Reads the opportunities' timelines into memory when the API starts, so the first report does not
 * wait for the whole read model (seconds at a few hundred thousand versions); later reports read only
 * what is new. A failure here is logged and left to the first report, which reads again.
 */
@Injectable()
export class TimelineWarmUp implements OnApplicationBootstrap {
  private readonly logger = new Logger('PipelineReports');

  constructor(@Inject(TIMELINE_SOURCE) private readonly timelines: TimelineSource) {}

  onApplicationBootstrap(): void {
    const started = Date.now();
    this.timelines.current().then(
      (held) => this.logger.log(`${held.size} opportunities' timelines read in ${Date.now() - started} ms`),
      (error: unknown) => this.logger.warn(`timelines not read at start: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
