/** Panes are one minute long: a tumbling minute is one pane, a sliding window several. */
export const paneMs = 60_000;

/**
 * How far behind the newest event of its partition an event may be and still count. Within a
 * partition events arrive in the order they were committed, so they are out of order only by
 * what separates a service's clock reading from its commit: two minutes is ample.
 */
export const latenessBoundMs = 2 * 60_000;

/** The start of the minute `time` falls in. */
export const paneOf = (time: Date): Date => new Date(Math.floor(time.getTime() / paneMs) * paneMs);

/** Whether an event is too late for its windows, given the newest event time its partition has seen. */
export const isTooLate = (eventTime: Date, newestSeen: Date | null): boolean =>
  newestSeen !== null && eventTime.getTime() < newestSeen.getTime() - latenessBoundMs;

/** The panes a sliding window of `panes` minutes ending with the pane of `at` spans. */
export function slidingWindow(at: Date, panes: number): { start: Date; end: Date } {
  const end = new Date(paneOf(at).getTime() + paneMs);
  return { start: new Date(end.getTime() - panes * paneMs), end };
}
