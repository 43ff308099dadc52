import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import {
  classifyDocument,
  classifyDocumentInSlices,
  classifyUnreadFile,
  type DocumentClass,
  type DocumentPlace,
} from '../../server/src/documents/classification';
import { checkedDiagnostics } from '../../server/src/features/checked-diagnostics';
import { nodeFileAccess } from '../../server/src/project/node-file-access';
import { Project } from '../../server/src/project/project';
import { repositoryRoots } from '../../server/src/project/roots';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { folderWith } from '../support/cli-runner';
import { fixture, textDocument } from '../support/documents';

const filled = fixture('order-ledger.md');
const notes = '# Meeting notes\n\n## Purpose\n\nSee [Owner] and **Orders** → **have** → **Lines**.\n';

/** A project with an API template in `.blueprints/`, a size limit of 20,000 characters, and its context for the documents at its root. */
async function projectPlace(): Promise<{ root: string; placeOf: (name: string) => DocumentPlace }> {
  const root = folderWith({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.blueprintrc.json': JSON.stringify({ maxDocumentSize: 20_000 }),
    '.blueprints/api-blueprint.md': apiTemplate,
  });
  const project = new Project({ files: nodeFileAccess, rootOf: repositoryRoots(nodeFileAccess, root) });
  const context = await project.contextFor(root);
  const templatesContext = await project.contextFor(join(root, '.blueprints'));
  return {
    root,
    placeOf: (name) => ({ path: join(root, name), context: name.startsWith('.blueprints/') ? templatesContext : context }),
  };
}

function kindOf(classified: DocumentClass): string {
  return classified.kind === 'blueprint' ? `blueprint (${classified.analysed.schema.kind})` : classified.kind;
}

test('one classification: template file, too large, blueprint or plain Markdown', async () => {
  const { root, placeOf } = await projectPlace();
  const store = new BlueprintStore();
  const classify = (name: string, text: string) =>
    kindOf(classifyDocument(textDocument(text, pathToFileURL(join(root, name)).href), placeOf(name), store));
  assert.equal(classify('.blueprints/api-blueprint.md', apiTemplate), 'template');
  // A template file is a template even when its text is a blueprint's, or too long for one.
  assert.equal(classify('.blueprints/api-blueprint.md', filled + 'x'.repeat(20_000)), 'template');
  assert.equal(classify('.blueprints/NOTES.MD', notes), 'template');
  assert.equal(classify('.blueprints/readme.txt', filled), 'blueprint (Data Blueprint)', 'only Markdown files are templates');
  assert.equal(classify('.blueprints/old/ledger.md', filled), 'blueprint (Data Blueprint)', 'only files directly in the folder');
  assert.equal(classify('ledger.md', filled), 'blueprint (Data Blueprint)');
  assert.equal(classify('payments.md', paymentsApi), 'blueprint (API Blueprint)', "the templates folder's template");
  assert.equal(classify('notes.md', notes), 'plain');
  assert.equal(classify('notes.blueprint.md', notes), 'blueprint (Data Blueprint)');
  const long = filled + '\nA line of a very long appendix, [with a placeholder].\n'.repeat(400);
  assert.equal(classify('long.md', long), 'too-large');
  assert.equal(
    classify('long-notes.md', notes + long.slice(long.indexOf('\n'))),
    'plain',
    'too large, and no blueprint by its first lines',
  );
});

test('a document too large to analyse is judged by its first lines, after front matter of any length', async () => {
  const { root, placeOf } = await projectPlace();
  const frontMatter =
    '---\ntitle: Order Ledger\nhistory:\n' + '  - reviewed by the data team, with notes on every field\n'.repeat(120) + '---\n\n';
  const text = frontMatter + filled + '\nA line of a very long appendix.\n'.repeat(600);
  const uri = pathToFileURL(join(root, 'ledger.md')).href;
  assert.equal(kindOf(classifyDocument(textDocument(text, uri), placeOf('ledger.md'), new BlueprintStore())), 'too-large');
  // A file too large to be read whole: only its beginning was read, and its size in bytes is known.
  assert.deepEqual(classifyUnreadFile(uri, text.slice(0, 65_536), 5_000_000_000, placeOf('ledger.md')), {
    kind: 'too-large',
    bytes: 5_000_000_000,
  });
  assert.deepEqual(classifyUnreadFile(uri, notes, 5_000_000_000, placeOf('ledger.md')), { kind: 'plain' });
});

test('only files and new unsaved documents are checked: a diff view or a notebook cell is plain, whatever it holds', async () => {
  const { placeOf } = await projectPlace();
  const store = new BlueprintStore();
  const place = { path: undefined, context: placeOf('ledger.md').context };
  assert.equal(kindOf(classifyDocument(textDocument(filled, 'git:/docs/ledger.md?ref=HEAD'), place, store)), 'plain');
  assert.equal(kindOf(classifyDocument(textDocument(filled, 'vscode-notebook-cell:/docs/a.ipynb#1'), place, store)), 'plain');
  assert.equal(kindOf(classifyDocument(textDocument(filled, 'untitled:Untitled-1'), place, store)), 'blueprint (Data Blueprint)');
});

test('the sliced classification (the server) gives what the whole one (the CLI) gives', async () => {
  const { root, placeOf } = await projectPlace();
  for (const [name, text] of [
    ['.blueprints/api-blueprint.md', apiTemplate],
    ['ledger.md', filled],
    ['notes.md', notes],
    ['long.md', filled + 'x\n'.repeat(20_000)],
  ] as const) {
    const document = textDocument(text, pathToFileURL(join(root, name)).href);
    const whole = classifyDocument(document, placeOf(name), new BlueprintStore());
    const sliced = await classifyDocumentInSlices(document, placeOf(name), new BlueprintStore());
    assert.equal(kindOf(sliced), kindOf(whole), name);
    if (whole.kind === 'blueprint' && sliced.kind === 'blueprint') assert.deepEqual(sliced.analysed.model, whole.analysed.model, name);
  }
});

test('what each class is checked for: a blueprint its findings, too large one diagnostic, a template its problems, plain nothing', async () => {
  const { root, placeOf } = await projectPlace();
  const check = (name: string, text: string, problems = [] as Parameters<typeof checkedDiagnostics>[3]) => {
    const document = textDocument(text, pathToFileURL(join(root, name)).href);
    const place = placeOf(name);
    return checkedDiagnostics(document, classifyDocument(document, place, new BlueprintStore()), place.context.settings, problems)?.map(
      (d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`,
    );
  };
  assert.deepEqual(check('ledger.md', filled.replace('The order ledger records', 'The [Ledger name] records')), ['6:4 placeholder']);
  assert.deepEqual(check('ledger.md', filled), [], 'checked, clean');
  assert.deepEqual(check('long.md', filled + 'x\n'.repeat(20_000)), ['0:0 too-large']);
  assert.equal(check('notes.md', notes), undefined);
  const twice = apiTemplate.replace('## Errors', '## Endpoints');
  const second = twice.lastIndexOf('## Endpoints') + '## '.length;
  const problem = {
    message: "Section 'Endpoints' appears twice in this template",
    span: { start: second, end: second + 'Endpoints'.length },
  };
  assert.deepEqual(check('.blueprints/api-blueprint.md', twice, [problem]), ['8:3 invalid-template']);
});
