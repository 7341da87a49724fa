import { apps, postgresClusters } from '../topology';
import { AppComponent } from './app';
import type { Component } from './component';
import { JaegerComponent } from './jaeger';
import { KafkaComponent } from './kafka';
import { KafkaConnectComponent } from './kafka-connect';
import { PostgresComponent } from './postgres';
import { RedisComponent } from './redis';
import { TemporalComponent } from './temporal';

/** The whole system: infrastructure first, then the apps. */
export function system(): Component[] {
  return [...infrastructure(), ...apps.map((app) => new AppComponent(app))];
}

/** Every infrastructure component, in the order they are installed and listed. */
export function infrastructure(): Component[] {
  return [
    ...postgresClusters.map((cluster) => new PostgresComponent(cluster)),
    new RedisComponent(),
    new KafkaComponent(),
    new KafkaConnectComponent(),
    new TemporalComponent(),
    new JaegerComponent(),
  ];
}

export type { Component } from './component';
