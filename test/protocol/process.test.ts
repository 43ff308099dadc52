import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { repoRoot, templateText } from '../support/documents';
import { InProcessClient } from '../support/in-process-client';
import { LspClient, type TestClient } from '../support/lsp-client';

const serverScript = join(repoRoot, 'dist', 'server.js');
const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

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

test('started by hand without a transport, the server says how to start it (exit code 2, no stack trace); --version and --help answer', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [serverScript, ...args], { encoding: 'utf8', input: '', timeout: 20_000 });
  const bare = run([]);
  assert.equal(bare.status, 2);
  assert.equal(bare.stdout, '');
  assert.match(bare.stderr, /^blueprint-language-server: no transport given\.\nUsage: blueprint-language-server --stdio \| --node-ipc/);
  assert.doesNotMatch(bare.stderr, /\n\s+at /);
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `${packageVersion}\n`);
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: blueprint-language-server --stdio/);
});
