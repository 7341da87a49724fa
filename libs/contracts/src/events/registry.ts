import { alertEventContracts } from './alert-events';
import type { EventContract, EventOf } from './define-event';
import { inventoryEventContracts } from './inventory-events';
import { orderEventContracts } from './order-events';
import { paymentEventContracts } from './payment-events';
import { shipmentEventContracts } from './shipment-events';
import type { AggregateType } from './topics';
import { walletEventContracts } from './wallet-events';

/** Every event contract, every version: what producers may write and consumers can read. */
export const eventContracts = [
  ...orderEventContracts,
  ...paymentEventContracts,
  ...walletEventContracts,
  ...inventoryEventContracts,
  ...shipmentEventContracts,
  ...alertEventContracts,
] as const;

/** Any valid event, discriminated by `type` (and `version` once a type has two). */
export type OrchardEvent = EventOf<(typeof eventContracts)[number]>;
export type EventType = OrchardEvent['type'];
export type EventOfType<T extends EventType> = Extract<OrchardEvent, { type: T }>;
/** The events a consumer of one aggregate type's topic can receive. */
export type EventOfAggregate<A extends AggregateType> = Extract<OrchardEvent, { aggregateType: A }>;

export type OrderEvent = EventOfAggregate<'order'>;
export type PaymentEvent = EventOfAggregate<'payment'>;
export type WalletEvent = EventOfAggregate<'wallet'>;
export type InventoryEvent = EventOfAggregate<'inventory'>;
export type ShipmentEvent = EventOfAggregate<'shipment'>;

function indexContracts(
  contracts: readonly EventContract[],
): ReadonlyMap<string, ReadonlyMap<number, EventContract>> {
  const byType = new Map<string, Map<number, EventContract>>();
  for (const contract of contracts) {
    const versions = byType.get(contract.type) ?? new Map<number, EventContract>();
    // Two schemas for one type and version would make a published event mean two things.
    if (versions.has(contract.version))
      throw new Error(`${contract.type} v${contract.version} is defined twice`);
    byType.set(contract.type, versions.set(contract.version, contract));
  }
  return byType;
}

/** The contracts by type, then by version. */
export const eventRegistry = indexContracts(eventContracts);

export function findEventContract(type: string, version: number): EventContract | undefined {
  return eventRegistry.get(type)?.get(version);
}
