/**
 * The pages a reader went forward through, as the cursors that opened them: the last one opens
 * the page shown, none is the first page. Going back forgets the last; going forward follows
 * the page's `nextCursor`, which the last page has none of.
 */
export type PageTrail = readonly string[];

export const firstPage: PageTrail = [];

export const shownCursor = (trail: PageTrail): string | undefined => trail.at(-1);

export const hasPrevious = (trail: PageTrail): boolean => trail.length > 0;

export const previous = (trail: PageTrail): PageTrail => trail.slice(0, -1);

export const next = (trail: PageTrail, nextCursor: string | null | undefined): PageTrail =>
  nextCursor ? [...trail, nextCursor] : trail;
