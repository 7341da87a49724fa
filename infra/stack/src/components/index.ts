import { apps, postgresClusters } from '../topology';
import { AppComponent } from './app';
import type { Component } from './component';
import { JaegerComponent } from './jaeger';
import { KafkaComponent } from './kafka';
import { KafkaConnectComponent } from './kafka-connect';
import { PostgresComponent } from './postgres';
import { RedisComponent } from './redis';
import { TemporalComponent } from './temporal';

/** The databases each app owns; every other need is shared infrastructure. */
const appNeeds: Record<string, string[]> = {
  'order-service': ['postgres-order'],
  'payment-service': ['postgres-payment'],
  'inventory-service': ['postgres-inventory', 'redis'],
  'shipping-service': ['postgres-shipping'],
  'read-model-service': ['postgres-readmodel', 'kafka'],
  gateway: [
    'postgres-identity',
    'redis',
    'order-service',
    'payment-service',
    'inventory-service',
    'shipping-service',
    'read-model-service',
  ],
};

/** The whole system: infrastructure first, then the apps. */
export function system(): Component[] {
  return [
    ...infrastructure(),
    ...apps.map((app) => new AppComponent(app, appNeeds[app.name] ?? [])),
  ];
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
