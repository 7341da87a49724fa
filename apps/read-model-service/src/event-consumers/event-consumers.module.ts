import { Controller, Get, Module, type DynamicModule } from '@nestjs/common';
import type { EventConsumerProgress } from '@orchard/contracts';
import { ConsumerGroupProgress } from '@orchard/platform/kafka';

@Controller('event-consumers')
class EventConsumersController {
  constructor(private readonly consumers: ConsumerGroupProgress) {}

  /** Every service's consumer groups: lag per topic and dead letters waiting. */
  @Get()
  list(): Promise<EventConsumerProgress[]> {
    return this.consumers.progress();
  }
}

/** The consumer groups' progress (lag and dead letters), for the operations console. */
@Module({})
export class EventConsumersModule {
  static forBrokers(brokers: string[]): DynamicModule {
    return {
      module: EventConsumersModule,
      controllers: [EventConsumersController],
      providers: [
        {
          provide: ConsumerGroupProgress,
          useFactory: () =>
            new ConsumerGroupProgress(brokers, 'read-model-service.consumer-progress'),
        },
      ],
    };
  }
}
