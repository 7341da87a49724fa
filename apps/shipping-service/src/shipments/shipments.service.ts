import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import {
  businessErrors,
  compensationRefusals,
  type ReservedLine,
  type ShipmentPlan,
  type ShippingAddress,
} from '@orchard/contracts';
import { type Transaction } from '@orchard/platform/database';
import { NotFoundError } from '@orchard/platform/http';
import { appendToOutbox } from '@orchard/platform/outbox';
import { businessFailure } from '@orchard/platform/temporal';
import { planParcels, shippableCountries } from './domain/parcel-plan';
import {
  ShipmentsRepository,
  type DeliveredParcel,
  type ShipmentRecord,
} from './shipments.repository';

const aggregateType = 'shipment';

/** What dispatching an order's shipment did. */
export type DispatchOutcome =
  | { outcome: 'dispatched'; parcels: number }
  | { outcome: 'already-dispatched' | 'cancelled' | 'no-shipment' };

/** Shipments per order. Every operation is idempotent by order id: Temporal may retry it. */
@Injectable()
export class ShipmentsService {
  constructor(private readonly shipments: ShipmentsRepository) {}

  async create(
    orderId: string,
    lines: ReservedLine[],
    address: ShippingAddress,
  ): Promise<ShipmentPlan> {
    if (!shippableCountries.has(address.country)) {
      throw businessFailure(
        businessErrors.unshippable,
        `the carrier does not deliver to ${address.country}`,
      );
    }
    const parcels = planParcels(lines).map((p) => ({ ...p, id: randomUUID() }));
    const shipmentId = randomUUID();
    await this.shipments.database.transaction(async (tx) => {
      const inserted = await this.shipments.insert(
        tx,
        { orderId, shipmentId, country: address.country },
        parcels,
      );
      if (!inserted) return;
      await appendToOutbox(tx, {
        type: 'shipment.created',
        version: 1,
        aggregateType,
        aggregateId: orderId,
        data: {
          orderId,
          shipmentId,
          parcels: parcels.map(({ id, warehouse, items }) => ({ parcelId: id, warehouse, items })),
        },
      });
    });
    const stored = await this.get(orderId);
    return {
      shipmentId: stored.shipmentId,
      parcels: stored.parcels.map(({ warehouse, items }) => ({ warehouse, items })),
    };
  }

  async cancel(orderId: string): Promise<void> {
    await this.shipments.database.transaction(async (tx) => {
      const status = (await this.shipments.lock(tx, orderId))?.status;
      if (status === undefined || status === 'CANCELLED') return;
      if (status !== 'CREATED') {
        // The parcels left before the cancellation got here: retrying cannot call them back.
        throw ApplicationFailure.create({
          type: compensationRefusals.shipmentDispatched,
          message: `shipment for order ${orderId} is already ${status.toLowerCase()}`,
          nonRetryable: true,
        });
      }
      await this.shipments.setStatus(tx, orderId, 'CANCELLED');
      await appendToOutbox(tx, {
        type: 'shipment.cancelled',
        version: 1,
        aggregateType,
        aggregateId: orderId,
        data: { orderId },
      });
    });
  }

  /**
   * The order was confirmed: its parcels leave with the carrier, one `shipment.dispatched` each,
   * in the caller's transaction. A cancelled shipment stays where it is; doing it again does
   * nothing.
   */
  async dispatch(tx: Transaction, orderId: string): Promise<DispatchOutcome> {
    const shipment = await this.shipments.lock(tx, orderId);
    if (shipment === undefined) return { outcome: 'no-shipment' };
    if (shipment.status === 'CANCELLED') return { outcome: 'cancelled' };
    const { shipmentId } = shipment;
    const parcels = await this.shipments.dispatch(tx, orderId);
    if (parcels.length === 0) return { outcome: 'already-dispatched' };
    for (const parcel of parcels) {
      await appendToOutbox(tx, {
        type: 'shipment.dispatched',
        version: 1,
        aggregateType,
        aggregateId: orderId,
        data: {
          orderId,
          shipmentId,
          parcelId: parcel.id,
          warehouse: parcel.warehouse,
          items: parcel.items,
        },
      });
    }
    return { outcome: 'dispatched', parcels: parcels.length };
  }

  /**
   * The carrier delivered a parcel still on its way: it arrives, with its `shipment.delivered`,
   * in the caller's transaction; a shipment whose every parcel arrived is delivered.
   */
  async deliverParcel(tx: Transaction, parcel: DeliveredParcel, at: Date): Promise<void> {
    await this.shipments.deliverParcel(tx, parcel.parcelId, at);
    await appendToOutbox(tx, {
      type: 'shipment.delivered',
      version: 1,
      aggregateType,
      aggregateId: parcel.orderId,
      data: { orderId: parcel.orderId, shipmentId: parcel.shipmentId, parcelId: parcel.parcelId },
    });
    await this.shipments.completeDelivered(tx, [parcel.orderId]);
  }

  async get(orderId: string): Promise<ShipmentRecord> {
    const shipment = await this.shipments.find(orderId);
    if (!shipment) throw new NotFoundError(`no shipment for order ${orderId}`);
    return shipment;
  }
}
