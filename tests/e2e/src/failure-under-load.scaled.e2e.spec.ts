import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertDrillInvariants } from './failure-drill/drill-invariants';
import { faultTable, runFailureDrill, workTable } from './failure-drill/drill';

/** HAProxy checks every second and takes an instance out after two failed checks. */
const healthCheckBoundMs = 2 * 1_000 + 1_000;

describe('the scaled profile under failure, with orders flowing', () => {
  it(
    'keeps every invariant while each part and each engine fails in turn',
    { timeout: 30 * 60_000 },
    async () => {
      const result = await runFailureDrill(
        {
          ordersPerSecond: 2,
          readsPerSecond: 4,
          steadyMs: 20_000,
          deadMs: 5_000,
          settleMs: 5_000,
          kafkaOutageMs: 60_000,
        },
        (line) => console.log(line),
      );
      console.log(`work per instance over the steady flow:\n${workTable(result.work)}`);
      console.log(`errors clients saw, per fault:\n${faultTable(result.rows)}`);

      // Consumer groups and task queues spread the work: every instance of a working app got some.
      const idle = result.work.filter((w) => w.app !== 'gateway' && w.events + w.activities === 0);
      assert.deepEqual(
        idle.map((w) => w.instance),
        [],
        'every service instance did work',
      );

      const gateway = result.rows.find((r) => r.outOfRotationMs !== undefined);
      assert.ok(gateway?.outOfRotationMs !== undefined, 'a gateway was killed');
      assert.ok(
        gateway.outOfRotationMs <= healthCheckBoundMs,
        `HAProxy took the dead gateway out in ${gateway.outOfRotationMs} ms`,
      );

      await assertDrillInvariants(result.shop, result.orders);
    },
  );
});
