import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { templateText } from '../support/documents';
import { InProcessClient } from '../support/in-process-client';
import { LspClient, type TestClient } from '../support/lsp-client';

// What only the real process shows: dist/server.js started as an editor starts it, its messages
// framed over stdio. Most protocol tests run the same server in-process (in-process-client.ts);
// this file checks that the two are one server.

const clients: TestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
});

test('`node dist/server.js --stdio` starts and announces what the in-process server announces', async () => {
  const spawned = new LspClient(['--stdio']);
  const inProcess = new InProcessClient();
  clients.push(spawned, inProcess);
  const [fromProcess, fromHarness] = await Promise.all([spawned.initialize(), inProcess.initialize()]);
  assert.equal(fromProcess.serverInfo?.name, 'blueprint-language-server');
  assert.deepEqual(fromProcess, fromHarness);
});

test('stdio framing counts bytes: text with CJK, emoji and CRLF arrives whole and diagnostics land at UTF-16 columns', async () => {
  const client = await LspClient.start();
  clients.push(client);
  const uri = 'file:///work/process/注文.md';
  const line = 'Owners: 注文チーム 🧾 and [Team Name] since 2024.';
  const text = templateText.replace('## Data Model', `${line}\n\n## Data Model`).replace(/\n/g, '\r\n');
  await client.open(uri, text);
  const diagnostics = await client.diagnosticsFor(uri, 1);
  const lineNumber = text.split('\r\n').indexOf(line);
  const owner = diagnostics.find((d) => d.range.start.line === lineNumber);
  const character = line.indexOf('[Team Name]');
  assert.deepEqual(owner?.range, {
    start: { line: lineNumber, character },
    end: { line: lineNumber, character: character + '[Team Name]'.length },
  });
  assert.equal(diagnostics.filter((d) => d.code === 'placeholder').length, 79);
});
