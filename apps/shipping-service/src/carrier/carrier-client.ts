import { randomUUID } from 'node:crypto';
import { carrierHandoverPath, type ParcelHandover } from '@orchard/contracts';
import { signMessage } from '@orchard/platform/webhooks';

export class CarrierUnavailable extends Error {}

/** The carrier's API, as its shipper calls it: each request signed with the shared secret. */
export class CarrierClient {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
    private readonly timeoutMs = 5_000,
  ) {}

  /** Hands parcels over; the carrier takes a parcel it already carries as a no-op. */
  async handOver(parcelIds: readonly string[]): Promise<void> {
    const handover: ParcelHandover = { parcels: parcelIds.map((parcelId) => ({ parcelId })) };
    const body = JSON.stringify(handover);
    let response;
    try {
      response = await fetch(new URL(carrierHandoverPath, this.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signMessage(`msg_${randomUUID()}`, new Date(), body, [this.secret]),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new CarrierUnavailable(`the carrier is unreachable: ${String(error)}`);
    }
    const answer = await response.text();
    if (!response.ok)
      throw new CarrierUnavailable(
        `the carrier answered ${response.status}: ${answer.slice(0, 300)}`,
      );
  }
}
