/** The rejection rate is measured over a sliding window of five one-minute panes. */
export const rejectionWindowPanes = 5;

/**
 * An alert is raised when at least half the orders decided in the window were rejected, once
 * there are enough of them for a share to mean something.
 */
export const rejectionRateThreshold = 0.5;
export const minimumDecisions = 10;

export interface DecisionCounts {
  decisions: number;
  rejections: number;
}

export const rateOf = ({ decisions, rejections }: DecisionCounts): number =>
  decisions === 0 ? 0 : rejections / decisions;

/**
 * Raise when the window crosses the threshold with no alert open, clear the open one when it
 * falls back below: one alert per episode, not one per decision while it lasts.
 */
export function alertTransition(
  alertOpen: boolean,
  window: DecisionCounts,
): 'raise' | 'clear' | 'none' {
  const above = window.decisions >= minimumDecisions && rateOf(window) >= rejectionRateThreshold;
  if (above && !alertOpen) return 'raise';
  if (!above && alertOpen) return 'clear';
  return 'none';
}
