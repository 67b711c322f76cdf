import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { EVENT_STORE, READ_STORE } from '@crm/application';
import type { EventStore } from '@crm/event-store';
import type { ReadStore } from '@crm/read-models';

/** Liveness for the process manager, readiness for the load balancer: both stores must answer. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; eventStore: 'up'; readStore: 'up' }> {
    const [events, reads] = await Promise.allSettled([this.eventStore.headPosition(), this.readStore.ping()]);
    if (events.status === 'rejected' || reads.status === 'rejected') {
      throw new HttpException(
        { status: 'unavailable', eventStore: events.status === 'fulfilled' ? 'up' : 'down', readStore: reads.status === 'fulfilled' ? 'up' : 'down' },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    return { status: 'ok', eventStore: 'up', readStore: 'up' };
  }
}
