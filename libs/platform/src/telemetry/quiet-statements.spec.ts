import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { AlwaysOnSampler, SamplingDecision } from '@opentelemetry/sdk-trace';
import { WithoutTransactionControl } from './quiet-statements';

const decide = (spanName: string) =>
  new WithoutTransactionControl(new AlwaysOnSampler()).shouldSample(
    ROOT_CONTEXT,
    '0af7651916cd43dd8448eb211c80319c',
    spanName,
    SpanKind.CLIENT,
    {},
    [],
  ).decision;

describe('WithoutTransactionControl', () => {
  it('records no span of a statement that only opens or closes a transaction', () => {
    for (const name of ['pg.query:BEGIN orders', 'pg.query:COMMIT orders', 'pg.query:ROLLBACK x'])
      assert.equal(decide(name), SamplingDecision.NOT_RECORD, name);
  });

  it('leaves every other span to the sampler it wraps', () => {
    for (const name of ['pg.query:INSERT orders', 'pg.query:SELECT orders', 'POST /orders'])
      assert.equal(decide(name), SamplingDecision.RECORD_AND_SAMPLED, name);
  });
});
