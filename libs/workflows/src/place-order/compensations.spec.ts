import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Compensations } from './compensations';

describe('Compensations', () => {
  it('runs undo steps newest first, once', async () => {
    const ran: string[] = [];
    const compensations = new Compensations();
    for (const name of ['release', 'void', 'cancel'])
      compensations.push(name, async () => void ran.push(name));
    await compensations.runNewestFirst();
    await compensations.runNewestFirst();
    assert.deepEqual(ran, ['cancel', 'void', 'release']);
  });

  it('replaces a step in place, keeping its position', async () => {
    const ran: string[] = [];
    const compensations = new Compensations();
    compensations.push('release', async () => void ran.push('release'));
    compensations.push('void', async () => void ran.push('void'));
    compensations.push('cancel', async () => void ran.push('cancel'));
    compensations.replace('void', 'refund', async () => void ran.push('refund'));
    await compensations.runNewestFirst();
    assert.deepEqual(ran, ['cancel', 'refund', 'release']);
    assert.throws(
      () => compensations.replace('missing', 'x', async () => undefined),
      /no compensation named 'missing'/,
    );
  });

  it('finds the oldest step too, by its name', () => {
    const compensations = new Compensations();
    for (const name of ['release', 'void', 'cancel'])
      compensations.push(name, async () => undefined);
    compensations.replace('release', 'restock', async () => undefined);
    assert.deepEqual(compensations.names, ['restock', 'void', 'cancel']);
    compensations.remove('restock');
    assert.deepEqual(compensations.names, ['void', 'cancel']);
  });

  it('removes a step already undone, keeping the others in order', async () => {
    const ran: string[] = [];
    const compensations = new Compensations();
    for (const name of ['release', 'refund', 'cancel'])
      compensations.push(name, async () => void ran.push(name));
    compensations.remove('cancel');
    assert.deepEqual(compensations.names, ['release', 'refund']);
    await compensations.runNewestFirst();
    assert.deepEqual(ran, ['refund', 'release']);
    assert.throws(() => compensations.remove('cancel'), /no compensation named 'cancel'/);
  });

  it('resumes with the step that failed, the newer ones not run again', async () => {
    const ran: string[] = [];
    let releaseFails = true;
    const compensations = new Compensations();
    compensations.push('release', async () => {
      if (releaseFails) throw new Error('inventory is down');
      ran.push('release');
    });
    compensations.push('void', async () => void ran.push('void'));
    await assert.rejects(compensations.runNewestFirst(), /inventory is down/);
    assert.deepEqual(compensations.names, ['release']);
    releaseFails = false;
    await compensations.runNewestFirst(async (step) => {
      ran.push(`attempt ${step.name}`);
      await step.run();
    });
    assert.deepEqual(ran, ['void', 'attempt release', 'release']);
    assert.deepEqual(compensations.names, []);
  });
});
