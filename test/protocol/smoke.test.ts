import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { templateText } from '../support/documents';
import { LspClient } from '../support/lsp-client';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

test('an editor opening the template receives its 78 placeholder diagnostics over stdio', async () => {
  await client.open('file:///work/new.md', templateText);
  const diagnostics = await client.diagnosticsFor('file:///work/new.md', 1);
  assert.equal(diagnostics.filter((d) => d.code === 'placeholder').length, 78);
});
