import {
  kafkaNodes,
  profileFrom,
  readModelReplica,
  replicatedConnectSettings,
  scaledApps,
  type Profile,
} from '../scaled-topology';
import { apps, carrierSimulator, postgresClusters } from '../topology';
import { AppComponent } from './app';
import type { Component } from './component';
import { HaproxyComponent } from './haproxy';
import { JaegerComponent } from './jaeger';
import { KafkaComponent } from './kafka';
import { KafkaConnectComponent } from './kafka-connect';
import { PostgresComponent } from './postgres';
import { PostgresReplicaComponent } from './postgres-replica';
import { RedisComponent } from './redis';
import { TemporalComponent } from './temporal';

/**
 * The whole system: infrastructure first, then the apps; in the scaled profile, HAProxy and
 * every app's instances (see scaled-topology.ts); and the carrier the shop hands parcels to.
 */
export function system(profile: Profile = profileFrom()): Component[] {
  if (profile === 'scaled')
    return [
      ...infrastructure('scaled'),
      new HaproxyComponent(),
      ...scaledApps().map((app) => new AppComponent(app)),
      new AppComponent(carrierSimulator),
    ];
  return [
    ...infrastructure(),
    ...apps.map((app) => new AppComponent(app)),
    new AppComponent(carrierSimulator),
  ];
}

/** Every component either profile runs: what `down` stops, whichever profile is up. */
export function everyComponent(): Component[] {
  const scaled = system('scaled');
  const names = new Set(scaled.map((c) => c.name));
  return [...scaled, ...system('single').filter((c) => !names.has(c.name))];
}

/** What both profiles run alike: the databases, Redis, Temporal and Jaeger. */
const sharedByProfiles = () => [
  ...postgresClusters.map((cluster) => new PostgresComponent(cluster)),
  new RedisComponent(),
  new TemporalComponent(),
  new JaegerComponent(),
];

/** The components `profile` runs that the other runs differently or not at all. */
export function ownComponents(profile: Profile): string[] {
  const shared = new Set(sharedByProfiles().map((c) => c.name));
  return system(profile)
    .map((c) => c.name)
    .filter((name) => !shared.has(name));
}

/**
 * Every infrastructure component, in the order they are installed and listed; the scaled
 * profile adds the read models' streaming replica, and its Kafka is a cluster of three nodes,
 * Connect's topics replicated on it.
 */
export function infrastructure(profile: Profile = 'single'): Component[] {
  const kafka =
    profile === 'scaled'
      ? kafkaNodes.map((node) => new KafkaComponent(node))
      : [new KafkaComponent()];
  const connect =
    profile === 'scaled'
      ? new KafkaConnectComponent({
          brokers: kafkaNodes.map((n) => n.name),
          settings: replicatedConnectSettings,
        })
      : new KafkaConnectComponent();
  const replicas =
    profile === 'scaled'
      ? [new PostgresReplicaComponent(readModelReplica.owner, readModelReplica.port)]
      : [];
  return [
    ...postgresClusters.map((cluster) => new PostgresComponent(cluster)),
    ...replicas,
    new RedisComponent(),
    ...kafka,
    connect,
    new TemporalComponent(),
    new JaegerComponent(),
  ];
}

export type { Component } from './component';
