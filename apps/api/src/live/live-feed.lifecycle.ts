import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LiveFeed } from '@crm/application';

/** The feed follows the log from the moment the API starts until it stops (before the stores close). */
@Injectable()
export class LiveFeedLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly feed: LiveFeed) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.feed.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed.stop();
  }
}
