import { ProfileSession, type Profile } from '@orchard/stack';

/**
 * Runs a benchmark's measurement with `profile` up: started for it if it was not (and stopped
 * after), used as it is if it was. A failure is printed and ends the process with status 1.
 */
export function runBenchmark(profile: Profile, measure: () => Promise<void>): void {
  const run = async () => {
    const session = await ProfileSession.open(profile);
    try {
      await measure();
    } finally {
      await session.close();
    }
  };
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
