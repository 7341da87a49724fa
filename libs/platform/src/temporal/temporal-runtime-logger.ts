import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import { rootLogger } from '../logging/root-logger';

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

let installed = false;

/**
 * Sends the Temporal runtime's own log lines (its Rust core, workers, workflow and activity
 * loggers) to the process's pino logger, so they are JSON like every other line. It must run
 * before the first worker connection creates the runtime; later calls change nothing.
 */
export function installTemporalRuntimeLogger(): void {
  if (installed) return;
  installed = true;
  const log = rootLogger().child({ component: 'temporal' });
  const write = (level: LogLevel, message: string, meta?: LogMetadata) =>
    log[levels[level]](meta ?? {}, message);
  try {
    Runtime.install({
      logger: {
        log: write,
        trace: (message, meta) => write('TRACE', message, meta),
        debug: (message, meta) => write('DEBUG', message, meta),
        info: (message, meta) => write('INFO', message, meta),
        warn: (message, meta) => write('WARN', message, meta),
        error: (message, meta) => write('ERROR', message, meta),
      },
    });
  } catch {
    // A runtime already exists (a test environment made one): it keeps its logger.
  }
}
