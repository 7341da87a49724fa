import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';
import { activeTelemetry } from './telemetry-sdk';
import { WorkflowSpanProcessor } from './workflow-span-processor';

/**
 * Temporal's own OpenTelemetry plugin, for clients and workers alike: a started or signalled
 * workflow continues the caller's trace, and its workflow and activity spans descend from it
 * (workflow spans leave the sandbox through a sink into this process's span processor).
 */
export function temporalTracingPlugins(): OpenTelemetryPlugin[] {
  const telemetry = activeTelemetry();
  if (!telemetry) return [];
  return [
    new OpenTelemetryPlugin({
      // The plugin is typed against OpenTelemetry JS 1.x; the objects are compatible at runtime.
      resource: telemetry.resource as never,
      spanProcessor: new WorkflowSpanProcessor(telemetry.spanProcessor) as never,
    }),
  ];
}
