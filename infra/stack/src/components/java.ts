import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { infraDir, statePaths } from '../paths';

/** JVM flags of Kafka's own start scripts, with heaps sized for a laptop-sized stack. */
export function jvmOptions(heap: { min: string; max: string }): string[] {
  return [
    `-Xms${heap.min}`,
    `-Xmx${heap.max}`,
    '-server',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(infraDir, 'kafka', 'log4j2.properties')}`,
  ];
}

/**
 * Writes the effective properties file: the repo's file with the native-only settings appended
 * (Java properties let a later key win), so the repo's file stays the one shared with compose.
 */
export function renderProperties(
  template: string,
  overrides: Record<string, string>,
  outputName: string,
): string {
  const output = statePaths.conf(outputName);
  mkdirSync(dirname(output), { recursive: true });
  const appended = Object.entries(overrides).map(([key, value]) => `${key}=${value}`);
  writeFileSync(
    output,
    `${readFileSync(template, 'utf8')}\n# native stack\n${appended.join('\n')}\n`,
  );
  return output;
}
