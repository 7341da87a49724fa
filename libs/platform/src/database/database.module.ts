import {
  Global,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Database } from './database';
import { migrate } from './migrate';

export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

export interface DatabaseOptions {
  url: string;
  migrationsDir: string;
  applicationName: string;
  poolSize?: number;
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly database: Database) {}

  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** Provides the service's Database, migrated before anything can use it. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        {
          provide: Database,
          inject: [DATABASE_OPTIONS],
          useFactory: async (o: DatabaseOptions) => {
            await migrate(o.url, o.migrationsDir);
            return new Database(o.url, { max: o.poolSize, applicationName: o.applicationName });
          },
        },
        DatabaseLifecycle,
      ],
      exports: [Database],
    };
  }
}
