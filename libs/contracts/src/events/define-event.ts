import type { z } from 'zod';
import type { AggregateType } from './topics';

/**
 * The contract of one event type at one version: the aggregate it belongs to (hence its topic)
 * and the schema of its data. A change consumers could not read is a new version, never an
 * edit of a published one.
 */
export interface EventContract<
  T extends string = string,
  V extends number = number,
  A extends AggregateType = AggregateType,
  D extends z.ZodType = z.ZodType,
> {
  type: T;
  version: V;
  aggregateType: A;
  data: D;
}

/** Keeps the literal type, version and aggregate type, so the event unions can discriminate. */
export const defineEvent = <
  const T extends string,
  const V extends number,
  const A extends AggregateType,
  D extends z.ZodType,
>(
  contract: EventContract<T, V, A, D>,
): EventContract<T, V, A, D> => contract;

/** The envelope of an event as it travels: what a consumer receives once it is validated. */
export type EventOf<C> =
  C extends EventContract<infer T, infer V, infer A, infer D>
    ? {
        id: string;
        occurredAt: string;
        type: T;
        version: V;
        aggregateType: A;
        aggregateId: string;
        data: z.infer<D>;
      }
    : never;
