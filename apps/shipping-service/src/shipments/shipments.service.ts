import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  businessErrors,
  type ReservedLine,
  type ShipmentPlan,
  type ShippingAddress,
} from '@orchard/contracts';
import { appendToOutbox, businessFailure, ConflictError, NotFoundError } from '@orchard/platform';
import { planParcels, shippableCountries } from './domain/parcel-plan';
import { ShipmentsRepository, type ShipmentRecord } from './shipments.repository';

const aggregateType = 'shipment';

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
      const status = await this.shipments.lock(tx, orderId);
      if (status === undefined || status === 'CANCELLED') return;
      if (status !== 'CREATED')
        throw new ConflictError(`shipment for order ${orderId} is already ${status.toLowerCase()}`);
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

  async get(orderId: string): Promise<ShipmentRecord> {
    const shipment = await this.shipments.find(orderId);
    if (!shipment) throw new NotFoundError(`no shipment for order ${orderId}`);
    return shipment;
  }
}
