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
            // No headers: they carry cookies, service tokens, idempotency keys and whatever
            // else a caller sends (baggage); a request line names what was asked, by whom.
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
                remoteAddress: req.remoteAddress,
              }),
            },
          },
        }),
      ],
      providers: [TelemetryFlush],
    };
  }
}
