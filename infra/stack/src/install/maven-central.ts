import { run } from '../process/run';
import { ensureJavaAndMaven } from './toolchains';

/** The plugin that resolves artifacts from Maven Central into a folder, pinned. */
export const mavenDependencyPlugin = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** Copies one artifact (`group:artifact:version[:type[:classifier]]`) into `outputDir`. */
export async function copyMavenArtifact(artifact: string, outputDir: string): Promise<void> {
  const { mvn } = await ensureJavaAndMaven();
  await run(mvn, [
    '-B',
    '-q',
    `${mavenDependencyPlugin}:copy`,
    `-Dartifact=${artifact}`,
    `-DoutputDirectory=${outputDir}`,
  ]);
}
