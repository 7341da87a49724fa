/** The undo steps of a saga, run newest first. Pure: safe inside the workflow sandbox. */
export class Compensations {
  private readonly steps: { name: string; run: () => Promise<void> }[] = [];

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

  async runNewestFirst(): Promise<void> {
    for (const step of [...this.steps].reverse()) await step.run();
    this.steps.length = 0;
  }
}
