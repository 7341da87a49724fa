// Imported first by every process's entry point: instrumentations patch libraries as they load.
import { startTelemetry } from './telemetry-sdk';

startTelemetry();
