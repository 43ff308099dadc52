import assert from 'node:assert/strict';
import { describe, it, mock, type TestContext } from 'node:test';
import { fullGarbageCollection, IdleCollection } from '../../server/src/idle-collection';

const MB = 1024 * 1024;

/** Mocked timers and a collector over a fake heap of 100 MB that each collection brings down to 20 MB. */
function fakeHeap(t: TestContext): { heap: { used: number }; collect: ReturnType<typeof mock.fn>; idle: IdleCollection } {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const heap = { used: 100 * MB };
  const collect = mock.fn(() => {
    heap.used = 20 * MB;
  });
  return { heap, collect, idle: new IdleCollection(collect, { heapUsed: () => heap.used }) };
}

describe('idle collection', () => {
  it('collects one second after the last work and again 6.5 seconds later', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let heap = 100 * MB;
    const collections: number[] = [];
    let clock = 0;
    const idle = new IdleCollection(
      () => {
        collections.push(clock);
        heap = 20 * MB;
      },
      { heapUsed: () => heap },
    );
    idle.workDone();
    clock = 999;
    t.mock.timers.tick(999);
    assert.deepEqual(collections, []);
    clock = 1000;
    t.mock.timers.tick(1);
    assert.deepEqual(collections, [1000]);
    clock = 7499;
    t.mock.timers.tick(6499);
    assert.deepEqual(collections, [1000]);
    clock = 7500;
    t.mock.timers.tick(1);
    assert.deepEqual(collections, [1000, 7500]);
    t.mock.timers.tick(60_000);
    assert.deepEqual(collections, [1000, 7500]);
  });

  it('waits again when work comes before the server is idle', (t) => {
    const { collect, idle } = fakeHeap(t);
    idle.workDone();
    t.mock.timers.tick(800);
    idle.workDone();
    t.mock.timers.tick(800);
    assert.equal(collect.mock.callCount(), 0);
    t.mock.timers.tick(200);
    assert.equal(collect.mock.callCount(), 1);
  });

  it('work between the two collections cancels the second and starts over', (t) => {
    const { heap, collect, idle } = fakeHeap(t);
    idle.workDone();
    t.mock.timers.tick(1000);
    assert.equal(collect.mock.callCount(), 1);
    heap.used = 40 * MB;
    idle.workDone();
    t.mock.timers.tick(7000);
    assert.equal(collect.mock.callCount(), 2, 'only the new first collection');
    t.mock.timers.tick(5000);
    assert.equal(collect.mock.callCount(), 3);
  });

  it('skips the collection when the work left less than the worthwhile amount behind', (t) => {
    const { heap, collect, idle } = fakeHeap(t);
    idle.workDone();
    t.mock.timers.tick(10_000);
    assert.equal(collect.mock.callCount(), 2);
    heap.used = 27 * MB;
    idle.workDone();
    t.mock.timers.tick(10_000);
    assert.equal(collect.mock.callCount(), 2, '7 MB of garbage is not worth a pause');
    heap.used = 29 * MB;
    idle.workDone();
    t.mock.timers.tick(10_000);
    assert.equal(collect.mock.callCount(), 4);
  });

  it("reaches V8's collector, which frees unreachable objects", async () => {
    const collect = fullGarbageCollection();
    assert.ok(collect, 'gc is reachable without a command-line flag');
    const reference = new WeakRef(Array.from({ length: 200_000 }, (_, i) => ({ i })));
    // A WeakRef keeps its target alive until the end of the job that created it.
    await new Promise((resolve) => setImmediate(resolve));
    collect();
    assert.equal(reference.deref(), undefined);
  });
});
