import type { Provider, Type } from '@nestjs/common';
import { Database } from '../database/database';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';
import type { EventHandler } from './process-message';

/**
 * A service's event consumer as a Nest provider, running for the life of the application:
 * its handler is built from one of the service's own providers and commits in its database.
 */
export function eventConsumerProvider<Dependency>(
  options: Omit<EventConsumerOptions, 'database' | 'handle'> & {
    inject: Type<Dependency>;
    handler: (dependency: Dependency) => EventHandler;
  },
): Provider {
  const { inject, handler, ...consumer } = options;
  return {
    provide: EventConsumer,
    inject: [Database, inject],
    useFactory: (database: Database, dependency: Dependency) =>
      new EventConsumer({ ...consumer, database, handle: handler(dependency) }),
  };
}
