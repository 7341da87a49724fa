import type { IHeaders } from 'kafkajs';

/**
 * Kafka header values as text (they arrive as bytes); a repeated header keeps its last value.
 * A header without a value is left out: Debezium's outbox router sends `traceparent` as null
 * when the write had no active span (kafkajs's typings omit null, the wire does not).
 */
export function headersAsText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string' || last instanceof Uint8Array)
      text[name] = Buffer.from(last).toString();
  }
  return text;
}
