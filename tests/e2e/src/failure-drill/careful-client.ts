import { gatewayUrl } from '@orchard/stack';

/** One HTTP request a client sent, and whether it saw an error. */
export interface Attempt {
  /** When its answer (or the error) came: a fault is blamed for what ended while it lasted. */
  endedAt: number;
  /** The status, or the network error's code when no answer came. */
  outcome: string;
  failed: boolean;
}

/** Every request the drill's clients sent, to count the errors each fault caused. */
export class RequestLog {
  readonly attempts: Attempt[] = [];

  record(outcome: string, failed: boolean): void {
    this.attempts.push({ endedAt: Date.now(), outcome, failed });
  }

  /** Requests that ended in [from, to): how many, how many saw an error, and which errors. */
  between(from: number, to: number): { requests: number; errors: number; outcomes: string[] } {
    const inWindow = this.attempts.filter((a) => a.endedAt >= from && a.endedAt < to);
    const errors = inWindow.filter((a) => a.failed);
    return {
      requests: inWindow.length,
      errors: errors.length,
      outcomes: [...new Set(errors.map((a) => a.outcome))].sort(),
    };
  }
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Worth sending again: no answer, the server's fault (5xx), too many requests, or the same
 * Idempotency-Key still being processed (409). Any other answer is the final one.
 */
const worthRetrying = (answer: Answer): boolean =>
  answer.status >= 500 ||
  answer.status === 429 ||
  (answer.status === 409 &&
    !!(answer.body as { type?: string } | undefined)?.type?.endsWith('request-in-progress'));

const requestTimeoutMs = 10_000;

/**
 * A client that behaves as a careful one does: a request that failed is sent again, unchanged
 * (so with the same Idempotency-Key), with backoff and jitter, until it gets a final answer or
 * `deadlineMs` has passed. Every attempt goes into `log`.
 */
export class CarefulClient {
  constructor(
    private readonly log: RequestLog,
    private readonly deadlineMs = 180_000,
  ) {}

  async send(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Answer> {
    const giveUpAt = Date.now() + this.deadlineMs;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once(method, path, headers, body);
      if (answer && !worthRetrying(answer)) return answer;
      if (Date.now() > giveUpAt)
        throw new Error(`${method} ${path}: no final answer in ${this.deadlineMs} ms`);
      const backoffMs = Math.min(2_000, 100 * 2 ** attempt);
      await new Promise((r) => setTimeout(r, backoffMs * (0.8 + 0.4 * Math.random())));
    }
  }

  private async once(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: unknown,
  ): Promise<Answer | undefined> {
    try {
      const response = await fetch(`${gatewayUrl}${path}`, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      const answer = {
        status: response.status,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
      this.log.record(String(answer.status), worthRetrying(answer));
      return answer;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause;
      this.log.record(cause?.code ?? (error as Error).name, true);
      return undefined;
    }
  }
}
