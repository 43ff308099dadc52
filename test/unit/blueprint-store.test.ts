import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../../server/src/documents/analysed-document';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { textDocument } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';

const long = generateBlueprint({ lines: 2_000, seed: 3 });

/** A store whose first analyses pause for a turn of the event loop after every chunk, as the language server's do after every 20 ms. */
function slicedStore(): BlueprintStore {
  return new BlueprintStore(undefined, { slicing: { sliceMs: 0, pause: () => new Promise((resolve) => setImmediate(resolve)) } });
}

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
  const { result, turns } = await turnsDuring(slicedStore().getInSlices(document));
  assert.ok(turns > 50, `other work ran ${turns} times`);
  assert.deepEqual(result?.model, new BlueprintStore().get(textDocument(long, 'file:///work/long.md'))?.model);
});

test('later versions re-parse only what changed, without slices', async () => {
  const store = slicedStore();
  const document = textDocument(long, 'file:///work/long.md');
  await store.getInSlices(document);
  TextDocument.update(document, [{ range: { start: { line: 40, character: 0 }, end: { line: 40, character: 0 } }, text: 'x' }], 2);
  const { result, turns } = await turnsDuring(store.getInSlices(document));
  assert.equal(turns, 0);
  assert.equal(result?.document.version, 2);
  assert.deepEqual(result?.model, new BlueprintStore().get(textDocument(document.getText(), 'file:///work/other.md'))?.model);
});

test('a version that arrives between slices is the one analysed', async () => {
  const store = slicedStore();
  const document = textDocument(long, 'file:///work/long.md');
  const analysing = store.getInSlices(document);
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
  const store = slicedStore();
  const document = textDocument(long, 'file:///work/long.md');
  const analysing = store.getInSlices(document);
  await new Promise((resolve) => setImmediate(resolve));
  store.forget(document.uri);
  assert.equal(await analysing, undefined);
});

test('values derived from a version are worked out once and kept with it; the next version starts afresh', () => {
  const store = new BlueprintStore();
  const document = textDocument(long, 'file:///work/long.md');
  let derivations = 0;
  const placeholderCount = (analysed: AnalysedBlueprint) => {
    derivations++;
    return analysed.model.placeholders.length;
  };
  const first = store.get(document)!;
  assert.equal(first.derived(placeholderCount), first.model.placeholders.length);
  assert.equal(store.get(document), first, 'the same entry for the same version');
  assert.equal(first.derived(placeholderCount), first.model.placeholders.length);
  assert.equal(derivations, 1);
  // The outline is such a value: one array per version and per content, whoever asks.
  assert.equal(documentSymbols(first), documentSymbols(store.get(document)!));
  assert.notEqual(documentSymbols(first, 'structures'), documentSymbols(first));
  TextDocument.update(document, [{ range: { start: { line: 40, character: 0 }, end: { line: 40, character: 0 } }, text: '[New] ' }], 2);
  const next = store.get(document)!;
  assert.notEqual(next, first);
  assert.equal(next.derived(placeholderCount), first.model.placeholders.length + 1);
  assert.equal(derivations, 2);
  assert.notEqual(documentSymbols(next), documentSymbols(first));
});
