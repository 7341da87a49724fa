import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { CacheEntry } from '../install/cache';
import { mavenDependencyPlugin } from '../install/maven-central';
import { ensureJavaAndMaven } from '../install/toolchains';
import { infraDir, statePaths } from '../paths';
import { run } from '../process/run';
import { kafkaNodes, replicatedKafkaSettings, type KafkaNode } from '../scaled-topology';
import { host, ports, versions } from '../topology';
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
      `${mavenDependencyPlugin}:copy-dependencies`,
      `-DoutputDirectory=${join(dir, 'libs')}`,
      '-DincludeScope=runtime',
    ]);
  });
}

/**
 * Kafka in KRaft mode. Alone (the small profile): one node, broker and controller. As `node` of
 * the scaled profile's cluster: one of three such nodes, sharing a cluster id, with replicated
 * topics; healthy once every broker of the cluster has registered.
 */
export class KafkaComponent implements Component {
  readonly name: string;
  readonly ports;
  readonly endpoint: string;
  readonly startupTimeoutMs = 60_000;
  private readonly dataDir: string;
  private readonly brokerUrl: string;

  constructor(private readonly node?: KafkaNode) {
    this.name = node?.name ?? 'kafka';
    const broker = node?.brokerPort ?? ports.kafkaBroker;
    const controller = node?.controllerPort ?? ports.kafkaController;
    this.ports = [
      { port: broker, purpose: 'Kafka broker' },
      { port: controller, purpose: 'Kafka KRaft controller' },
    ];
    this.brokerUrl = `${host}:${broker}`;
    this.endpoint = this.brokerUrl;
    // The cluster's data apart from the single node's: the two are different clusters.
    this.dataDir = node ? statePaths.data(`kafka-cluster/${node.id}`) : statePaths.data('kafka');
  }

  install = installKafkaJars;

  private config(): string {
    const node = this.node;
    const clusterSettings = node
      ? {
          ...replicatedKafkaSettings,
          'node.id': String(node.id),
          listeners: `PLAINTEXT://${host}:${node.brokerPort},CONTROLLER://${host}:${node.controllerPort}`,
          'advertised.listeners': `PLAINTEXT://${host}:${node.brokerPort},CONTROLLER://${host}:${node.controllerPort}`,
        }
      : {};
    return renderProperties(
      join(infraDir, 'kafka', 'server.properties'),
      { ...clusterSettings, 'log.dirs': this.dataDir },
      `${this.name}-server.properties`,
    );
  }

  async prepare(): Promise<void> {
    if (existsSync(join(this.dataDir, 'meta.properties'))) return;
    mkdirSync(this.dataDir, { recursive: true });
    const quorum = this.node ? [] : ['--standalone'];
    await run('java', [
      ...jvmOptions({ min: '64m', max: '256m' }),
      '-cp',
      kafkaClasspath(),
      'kafka.tools.StorageTool',
      'format',
      '-t',
      this.node ? sharedClusterId() : newClusterId(),
      '-c',
      this.config(),
      ...quorum,
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
      brokers: [this.brokerUrl],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      const expected = this.node ? kafkaNodes.length : 1;
      return cluster.brokers.length >= expected && cluster.controller !== null;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

/** The scaled cluster's id, made by whichever node is formatted first and read by the others. */
function sharedClusterId(): string {
  const file = statePaths.data('kafka-cluster/cluster-id');
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, newClusterId(), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
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
