import { pino, type Logger } from 'pino';
import { logContext } from './log-context';

/**
 * Credentials and session ids never reach a log line (request lines carry no headers at all:
 * see LoggingModule; these guard anything else that logs a request).
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-service-token"]',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.sessionId',
];

let root: Logger | undefined;

/**
 * The process's one pino logger: JSON lines that name the service, with the active trace
 * and span ids (added by OpenTelemetry's pino instrumentation) and the order in hand.
 */
export function createRootLogger(options: { service: string; level: string }): Logger {
  root = pino({
    base: { service: options.service, pid: process.pid },
    level: options.level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    mixin: () => logContext(),
  });
  return root;
}

/** The root logger, or a default one for code that runs outside an application. */
export function rootLogger(): Logger {
  return (root ??= createRootLogger({
    service: process.env['OTEL_SERVICE_NAME'] ?? 'orchard',
    level: 'info',
  }));
}
