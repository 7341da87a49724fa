import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messagesHeld, partitionLag } from './consumer-lag';

describe('consumer lag', () => {
  it('counts from the committed offset to the end of the log', () => {
    assert.equal(partitionLag({ committed: 7n, low: 0n, high: 10n }), 3n);
    assert.equal(partitionLag({ committed: 10n, low: 0n, high: 10n }), 0n);
  });

  it('counts what is kept when the group has committed nothing', () => {
    assert.equal(partitionLag({ committed: -1n, low: 4n, high: 10n }), 6n);
  });

  it('is never negative when a log was truncated past the committed offset', () => {
    assert.equal(partitionLag({ committed: 12n, low: 0n, high: 10n }), 0n);
  });

  it('counts the messages a topic holds over its partitions', () => {
    assert.equal(
      messagesHeld([
        { low: 0n, high: 3n },
        { low: 5n, high: 5n },
        { low: 2n, high: 4n },
      ]),
      5n,
    );
  });
});
