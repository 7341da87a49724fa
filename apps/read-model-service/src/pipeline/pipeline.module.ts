import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import type { EventConsumerProgress } from '@orchard/contracts';
import { EventConsumers } from './event-consumers';

@Controller('event-consumers')
class EventConsumersController {
  constructor(private readonly consumers: EventConsumers) {}

  /** Every service's consumer groups: lag per topic and dead letters waiting. */
  @Get()
  list(): Promise<EventConsumerProgress[]> {
    return this.consumers.progress();
  }
}

/** The event pipeline's progress, for the operations console. */
@Module({})
export class PipelineModule {
  static forBrokers(brokers: string[]): DynamicModule {
    return {
      module: PipelineModule,
      controllers: [EventConsumersController],
      providers: [{ provide: EventConsumers, useFactory: () => new EventConsumers(brokers) }],
    };
  }
}
