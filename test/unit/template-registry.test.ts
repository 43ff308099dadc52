import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { templateByKind, templateFromText, templatesWith } from '../../server/src/documents/template-registry';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { completions } from '../../server/src/features/completion';
import { documentSymbols } from '../../server/src/features/document-symbols';
import { builtinTemplates } from '../../server/src/model/templates';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import { TemplateFolderReader } from '../../server/src/project/template-folder';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith } from '../support/cli-runner';
import { withCursor } from '../support/cursor';
import { textDocument } from '../support/documents';

test('a custom template is derived like the built-in one: kind, title prefix, sections, footer', () => {
  const { schema, problems } = templateFromText('api-blueprint', apiTemplate, builtinTemplates);
  assert.deepEqual(problems, []);
  assert.equal(schema!.kind, 'API Blueprint');
  assert.equal(schema!.titlePrefix, 'API Blueprint:');
  assert.deepEqual(
    schema!.sections.map((s) => [s.name, s.guidance]),
    [
      ['Endpoints', 'Every endpoint the API offers.'],
      ['Errors', 'How failures are reported.'],
    ],
  );
  assert.deepEqual(
    schema!.footer.map((f) => f.kind),
    ['choice', 'date', 'person'],
  );
});

test('documents whose title matches a custom template are analysed with it', () => {
  const { schema } = templateFromText('api-blueprint', apiTemplate, builtinTemplates);
  const analysed = new BlueprintStore(templatesWith([{ path: 'api-blueprint.md', text: apiTemplate, schema, problems: [] }])).get(
    textDocument(paymentsApi, 'file:///w/payments.md'),
  )!;
  assert.equal(analysed.schema.id, 'api-blueprint');
  assert.deepEqual(
    documentSymbols(analysed)[0]!.children!.map((s) => s.name),
    ['Endpoints', 'Errors'],
  );
});

test('malformed templates: each problem says what is wrong, with the exact span', () => {
  const problems = (text: string) =>
    templateFromText('t', text, builtinTemplates).problems.map((p) => [p.message, text.slice(p.span.start, p.span.end)]);
  assert.deepEqual(problems('Some notes\n\n## A\n'), [
    [
      'A template starts with a title line naming its kind and a placeholder for the name, such as `# API Blueprint: [API Name]`',
      'Some notes',
    ],
  ]);
  assert.deepEqual(problems('# API Blueprint\n\n## A\n'), [
    ["The title 'API Blueprint' needs the form '<Kind>: [<Name>]', such as 'API Blueprint: [API Name]'", 'API Blueprint'],
  ]);
  assert.deepEqual(problems('# API Blueprint: [Name]\n\nText only.\n'), [
    ['A template needs at least one `##` section', 'API Blueprint: [Name]'],
  ]);
  assert.deepEqual(problems('# API Blueprint: [Name]\n\n## Errors\n\n## Endpoints\n\n## errors\n'), [
    ["Section 'errors' appears twice in this template", 'errors'],
  ]);
  assert.deepEqual(problems('# Data Blueprint: [Other]\n\n## A\n'), [
    ["Template 'data-blueprint' already has the title 'Data Blueprint:'; each template needs its own", 'Data Blueprint: [Other]'],
  ]);
});

test('a templates folder: Markdown files only, by name, malformed ones kept out; a missing folder has none', async () => {
  const folder = folderWith({
    'b-api.md': apiTemplate,
    'a-broken.md': '# nothing\n',
    'c-api-again.md': apiTemplate,
    'notes.txt': apiTemplate,
    'nested/deep.md': apiTemplate.replace('API Blueprint', 'Deep Blueprint'),
  });
  const reader = new TemplateFolderReader(nodeFileAccess);
  const { files } = await reader.read(folder);
  assert.deepEqual(
    files.map((f) => [f.path.slice(folder.length + 1), f.schema?.id, f.problems.length]),
    [
      ['a-broken.md', undefined, 2],
      ['b-api.md', 'b-api', 0],
      ['c-api-again.md', undefined, 1],
    ],
  );
  assert.deepEqual(
    templatesWith(files).map((t) => t.id),
    ['data-blueprint', 'b-api'],
  );
  assert.deepEqual((await reader.read(join(folder, 'absent'))).files, []);
});

test('templateByKind accepts the id, the id without -blueprint, and the kind', () => {
  const { schema } = templateFromText('api-blueprint', apiTemplate, builtinTemplates);
  const templates = [...builtinTemplates, schema!];
  for (const kind of ['data', 'data-blueprint', 'Data Blueprint', 'DATA', 'data blueprint'])
    assert.equal(templateByKind(templates, kind)?.id, 'data-blueprint', kind);
  assert.equal(templateByKind(templates, 'api')?.id, 'api-blueprint');
  assert.equal(templateByKind(templates, 'poem'), undefined);
});

test("completion offers a custom template's missing sections at a ## line", () => {
  const { schema } = templateFromText('api-blueprint', apiTemplate, builtinTemplates);
  const store = new BlueprintStore(templatesWith([{ path: 'api-blueprint.md', text: apiTemplate, schema, problems: [] }]));
  const { text, offset } = withCursor(paymentsApi.replace(/## Errors[^]*?(?=---)/, '## $0\n\n'));
  const document = textDocument(text, 'file:///w/payments.md');
  const items = completions(store.get(document)!, document.positionAt(offset), { date: '2026-11-25', author: undefined });
  assert.deepEqual(
    items.map((i) => i.label),
    ['Errors'],
  );
});
