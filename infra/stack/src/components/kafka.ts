import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { CacheEntry } from '../install/cache';
import { ensureJavaAndMaven } from '../install/toolchains';
import { infraDir, statePaths } from '../paths';
import { run } from '../process/run';
import { ports, urls, versions } from '../topology';
import type { Component } from './component';
import { jvmOptions, renderProperties } from './java';

/** Kafka's jars (broker, Connect, tools), resolved from Maven Central by infra/kafka/pom.xml. */
export const kafkaJars = new CacheEntry(`kafka-${versions.kafka}`);
export const kafkaClasspath = () => `${join(kafkaJars.dir, 'libs')}/*`;

export async function installKafkaJars(): Promise<void> {
  const { mvn } = await ensureJavaAndMaven();
  await kafkaJars.ensure(`Kafka ${versions.kafka} jars from Maven Central`, async (dir) => {
    await run(mvn, [
      '-B',
      '-q',
      '-f',
      join(infraDir, 'kafka', 'pom.xml'),
      `-Dkafka.version=${versions.kafka}`,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      `-DoutputDirectory=${join(dir, 'libs')}`,
      '-DincludeScope=runtime',
    ]);
  });
}

export class KafkaComponent implements Component {
  readonly name = 'kafka';
  readonly ports = [
    { port: ports.kafkaBroker, purpose: 'Kafka broker' },
    { port: ports.kafkaController, purpose: 'Kafka KRaft controller' },
  ];
  readonly endpoint = urls.kafkaBrokers;
  readonly startupTimeoutMs = 60_000;
  private readonly dataDir = statePaths.data('kafka');

  install = installKafkaJars;

  private config(): string {
    return renderProperties(
      join(infraDir, 'kafka', 'server.properties'),
      { 'log.dirs': this.dataDir },
      'kafka-server.properties',
    );
  }

  async prepare(): Promise<void> {
    if (existsSync(join(this.dataDir, 'meta.properties'))) return;
    mkdirSync(this.dataDir, { recursive: true });
    const clusterId = newClusterId();
    await run('java', [
      ...jvmOptions({ min: '64m', max: '256m' }),
      '-cp',
      kafkaClasspath(),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      this.config(),
      '--standalone',
      '-g',
    ]);
  }

  async launch() {
    return {
      command: 'java',
      args: [
        ...jvmOptions({ min: '256m', max: '768m' }),
        '-cp',
        kafkaClasspath(),
        'kafka.Kafka',
        this.config(),
      ],
    };
  }

  async isHealthy(): Promise<boolean> {
    const admin = new Kafka({
      brokers: [urls.kafkaBrokers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0 && cluster.controller !== null;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/**
 * A KRaft cluster id: a UUID in URL-safe base64 without padding. Like Kafka's own, never one
 * that starts with '-' (one in 64 would), which the format tool would take for an option.
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
