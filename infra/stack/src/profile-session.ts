import { ownComponents, system } from './components';
import { untilEveryInstanceInRotation } from './components/haproxy';
import { registerConnectors } from './connect/connectors';
import { untilEventsCaughtUp } from './connect/events-caught-up';
import { progress } from './progress';
import { runningProfile } from './running-profile';
import type { Profile } from './scaled-topology';
import { Stack } from './stack';

/**
 * One profile up for a while (a test stage, a benchmark): what is not running is started; if
 * the other profile is up, its own processes make way (both use the same ports). `close` stops
 * what was started and starts again what made way.
 */
export class ProfileSession {
  private constructor(
    readonly profile: Profile,
    readonly stack: Stack,
    private readonly started: string[],
    private readonly yielded: { profile: Profile; names: string[] } | undefined,
  ) {}

  static async open(profile: Profile): Promise<ProfileSession> {
    const stack = new Stack(system(profile));
    await stack.install();
    const other = runningProfile();
    const yielded =
      other && other !== profile ? { profile: other, names: ownComponents(other) } : undefined;
    if (yielded) {
      progress.step(`the ${other} profile makes way for the ${profile} one`);
      await new Stack(system(yielded.profile)).down(yielded.names);
    }
    // Remembered as they start: only those are stopped again, also when starting fails halfway.
    const started: string[] = [];
    const session = new ProfileSession(profile, stack, started, yielded);
    try {
      await stack.up(started);
      if (profile === 'scaled') await untilEveryInstanceInRotation();
      // Idempotent, so also when the stack was already running.
      await registerConnectors();
      await untilEventsCaughtUp();
    } catch (error) {
      await session.close();
      throw error;
    }
    return session;
  }

  async close(): Promise<void> {
    if (this.started.length > 0) await this.stack.down(this.started);
    if (this.yielded) await new Stack(system(this.yielded.profile)).select(this.yielded.names).up();
  }
}
