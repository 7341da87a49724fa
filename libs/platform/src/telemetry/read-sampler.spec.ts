import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace';
import { commandsAndSomeReads, readRatioFrom } from './read-sampler';

// Random, as trace ids are: the ratio sampler reads every bit of them.
const traceIds = Array.from({ length: 400 }, () => randomBytes(16).toString('hex'));

function keptShare(sampler: ReturnType<typeof commandsAndSomeReads>, method: string): number {
  const kept = traceIds.filter(
    (traceId) =>
      sampler.shouldSample(
        ROOT_CONTEXT,
        traceId,
        method,
        SpanKind.SERVER,
        {
          'http.request.method': method,
        },
        [],
      ).decision === SamplingDecision.RECORD_AND_SAMPLED,
  );
  return kept.length / traceIds.length;
}

describe('the sampler: every command, a share of reads', () => {
  it('keeps every trace a command starts, whatever the read ratio', () => {
    const sampler = commandsAndSomeReads(0);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'])
      assert.equal(keptShare(sampler, method), 1);
  });

  it('keeps no read at ratio 0, every read at 1, and about the ratio in between', () => {
    assert.equal(keptShare(commandsAndSomeReads(0), 'GET'), 0);
    assert.equal(keptShare(commandsAndSomeReads(1), 'HEAD'), 1);
    // 400 random ids at one half: the bounds are 8 standard deviations out.
    const share = keptShare(commandsAndSomeReads(0.5), 'GET');
    assert.ok(share > 0.3 && share < 0.7, `${share}`);
  });

  it('follows the parent: a read inside a kept trace is kept, one inside a dropped trace is not', () => {
    const sampler = commandsAndSomeReads(0);
    const under = (flags: TraceFlags) =>
      sampler.shouldSample(
        trace.setSpanContext(ROOT_CONTEXT, {
          traceId: 'a'.repeat(32),
          spanId: 'b'.repeat(16),
          traceFlags: flags,
          isRemote: true,
        }),
        'a'.repeat(32),
        'GET',
        SpanKind.SERVER,
        { 'http.request.method': 'GET' },
        [],
      ).decision;
    assert.equal(under(TraceFlags.SAMPLED), SamplingDecision.RECORD_AND_SAMPLED);
    assert.equal(under(TraceFlags.NONE), SamplingDecision.NOT_RECORD);
  });

  it('reads TRACE_READ_RATIO, and refuses a ratio outside 0 to 1', () => {
    assert.equal(readRatioFrom({}), 0.01);
    assert.equal(readRatioFrom({ TRACE_READ_RATIO: '0.25' }), 0.25);
    assert.throws(() => readRatioFrom({ TRACE_READ_RATIO: '2' }), /TRACE_READ_RATIO/);
    assert.throws(() => readRatioFrom({ TRACE_READ_RATIO: 'all' }), /TRACE_READ_RATIO/);
  });
});
