import { z } from 'zod';

/**
 * A request for one page of a list: at most `limit` items after `cursor`, the opaque
 * `nextCursor` of the page before (none for the first page).
 */
export const PageRequest = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,512}$/, 'the nextCursor of a previous page')
      .optional(),
  })
  .strict();
export type PageRequest = z.infer<typeof PageRequest>;

/** One page of a list, in a stable order; `nextCursor` is null on the last page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
