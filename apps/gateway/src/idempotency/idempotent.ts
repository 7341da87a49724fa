import { createHash } from 'node:crypto';
import { BadRequestException, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { problem } from '@orchard/platform/http';
import {
  fingerprintOf,
  type IdempotencyStore,
  type Lease,
  type StoredResponse,
} from './idempotency.store';

const validKey = /^[\x21-\x7e]{1,255}$/;
const logger = new Logger('Idempotency');

/**
 * Serves a command at most once per Idempotency-Key (when one is given): runs `execute` under
 * a lease it renews meanwhile, stores its response, and replays that response for retries of
 * the same request. Should this process die mid-request, the lease lapses within seconds and
 * a retry runs `execute` again: it must be idempotent downstream (the order and deposit ids
 * derive from the key), so the retry answers what the first run did.
 */
export async function idempotent(
  store: IdempotencyStore,
  request: { key: string | undefined; scope: string; method: string; path: string; body: unknown },
  reply: FastifyReply,
  execute: () => Promise<StoredResponse>,
): Promise<void> {
  if (request.key === undefined) return send(reply, await execute());
  if (!validKey.test(request.key)) {
    throw new BadRequestException(
      problem(
        400,
        'invalid-idempotency-key',
        'Idempotency-Key must be 1 to 255 visible ASCII characters.',
      ),
    );
  }
  const fingerprint = fingerprintOf(request.method, request.path, request.body);
  const claim = await store.claim(request.scope, request.key, fingerprint);
  if (claim.kind === 'replay') {
    void reply.header('idempotent-replayed', 'true');
    return send(reply, claim.response);
  }
  send(reply, await runUnderLease(store, claim.lease, execute));
}

/** How a lease is named in logs: its key hashed, since a key is a credential of sorts. */
const named = (lease: Lease) =>
  `key #${createHash('sha256').update(lease.key).digest('base64url').slice(0, 12)}`;

async function runUnderLease(
  store: IdempotencyStore,
  lease: Lease,
  execute: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const renewal = setInterval(() => {
    store
      .renew(lease)
      .then((held) => held || logger.warn(`lost the lease on ${named(lease)} while serving it`))
      .catch(() => logger.warn(`could not renew the lease on ${named(lease)}`));
  }, store.leaseMs / 3);
  let response: StoredResponse;
  try {
    response = await execute();
  } catch (error) {
    // A client error is an answer and is kept; a failure is forgotten so a retry can succeed.
    // Should Redis fail meanwhile, the command's own error is still the answer.
    const settled =
      error instanceof HttpException && error.getStatus() < 500
        ? store.complete(lease, { status: error.getStatus(), body: error.getResponse() })
        : store.release(lease);
    await settled.catch(() => logger.warn(`could not settle ${named(lease)} after a failure`));
    throw error;
  } finally {
    clearInterval(renewal);
  }
  // The command has run: its answer is sent even if Redis fails to store it now, rather than a
  // 503 that invites a retry of what is already done. A retry then meets the claim until its
  // lease lapses, and then runs the (idempotent) command again.
  await store
    .complete(lease, response)
    .catch(() => logger.warn(`could not store the answer for ${named(lease)}`));
  return response;
}

/** Sends the response itself: the status comes from the service (or the stored replay). */
export function send(reply: FastifyReply, response: StoredResponse): void {
  void reply.status(response.status);
  if (response.location) void reply.header('location', response.location);
  if (response.status >= 400) void reply.header('content-type', 'application/problem+json');
  void reply.send(response.body);
}
