import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstPage, hasPrevious, next, previous, shownCursor } from './page-trail.ts';

describe('the page trail of a pager', () => {
  it('goes forward by each next cursor and back the same way to the first page', () => {
    let trail = firstPage;
    assert.equal(shownCursor(trail), undefined, 'the first page needs no cursor');
    assert.equal(hasPrevious(trail), false);
    trail = next(trail, 'c2');
    trail = next(trail, 'c3');
    assert.equal(shownCursor(trail), 'c3');
    assert.equal(hasPrevious(trail), true);
    trail = previous(trail);
    assert.equal(shownCursor(trail), 'c2');
    trail = previous(trail);
    assert.deepEqual(trail, firstPage);
    assert.equal(hasPrevious(trail), false);
  });

  it('stays on the last page, which has no next cursor', () => {
    const trail = next(firstPage, 'c2');
    assert.equal(next(trail, null), trail);
    assert.equal(next(trail, undefined), trail);
    assert.equal(next(trail, ''), trail);
  });

  it('never changes a trail it was given (React state)', () => {
    const trail = Object.freeze(['c2', 'c3']);
    assert.deepEqual(next(trail, 'c4'), ['c2', 'c3', 'c4']);
    assert.deepEqual(previous(trail), ['c2']);
    assert.deepEqual(trail, ['c2', 'c3']);
  });
});
