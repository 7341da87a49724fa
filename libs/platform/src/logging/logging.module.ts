import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';

/** Credentials and session ids never reach a log line. */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-service-token"]',
  'res.headers["set-cookie"]',
  '*.password',
];

/** Structured JSON logs (pino) for HTTP requests and the Nest logger, one line per event. */
@Module({})
export class LoggingModule {
  static forRoot(options: { service: string; level: string }): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.service,
            level: options.level,
            redact: { paths: redactedPaths, censor: '[redacted]' },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
            quietReqLogger: true,
          },
        }),
      ],
    };
  }
}
