import type { z } from 'zod';
import { EventEnvelope } from './envelope';
import { eventRegistry, type OrchardEvent } from './registry';

/** Why a message is not an event this code can process; dead-letter headers carry it. */
export const eventRejections = [
  'not-json',
  'bad-envelope',
  'unknown-type',
  'unknown-version',
  'data-invalid',
] as const;
export type EventRejection = (typeof eventRejections)[number];

export type ParsedEvent =
  { ok: true; event: OrchardEvent } | { ok: false; reason: EventRejection; detail: string };

const reject = (reason: EventRejection, detail: string): ParsedEvent => ({
  ok: false,
  reason,
  detail,
});

/**
 * Validates an event as a consumer receives it: JSON text (string or bytes, as in a Kafka
 * value) or an already parsed value. The envelope first, then the contract of its type and
 * version for the data. Never throws: a bad message is an answer, not an accident.
 */
export function parseEvent(value: unknown): ParsedEvent {
  const json = decodeJson(value);
  if (!json.ok) return reject('not-json', json.detail);
  const envelope = EventEnvelope.safeParse(json.value);
  if (!envelope.success) return reject('bad-envelope', describeIssues(envelope.error));

  const { type, version, aggregateType } = envelope.data;
  const versions = eventRegistry.get(type);
  if (!versions) return reject('unknown-type', `no contract for event type ${type}`);
  const contract = versions.get(version);
  if (!contract) {
    const known = [...versions.keys()].join(', ');
    return reject('unknown-version', `${type} has no version ${version} (known: ${known})`);
  }
  if (contract.aggregateType !== aggregateType) {
    return reject(
      'bad-envelope',
      `${type} belongs to aggregate type ${contract.aggregateType}, not ${aggregateType}`,
    );
  }
  const data = contract.data.safeParse(envelope.data.data);
  if (!data.success)
    return reject('data-invalid', `${type} v${version}: ${describeIssues(data.error)}`);
  return { ok: true, event: { ...envelope.data, data: data.data } as OrchardEvent };
}

function decodeJson(value: unknown): { ok: true; value: unknown } | { ok: false; detail: string } {
  if (value === null || value === undefined) return { ok: false, detail: 'no value' };
  if (typeof value !== 'string' && !(value instanceof Uint8Array)) return { ok: true, value };
  try {
    const text =
      typeof value === 'string' ? value : new TextDecoder('utf-8', { fatal: true }).decode(value);
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
