import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { activeTelemetry } from './telemetry-sdk';

/** The spans still batched leave for the collector before the process exits. */
@Injectable()
export class TelemetryFlush implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await activeTelemetry()?.shutdown();
  }
}
