import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { textDocument } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';

const long = generateBlueprint({ lines: 2_000, seed: 3 });

/** Counts the turns of the event loop other work gets until `work` settles. */
async function turnsDuring<T>(work: Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let settled = false;
  const tick = (): void => {
    if (settled) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await work;
  settled = true;
  return { result, turns };
}

test('a first analysis in slices leaves turns of the event loop to other work, and gives the model get gives', async () => {
  const document = textDocument(long, 'file:///work/long.md');
  const { result, turns } = await turnsDuring(new BlueprintStore().getInSlices(document, 0));
  assert.ok(turns > 50, `other work ran ${turns} times`);
  assert.deepEqual(result?.model, new BlueprintStore().get(textDocument(long, 'file:///work/long.md'))?.model);
});

test('later versions re-parse only what changed, without slices', async () => {
  const store = new BlueprintStore();
  const document = textDocument(long, 'file:///work/long.md');
  await store.getInSlices(document, 0);
  TextDocument.update(document, [{ range: { start: { line: 40, character: 0 }, end: { line: 40, character: 0 } }, text: 'x' }], 2);
  const { result, turns } = await turnsDuring(store.getInSlices(document, 0));
  assert.equal(turns, 0);
  assert.equal(result?.document.version, 2);
  assert.deepEqual(result?.model, new BlueprintStore().get(textDocument(document.getText(), 'file:///work/other.md'))?.model);
});

test('a version that arrives between slices is the one analysed', async () => {
  const store = new BlueprintStore();
  const document = textDocument(long, 'file:///work/long.md');
  const analysing = store.getInSlices(document, 0);
  await new Promise((resolve) => setImmediate(resolve));
  TextDocument.update(
    document,
    [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '<!-- draft -->\n' }],
    2,
  );
  const result = await analysing;
  assert.equal(result?.document.version, 2);
  assert.deepEqual(result?.model, new BlueprintStore().get(textDocument(document.getText(), 'file:///work/other.md'))?.model);
  assert.equal(store.get(document), result, 'cached for version 2');
});

test('a document closed between slices analyses to undefined', async () => {
  const store = new BlueprintStore();
  const document = textDocument(long, 'file:///work/long.md');
  const analysing = store.getInSlices(document, 0);
  await new Promise((resolve) => setImmediate(resolve));
  store.forget(document.uri);
  assert.equal(await analysing, undefined);
});
