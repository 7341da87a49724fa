/** Activities that do nothing; the last one reports when its saga finished. */
export function createNoopSagaActivities(onFinished: (id: string, at: number) => void) {
  const nothing = async (_id: string): Promise<void> => undefined;
  return {
    reserve: nothing,
    authorize: nothing,
    ship: nothing,
    capture: nothing,
    async confirm(id: string): Promise<void> {
      onFinished(id, Date.now());
    },
  };
}

export type NoopSagaActivities = ReturnType<typeof createNoopSagaActivities>;
