/** One undo step of a saga. */
export interface Compensation {
  name: string;
  run: () => Promise<void>;
}

/**
 * The undo steps of a saga, run newest first. Each is dropped once it has succeeded, so after a
 * failure the same call resumes with the step that failed. Pure: safe inside the sandbox.
 */
export class Compensations {
  private readonly steps: Compensation[] = [];

  push(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Swaps one undo step for another in place, e.g. a void for a refund once money is captured. */
  replace(name: string, newName: string, run: () => Promise<void>): void {
    const index = this.steps.findIndex((s) => s.name === name);
    if (index < 0) throw new Error(`no compensation named '${name}'`);
    this.steps[index] = { name: newName, run };
  }

  /** Drops a step that no longer needs undoing, e.g. one the saga has already undone itself. */
  remove(name: string): void {
    const index = this.steps.findIndex((s) => s.name === name);
    if (index < 0) throw new Error(`no compensation named '${name}'`);
    this.steps.splice(index, 1);
  }

  get names(): string[] {
    return this.steps.map((s) => s.name);
  }

  /**
   * Runs the steps newest first. `attempt` runs each one (it may retry, report or wait); a step
   * that throws stays, with every older one, for the next call.
   */
  async runNewestFirst(
    attempt: (step: Compensation) => Promise<void> = (step) => step.run(),
  ): Promise<void> {
    for (let step = this.steps.at(-1); step; step = this.steps.at(-1)) {
      await attempt(step);
      this.steps.pop();
    }
  }
}
