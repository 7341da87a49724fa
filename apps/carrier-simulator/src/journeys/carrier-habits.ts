import type { PlannedUpdate } from './planned-journey';

/** One sending of an update: the update as planned, sent `sendAfterMs` from the handover. */
export interface Sending {
  update: PlannedUpdate;
  sendAfterMs: number;
}

export interface Habits {
  /** The share of updates sent twice. */
  duplicateRate: number;
  /** The share of updates (all but the last) held back and sent after the next one. */
  reorderRate: number;
}

/**
 * How a real carrier's updates arrive: mostly as planned, but some held back until after the
 * next one (out of order) and some sent twice (a retry whose first answer was lost). The
 * updates themselves keep their sequence and time of occurrence; only their sending moves.
 */
export function withCarrierHabits(
  journey: readonly PlannedUpdate[],
  habits: Habits,
  random: () => number = Math.random,
): Sending[] {
  const sendTimes = journey.map((u) => u.afterMs);
  for (let i = 0; i < journey.length - 1; i++) {
    if (random() < habits.reorderRate) {
      const held = sendTimes[i] ?? 0;
      sendTimes[i] = sendTimes[i + 1] ?? held;
      sendTimes[i + 1] = held;
      i++; // the swapped pair stays swapped
    }
  }
  const sendings = journey.map((update, i) => ({ update, sendAfterMs: sendTimes[i] ?? 0 }));
  const duplicates = sendings
    .filter(() => random() < habits.duplicateRate)
    .map((s) => ({ update: s.update, sendAfterMs: s.sendAfterMs + 1 }));
  return [...sendings, ...duplicates].sort((a, b) => a.sendAfterMs - b.sendAfterMs);
}
