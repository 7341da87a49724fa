import type { Manifest } from './helm-chart';

/**
 * The operators' resource types, with the schemas their registry packages publish
 * (@kubernetes-models: generated from CloudNativePG's API types and Strimzi's CRDs). The
 * packages are ECMAScript modules only: loaded with import().
 */
async function modelsOf(): Promise<Record<string, new (data: never) => { validate(): void }>> {
  const [cnpg, strimzi] = await Promise.all([
    import('@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1'),
    import('@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1'),
  ]);
  return {
    'postgresql.cnpg.io/v1/Cluster': cnpg.Cluster,
    'postgresql.cnpg.io/v1/ScheduledBackup': cnpg.ScheduledBackup,
    'kafka.strimzi.io/v1/Kafka': strimzi.Kafka,
    'kafka.strimzi.io/v1/KafkaNodePool': strimzi.KafkaNodePool,
    'kafka.strimzi.io/v1/KafkaConnect': strimzi.KafkaConnect,
    'kafka.strimzi.io/v1/KafkaConnector': strimzi.KafkaConnector,
  };
}

/** Whether a manifest is an operator's resource rather than one of Kubernetes' own. */
export const isCustomResource = (manifest: Manifest): boolean =>
  /\.(cnpg\.io|strimzi\.io)\//.test(manifest.apiVersion);

/** Validates operators' resources against their schemas; rejects naming each one at fault. */
export async function validateCustomResources(manifests: readonly Manifest[]): Promise<void> {
  const models = await modelsOf();
  const problems: string[] = [];
  for (const manifest of manifests.filter(isCustomResource)) {
    const model = models[`${manifest.apiVersion}/${manifest.kind}`];
    if (!model) {
      problems.push(`${manifest.apiVersion} ${manifest.kind}: no schema known`);
      continue;
    }
    try {
      new model(manifest as never).validate();
    } catch (error) {
      problems.push(`${manifest.kind} ${manifest.metadata.name}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
