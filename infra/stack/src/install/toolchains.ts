import { existsSync } from 'node:fs';
import { ensureDebianPackages } from './debian';
import { which } from '../process/run';

/** Java 17+ and Maven run Kafka and resolve its jars from Maven Central. */
export async function ensureJavaAndMaven(): Promise<{ java: string; mvn: string }> {
  if (!(await which('java')) || !(await which('mvn'))) {
    await ensureDebianPackages(['openjdk-17-jre-headless', 'maven']);
  }
  const java = await which('java');
  const mvn = await which('mvn');
  if (!java || !mvn) throw new Error('java and mvn are required on PATH');
  return { java, mvn };
}

/** Go 1.24+ builds the Temporal CLI and Jaeger from the Go module proxy. */
export async function ensureGo(): Promise<string> {
  const go =
    (await which('go')) ??
    (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go)
    throw new Error(
      'Go 1.26.8 or newer is required on PATH to build the Temporal CLI, Jaeger and Docker Compose',
    );
  return go;
}

/** Environment for reproducible Go builds: never download a toolchain, never stamp VCS data. */
export function goEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-buildvcs=false',
    CGO_ENABLED: '0',
    ...extra,
  };
}
