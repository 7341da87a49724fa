import type { Logger } from 'pino';
import type { CarrierStatusUpdate } from '@orchard/contracts';
import { signMessage } from '@orchard/platform/webhooks';
import { abortableDelay } from './abortable-delay';

/** A status the shop answers when it may take the same update later: tried again. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

export interface SenderOptions {
  webhookUrl: string;
  secret: string;
  logger: Logger;
  /** Between attempts: doubles from `firstRetryMs` up to `maxRetryMs`, with jitter. */
  firstRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * Sends one status update to the shop, signed, until the shop takes it (2xx) or refuses it
 * for good (a 4xx other than 408 and 429, logged): at least once, as carriers do. Each update
 * has one message id however often it is sent, so the shop can tell a duplicate.
 */
export class UpdateSender {
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;

  constructor(private readonly options: SenderOptions) {
    this.firstRetryMs = options.firstRetryMs ?? 250;
    this.maxRetryMs = options.maxRetryMs ?? 5_000;
  }

  async send(update: CarrierStatusUpdate, signal: AbortSignal): Promise<void> {
    const id = `msg_${update.parcelId}_${update.sequence}`;
    const body = JSON.stringify(update);
    for (let attempt = 0; !signal.aborted; attempt++) {
      const outcome = await this.attempt(id, body, signal);
      if (outcome === 'taken') return;
      if (outcome === 'refused') return;
      const ceiling = Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** attempt);
      await abortableDelay(ceiling / 2 + Math.random() * (ceiling / 2), signal);
    }
  }

  private async attempt(
    id: string,
    body: string,
    signal: AbortSignal,
  ): Promise<'taken' | 'refused' | 'retry'> {
    try {
      const response = await fetch(this.options.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signMessage(id, new Date(), body, [this.options.secret]),
        },
        body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]),
      });
      const answer = await response.text();
      if (response.ok) return 'taken';
      if (retryable(response.status)) return 'retry';
      this.options.logger.error(
        { messageId: id, status: response.status, answer: answer.slice(0, 500) },
        'the shop refused a status update for good',
      );
      return 'refused';
    } catch (error) {
      if (!signal.aborted)
        this.options.logger.warn(
          { messageId: id, err: String(error) },
          'shop unreachable, retrying',
        );
      return 'retry';
    }
  }
}
