import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { isProbePath } from '../http/probe-paths';
import { TelemetryFlush } from '../telemetry/telemetry-flush';
import { createRootLogger } from './root-logger';

/**
 * Structured JSON logs (pino) for HTTP requests and the Nest logger, one line per event; at
 * shutdown, the spans still batched are flushed too.
 */
@Module({})
export class LoggingModule {
  static forRoot(options: { service: string; level: string }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: createRootLogger(options),
            autoLogging: { ignore: (req) => isProbePath(req.url ?? '') },
            quietReqLogger: true,
          },
        }),
      ],
      providers: [TelemetryFlush],
    };
  }
}
