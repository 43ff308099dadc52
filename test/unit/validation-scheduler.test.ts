import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ValidationScheduler } from '../../server/src/language-server/validation-scheduler';

/** A scheduler whose turns the test gives one by one, and the checks it ran. */
function scheduler(): { scheduler: ValidationScheduler; checked: string[]; turn: () => Promise<void> } {
  const waiting: Array<() => void> = [];
  const checked: string[] = [];
  const s = new ValidationScheduler(
    () => new Promise<void>((resolve) => waiting.push(resolve)),
    (uri) => {
      checked.push(uri);
      return Promise.resolve();
    },
  );
  const turn = async () => {
    for (const wake of waiting.splice(0)) wake();
    // Let the woken checks run to their next wait.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { scheduler: s, checked, turn };
}

test('a document is checked after two turns of the event loop, not before', async () => {
  const { scheduler: s, checked, turn } = scheduler();
  s.schedule('file:///a.md');
  await turn();
  assert.deepEqual(checked, []);
  await turn();
  assert.deepEqual(checked, ['file:///a.md']);
  await turn();
  assert.deepEqual(checked, ['file:///a.md'], 'once');
});

test('a burst of changes is checked once, after its last change; other documents each once', async () => {
  const { scheduler: s, checked, turn } = scheduler();
  s.schedule('file:///a.md');
  await turn();
  s.schedule('file:///a.md');
  s.schedule('file:///b.md');
  s.schedule('file:///a.md');
  await turn();
  assert.deepEqual(checked, [], 'the change restarted the wait');
  await turn();
  await turn();
  assert.deepEqual(checked.sort(), ['file:///a.md', 'file:///b.md']);
});

test('a cancelled document (closed) and a disposed scheduler check nothing', async () => {
  const { scheduler: s, checked, turn } = scheduler();
  s.schedule('file:///a.md');
  s.schedule('file:///b.md');
  s.cancel('file:///a.md');
  await turn();
  await turn();
  assert.deepEqual(checked, ['file:///b.md']);
  s.schedule('file:///c.md');
  s.dispose();
  s.schedule('file:///d.md');
  await turn();
  await turn();
  assert.deepEqual(checked, ['file:///b.md']);
});
