import { Injectable } from '@nestjs/common';
import type { OrderStatus } from '@orchard/contracts';
import { type Transaction } from '@orchard/platform/database';
import { NotFoundError } from '@orchard/platform/http';
import {
  fulfilmentMoves,
  laterParcelStatus,
  shipmentOutOfStep,
  type ParcelStatus,
} from '../domain/fulfilment';
import { OrderTransitions } from '../order-transitions';
import { OrdersRepository } from '../orders.repository';
import { SagaSignals } from '../saga/saga-signals';
import { FulfilmentRepository } from './fulfilment.repository';

/** What news of the order's parcels did to it. */
export interface FulfilmentOutcome {
  /** The order's status before. */
  from: OrderStatus;
  /** The moves made, in order: SHIPPED, DELIVERED, both or none. */
  moves: OrderStatus[];
  /** The parcels have left, but the order is in no state to follow (e.g. cancelled meanwhile). */
  outOfStep: boolean;
}

/** The order's reactions to its parcels' news (choreography, not the saga). */
@Injectable()
export class FulfilmentReactions {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly fulfilment: FulfilmentRepository,
    private readonly transitions: OrderTransitions,
    private readonly signals: SagaSignals,
  ) {}

  /**
   * News of the order's parcels from the shipping service, in the caller's transaction (the
   * event consumer's): records each parcel's progress, moves the order CONFIRMED → SHIPPED
   * when the first parcel has left and SHIPPED → DELIVERED once all have arrived, and owes the
   * saga its `orderShipped` signal, sent once this commits. Old or repeated news changes nothing.
   */
  async followShipment(
    tx: Transaction,
    orderId: string,
    news: readonly { parcelId: string; status: ParcelStatus }[],
  ): Promise<FulfilmentOutcome> {
    const from = await this.orders.lockStatus(tx, orderId);
    if (from === undefined) throw new NotFoundError(`order ${orderId} does not exist`);
    const parcels = await this.fulfilment.parcels(tx, orderId);
    for (const { parcelId, status } of news)
      parcels.set(parcelId, laterParcelStatus(parcels.get(parcelId) ?? status, status));
    await this.fulfilment.saveParcels(tx, orderId, parcels);

    const statuses = [...parcels.values()];
    const moves = fulfilmentMoves(from, statuses);
    let current = from;
    for (const to of moves) {
      await this.transitions.move(tx, orderId, current, to, null);
      current = to;
    }
    if (moves.includes('SHIPPED')) await this.signals.owe(tx, { orderId, signal: 'orderShipped' });
    return { from, moves, outOfStep: shipmentOutOfStep(from, statuses) };
  }
}
