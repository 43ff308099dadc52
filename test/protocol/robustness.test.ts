import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { fixture, templateText, messageOf } from '../support/documents';
import { generateBlueprint } from '../support/generate-blueprint';
import { LspClient } from '../support/lsp-client';

const filled = fixture('order-ledger.md');
const FILLED_URI = 'file:///work/robust/order-ledger.md';
let client: LspClient;

before(async () => {
  client = await LspClient.start();
  await client.open(FILLED_URI, filled);
});
after(async () => {
  await client.stop();
});

/** Rejects when the server takes longer than a generous limit: a hang, not a slow answer, fails the test. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The server is alive and answers from the model of an open blueprint. */
async function assertStillAnswers(on: LspClient = client, uri = FILLED_URI): Promise<void> {
  assert.equal(on.process.exitCode, null, `the server exited: ${on.stderr}`);
  const symbols = await within(
    on.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
    20_000,
    'documentSymbol',
  );
  assert.equal(symbols[0]?.name, 'Data Blueprint: Order Ledger');
}

async function errorOf(promise: Promise<unknown>): Promise<ResponseError<unknown> | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `not a response error: ${String(error)}`);
    return error;
  }
}

/** One request of each kind the server offers, about `uri` at `position`. */
function everyRequest(uri: string, position: { line: number; character: number }): Array<[string, unknown]> {
  const textDocument = { uri };
  const range = { start: position, end: position };
  return [
    ['textDocument/documentSymbol', { textDocument }],
    ['textDocument/hover', { textDocument, position }],
    ['textDocument/completion', { textDocument, position }],
    ['textDocument/codeAction', { textDocument, range, context: { diagnostics: [] } }],
    ['textDocument/codeLens', { textDocument }],
    ['textDocument/definition', { textDocument, position }],
    ['textDocument/references', { textDocument, position, context: { includeDeclaration: true } }],
    ['textDocument/documentHighlight', { textDocument, position }],
    ['textDocument/prepareRename', { textDocument, position }],
    ['textDocument/rename', { textDocument, position, newName: 'Renamed' }],
    ['textDocument/semanticTokens/full', { textDocument }],
    ['blueprint/documentStatus', { uri }],
    ['blueprint/templateSnippet', { kind: uri }],
  ];
}

test('requests about a document that was never opened get empty answers, not errors', async () => {
  for (const [method, params] of everyRequest('file:///work/robust/never-opened.md', { line: 0, character: 0 })) {
    const answer = await client.request<unknown>(method, params);
    assert.ok(
      answer === null || (Array.isArray(answer) && answer.length === 0) || (answer as { data?: unknown[] }).data?.length === 0,
      `${method} answered ${JSON.stringify(answer)}`,
    );
  }
  await assertStillAnswers();
});

test('positions past the end of a line and of the document are answered, every request kind', async () => {
  for (const position of [
    { line: 1_000_000, character: 0 },
    { line: 0, character: 1_000_000 },
    { line: 2_147_483_647, character: 2_147_483_647 },
  ]) {
    for (const [method, params] of everyRequest(FILLED_URI, position)) {
      const error = await errorOf(client.request(method, params));
      // Rename may refuse a position that names nothing, with an error saying so; nothing else fails.
      if (error) assert.match(method, /rename/i, `${method} at ${JSON.stringify(position)} failed: ${error.message}`);
    }
  }
  await assertStillAnswers();
});

test('an unknown request gets MethodNotFound; unknown notifications are ignored', async () => {
  const error = await errorOf(client.request('blueprint/noSuchRequest', { uri: FILLED_URI }));
  assert.equal(error?.code, -32601);
  await client.notify('blueprint/noSuchNotification', { anything: [1, 2, 3] });
  await client.notify('$/noSuchProtocolNotification', null);
  await assertStillAnswers();
});

test('malformed params get an answer (empty or an error), never a crash', async () => {
  const malformed: unknown[] = [
    null,
    {},
    [],
    42,
    'text',
    { textDocument: null },
    { textDocument: { uri: 42 } },
    { textDocument: { uri: FILLED_URI } },
    { textDocument: { uri: FILLED_URI }, position: 'here' },
    { textDocument: { uri: FILLED_URI }, position: { line: -1, character: -5 } },
    { textDocument: { uri: FILLED_URI }, position: { line: 'one', character: null } },
    { textDocument: { uri: FILLED_URI }, range: null, context: null },
    { textDocument: { uri: FILLED_URI }, context: { diagnostics: 'none' } },
    {
      textDocument: { uri: FILLED_URI },
      context: { diagnostics: [{ range: null, code: 'placeholder', source: 'blueprint', message: 'x' }] },
    },
    {
      textDocument: { uri: FILLED_URI },
      context: {
        diagnostics: [
          {
            range: { start: { line: 1e9, character: -1 }, end: {} },
            code: 'missing-section',
            source: 'blueprint',
            message: 'x',
            data: 'junk',
          },
        ],
      },
    },
  ];
  const methods = [...everyRequest(FILLED_URI, { line: 0, character: 0 }).map(([method]) => method), 'blueprint/newBlueprint'];
  for (const method of methods) {
    for (const params of malformed) await errorOf(client.request(method, params));
  }
  // Notifications with broken params: for documents never opened, without text, with ranges out of bounds.
  await client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///work/robust/broken.md' } });
  await client.notify('textDocument/didOpen', null);
  await client.notify('textDocument/didChange', {
    textDocument: { uri: 'file:///work/robust/not-open.md', version: 2 },
    contentChanges: [{ text: 'x' }],
  });
  await client.notify('textDocument/didChange', { textDocument: { uri: FILLED_URI, version: 2 }, contentChanges: null });
  await client.notify('textDocument/didClose', { textDocument: { uri: 'file:///work/robust/not-open.md' } });
  await client.notify('workspace/didChangeConfiguration', { settings: 'nonsense' });
  await client.notify('workspace/didChangeConfiguration', null);
  await assertStillAnswers();
});

test('an edit with a range past the end of the document is applied as clamped and the document is still analysed', async () => {
  const uri = 'file:///work/robust/clamped.md';
  await client.open(uri, filled);
  await client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: { line: 50_000, character: 3 }, end: { line: 60_000, character: 0 } }, text: '\n[Trailing placeholder]\n' },
    ],
  });
  const diagnostics = await client.diagnosticsFor(uri, 2);
  assert.ok(
    diagnostics.some((d) => messageOf(d).includes('[Trailing placeholder]')),
    JSON.stringify(diagnostics),
  );
  await assertStillAnswers();
});

test('$/cancelRequest is honoured: a request cancelled while the server works on a large blueprint answers RequestCancelled', async () => {
  const uri = 'file:///work/robust/large.md';
  // Opening and asking in one burst: the outline waits for the first analysis of 10,000 lines.
  void client.open(uri, generateBlueprint({ lines: 10_000, seed: 3 }));
  const cancellation = new CancellationTokenSource();
  const symbols = client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }, cancellation.token);
  cancellation.cancel();
  const error = await errorOf(within(symbols, 30_000, 'cancelled documentSymbol'));
  assert.equal(error?.code, -32800, `expected RequestCancelled, got ${error ? `${error.code} ${error.message}` : 'an answer'}`);
  const outline = await within(
    client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
    30_000,
    'documentSymbol',
  );
  assert.ok(outline.length > 0);
  await client.notify('textDocument/didClose', { textDocument: { uri } });
  await assertStillAnswers();
});

test('while a long blueprint is read for the first time, requests about other documents are answered', async () => {
  // Unsaved: with no file, its settings need no rc file read, so the server starts analysing as soon as
  // it has the answer to the settings request it sends just before its first analysis; the request
  // below, sent after that answer, is read while the analysis is under way.
  const uri = 'untitled:long-first-read.md';
  const analysing = new Promise<void>((resolve) => {
    client.onConfiguration = (scopes) => {
      if (scopes.includes(uri)) resolve();
    };
  });
  // 20,000 lines (550 KB): its first analysis takes the better part of a second.
  await client.open(uri, generateBlueprint({ lines: 20_000, seed: 5 }));
  await analysing;
  client.onConfiguration = undefined;
  const order: string[] = [];
  const diagnostics = within(client.diagnosticsFor(uri, 1, 60_000), 60_000, 'diagnostics').then(() =>
    order.push('diagnostics of the long blueprint'),
  );
  const outline = within(
    client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: FILLED_URI } }),
    60_000,
    'documentSymbol',
  ).then((symbols) => order.push(`outline of ${symbols[0]?.name}`));
  await Promise.all([diagnostics, outline]);
  assert.deepEqual(order, ['outline of Data Blueprint: Order Ledger', 'diagnostics of the long blueprint']);
  await client.notify('textDocument/didClose', { textDocument: { uri } });
});

test('a storm of 1,000 didChange notifications: only the latest version is analysed, no stale version is ever published', async () => {
  const uri = 'file:///work/robust/storm.md';
  await client.open(uri, templateText);
  await client.diagnosticsFor(uri, 1);
  const firstPublication = client.publications.length;
  let text = templateText;
  const at = { line: 4, character: 0 };
  const writes: Array<Promise<void>> = [];
  for (let version = 2; version <= 1001; version++) {
    const typed = version % 10 === 0 ? '\n' : 'x';
    text =
      text.slice(0, text.split('\n').slice(0, 4).join('\n').length + 1) +
      typed +
      text.slice(text.split('\n').slice(0, 4).join('\n').length + 1);
    writes.push(
      client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: typed }],
      }),
    );
  }
  await Promise.all(writes);
  const final = await client.diagnosticsFor(uri, 1001, 60_000);
  const versions = client.publications
    .slice(firstPublication)
    .filter((p) => p.uri === uri)
    .map((p) => p.version!);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
    `published out of order: ${versions.join(', ')}`,
  );
  assert.equal(versions[versions.length - 1], 1001);
  // The notifications arrive in a few reads of the pipe; at most one analysis per read, not one per change.
  assert.ok(versions.length <= 20, `analysed and published ${versions.length} versions of 1,000: ${versions.join(', ')}`);
  // The incremental edits were all applied: the latest diagnostics are those of the final text opened afresh.
  const fresh = 'file:///work/robust/storm-fresh.md';
  await client.open(fresh, text);
  assert.deepEqual(final, await client.diagnosticsFor(fresh, 1));
  await assertStillAnswers();
});

test('hostile documents (200-deep nesting, 100,000 brackets, a 1 MB line) are analysed and the server keeps answering', async () => {
  const hostile = [
    templateText + '\n' + '> '.repeat(200) + 'deep\n' + Array.from({ length: 200 }, (_, i) => '  '.repeat(i) + '- level').join('\n') + '\n',
    templateText + '\n' + '['.repeat(50_000) + ']'.repeat(50_000) + '\n',
    templateText + '\n' + '[a]('.repeat(25_000) + '\n',
    templateText.replace('## Purpose', 'x'.repeat(1_000_000) + '\n\n## Purpose'),
  ];
  // The 1 MB line takes the document past the default blueprint.maxDocumentSize: analyse it anyway.
  client.settings = { maxDocumentSize: 5_000_000 };
  for (const [i, text] of hostile.entries()) {
    const uri = `file:///work/robust/hostile-${i}.md`;
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, 1, 60_000);
    assert.ok(
      diagnostics.some((d) => d.code === 'placeholder'),
      `hostile document ${i} was not analysed`,
    );
    await client.notify('textDocument/didClose', { textDocument: { uri } });
  }
  client.settings = {};
  await assertStillAnswers();
});

test(
  'a 50 MB blueprint gets one too-large diagnostic, typing in it stays answered, and memory stays bounded',
  { timeout: 180_000 },
  async () => {
    const large = await LspClient.start();
    try {
      await large.open(FILLED_URI, filled);
      const uri = 'file:///work/robust/huge.md';
      const huge =
        filled + '\n' + '- a line of a very long list, [with a placeholder] and **bold** text\n'.repeat(Math.ceil(50_000_000 / 68));
      await large.open(uri, huge);
      const diagnostics = await large.diagnosticsFor(uri, 1, 60_000);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['too-large'],
      );
      assert.match(messageOf(diagnostics[0]!), /blueprint\.maxDocumentSize/);
      for (const [method, params] of everyRequest(uri, { line: 40, character: 3 }))
        await within(large.request(method, params), 30_000, method);
      await large.notify('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'typed ' }],
      });
      assert.deepEqual(
        (await large.diagnosticsFor(uri, 2, 60_000)).map((d) => d.code),
        ['too-large'],
      );
      await assertStillAnswers(large);
      // The text is held once or twice (the document, the message just read), never copied per feature.
      assert.ok(peakMemoryMB(large) < 1024, `the server peaked at ${peakMemoryMB(large)} MB`);
      // Cut back below the limit, the same document is analysed again.
      await large.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: templateText }] });
      assert.ok((await large.diagnosticsFor(uri, 3, 60_000)).every((d) => d.code === 'placeholder'));
    } finally {
      await large.stop();
    }
  },
);

test('blueprint.maxDocumentSize applies as set, and raising it analyses the document', async () => {
  const small = await LspClient.start();
  try {
    small.settings = { maxDocumentSize: 1000 };
    const uri = 'file:///work/robust/limited.md';
    await small.open(uri, filled);
    const diagnostics = await small.diagnosticsFor(uri, 1);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'too-large');
    assert.deepEqual(await small.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    small.settings = { maxDocumentSize: 1_000_000 };
    await small.notify('workspace/didChangeConfiguration', { settings: { blueprint: small.settings } });
    await small.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: filled }] });
    assert.ok((await small.diagnosticsFor(uri, 2)).every((d) => d.code !== 'too-large'));
  } finally {
    await small.stop();
  }
});

/** Peak resident memory of the server process (Linux: VmHWM), in MB. */
function peakMemoryMB(on: LspClient): number {
  const status = readFileSync(`/proc/${on.process.pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

test('shutdown is answered and exit then ends the process with code 0; exit without shutdown with code 1', async () => {
  const polite = await LspClient.start();
  assert.equal(await polite.request('shutdown', null), null);
  const exited = new Promise<number | null>((resolve) => polite.process.once('exit', (code) => resolve(code)));
  await polite.notify('exit', null);
  assert.equal(await within(exited, 10_000, 'exit'), 0);
  polite.connection.dispose();

  const abrupt = await LspClient.start();
  const ended = new Promise<number | null>((resolve) => abrupt.process.once('exit', (code) => resolve(code)));
  await abrupt.notify('exit', null);
  assert.equal(await within(ended, 10_000, 'exit'), 1);
  abrupt.connection.dispose();
  await assertStillAnswers();
});
