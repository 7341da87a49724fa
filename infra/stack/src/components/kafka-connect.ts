import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CacheEntry } from '../install/cache';
import { copyMavenArtifact } from '../install/maven-central';
import { infraDir } from '../paths';
import { run } from '../process/run';
import { resolveSecrets, stackSecrets } from '../secrets';
import { connectWorkerEnvironment, ports, urls, versions } from '../topology';
import type { Component } from './component';
import { jvmOptions, renderProperties } from './java';
import { installKafkaJars, kafkaClasspath } from './kafka';

/** Debezium's PostgreSQL connector plugin archive from Maven Central, unpacked for plugin.path. */
const debeziumPlugin = new CacheEntry(`debezium-postgres-${versions.debezium}`);
const postgresConnectorClass = 'io.debezium.connector.postgresql.PostgresConnector';

async function installDebeziumPlugin(): Promise<void> {
  await debeziumPlugin.ensure(`Debezium ${versions.debezium} PostgreSQL connector`, async (dir) => {
    await copyMavenArtifact(
      `io.debezium:debezium-connector-postgres:${versions.debezium}:tar.gz:plugin`,
      dir,
    );
    const archive = join(dir, `debezium-connector-postgres-${versions.debezium}-plugin.tar.gz`);
    mkdirSync(join(dir, 'plugins'));
    await run('tar', ['-xzf', archive, '-C', join(dir, 'plugins')]);
  });
}

export class KafkaConnectComponent implements Component {
  readonly name = 'kafka-connect';
  readonly ports = [{ port: ports.kafkaConnect, purpose: 'Kafka Connect REST API' }];
  readonly after: readonly string[];
  readonly endpoint = urls.kafkaConnect;
  // Connect scans its plugin path and creates its three internal topics before it answers.
  readonly startupTimeoutMs = 90_000;

  /** `cluster`: the scaled profile's brokers, with Connect's own topics replicated on them. */
  constructor(
    private readonly cluster?: { brokers: readonly string[]; settings: Record<string, string> },
  ) {
    this.after = cluster?.brokers ?? ['kafka'];
  }

  async install(): Promise<void> {
    await installKafkaJars();
    await installDebeziumPlugin();
  }

  async launch() {
    const config = renderProperties(
      join(infraDir, 'connect', 'worker.properties'),
      { ...this.cluster?.settings, 'plugin.path': join(debeziumPlugin.dir, 'plugins') },
      'connect-worker.properties',
    );
    return {
      command: 'java',
      args: [
        ...jvmOptions({ min: '256m', max: '768m' }),
        '-cp',
        kafkaClasspath(),
        'org.apache.kafka.connect.cli.ConnectDistributed',
        config,
      ],
      env: { ...process.env, ...resolveSecrets(connectWorkerEnvironment(), stackSecrets()) },
    };
  }

  async isHealthy(): Promise<boolean> {
    const response = await fetch(`${urls.kafkaConnect}/connector-plugins`, {
      signal: AbortSignal.timeout(2_000),
    });
    if (!response.ok) return false;
    const plugins = (await response.json()) as { class: string }[];
    return plugins.some((p) => p.class === postgresConnectorClass);
  }
}
