import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { completions } from '../../server/src/features/completion';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { BlueprintParser, parseBlueprint } from '../../server/src/model/blueprint-parser';
import { chunkStarts } from '../../server/src/model/section-chunks';
import { withCursor, withCursors } from '../support/cursor';
import { analyse, checkDocument, fixture, settings, textDocument } from '../support/documents';

const filled = fixture('order-ledger.md');
const teamWritten = fixture('payments-ledger.md');

const YAML =
  '---\ntitle: Order Ledger\ntags: [ledger, finance]\n# Owned by the data team; see [runbook].\nreview:\n  next: 2027-02-01\n---\n\n';
const TOML = '+++\ntitle = "Order Ledger"\ntags = ["ledger", "finance"]\n# Owned by the data team\n[review]\nnext = 2027-02-01\n+++\n\n';

function kindOf(text: string, uri = 'file:///docs/order-ledger.md'): string | undefined {
  return new BlueprintStore().get(textDocument(text, uri))?.schema.kind;
}

test('YAML or TOML front matter before the title: the document is a blueprint, its title the first heading', () => {
  for (const [name, frontMatter] of [
    ['YAML', YAML],
    ['TOML', TOML],
  ] as const) {
    const text = frontMatter + filled;
    assert.equal(kindOf(text), 'Data Blueprint', name);
    const model = parseBlueprint(text);
    assert.equal(model.title?.text, 'Data Blueprint: Order Ledger', name);
    assert.deepEqual(
      model.title?.span,
      { start: frontMatter.length, end: frontMatter.length + '# Data Blueprint: Order Ledger'.length },
      name,
    );
    assert.deepEqual(model.sections.map((s) => s.heading.text).slice(0, 2), ['Purpose', 'Data Model'], name);
    assert.deepEqual(computeDiagnostics(analyse(text), settings()), [], name);
  }
  assert.equal(kindOf(fixture('payments-ledger.md')), 'Data Blueprint');
});

test('a `# comment` in front matter is neither a heading nor a cut between chunks', () => {
  const text = YAML + filled;
  const comment = text.indexOf('# Owned by');
  assert.ok(!chunkStarts(text).includes(comment));
  assert.ok(!chunkStarts(text, { paragraphBoundaryOneIn: 1 }).includes(comment));
  // The front matter is a chunk of its own: the title's chunk can take other chunks' definitions in front of it.
  assert.equal(chunkStarts(text)[1], YAML.indexOf('---\n\n') + 4);
  assert.deepEqual(new BlueprintParser().parse(text), new BlueprintParser({ chunked: false }).parse(text));
});

test('front matter with a BOM and CRLF line ends keeps every offset exact', () => {
  const crlf = '\uFEFF' + (YAML + filled.replace('The order ledger records', 'The $0[Ledger name]$1 records')).replace(/\n/g, '\r\n');
  const { text, offsets } = withCursors(crlf);
  const analysed = analyse(text);
  assert.equal(analysed.model.title?.span.start, 1 + YAML.replace(/\n/g, '\r\n').length);
  const document = textDocument(text);
  assert.deepEqual(
    computeDiagnostics(analysed, settings()).map((d) => [d.code, d.range]),
    [['placeholder', { start: document.positionAt(offsets[0]!), end: document.positionAt(offsets[1]!) }]],
  );
});

test('an opening fence that nothing closes is a thematic break, and lists and quotes after it are read as ever', () => {
  const text =
    '---\n\n# Data Blueprint: X\n\n## Data Model\n\n### Data Relationships\n\n- **Order** → **contains** → **OrderLine**\n\n> [!NOTE]\n> Quoted.\n';
  const model = parseBlueprint(text);
  assert.equal(model.title?.text, 'Data Blueprint: X');
  assert.deepEqual(
    model.relationships.map((r) => r.to.text),
    ['OrderLine'],
  );
  assert.deepEqual(model.placeholders, []);
});

test('a thematic break later in the document is not front matter, nor a `---` block after it', () => {
  const text = '# Data Blueprint: X\n\n---\ntitle: not front matter\n---\n\nText [Fill me].\n';
  assert.deepEqual(
    parseBlueprint(text).placeholders.map((p) => p.text),
    ['Fill me'],
  );
  const second = YAML + '---\nagain: [x]\n---\n\n# Data Blueprint: X\n';
  assert.equal(parseBlueprint(second).title, undefined);
  assert.deepEqual(
    new BlueprintParser({ chunking: { paragraphBoundaryOneIn: 1 } }).parse(second),
    new BlueprintParser({ chunked: false }).parse(second),
  );
});

test('the team-written fixture is analysed the same incrementally, with CRLF, and with a BOM', () => {
  for (const text of [teamWritten, teamWritten.replace(/\n/g, '\r\n'), '\uFEFF' + teamWritten]) {
    assert.deepEqual(new BlueprintParser().parse(text), new BlueprintParser({ chunked: false }).parse(text));
    assert.deepEqual(computeDiagnostics(analyse(text), settings()), []);
  }
});

test('a document too large to analyse is still known as a blueprint after long front matter', () => {
  const frontMatter =
    '---\ntitle: Order Ledger\nhistory:\n' + '  - reviewed by the data team, with notes on every field\n'.repeat(120) + '---\n\n';
  const text = frontMatter + filled + '\n' + 'A line of a very long appendix.\n'.repeat(40);
  const document = textDocument(text, 'file:///docs/order-ledger.md');
  const checked = checkDocument(document, new BlueprintStore(), settings({ maxDocumentSize: 1000 }));
  assert.deepEqual(
    checked?.map((d) => d.code),
    ['too-large'],
  );
  assert.equal(
    checkDocument(
      textDocument('# Notes\n' + text.slice(frontMatter.length), 'file:///docs/notes.md'),
      new BlueprintStore(),
      settings({ maxDocumentSize: 1000 }),
    ),
    undefined,
  );
});

test('a `#` line in front matter is a comment: completion offers no sections there', () => {
  const { text, offset } = withCursor(
    YAML.replace('# Owned by the data team; see [runbook].', '# $0') + filled.replace(/## Data Flow[\s\S]*?(?=## State Management)/, ''),
  );
  const analysed = analyse(text);
  assert.deepEqual(completions(analysed, analysed.document.positionAt(offset), { date: '2026-11-25', author: 'Ada' }), []);
  assert.deepEqual(analysed.model.frontMatter, { start: 0, end: text.indexOf('---\n\n#') + 3 });
  const atEnd = withCursor(text + '\n## $0');
  const there = analyse(atEnd.text);
  assert.deepEqual(
    completions(there, there.document.positionAt(atEnd.offset), { date: '2026-11-25', author: 'Ada' }).map((i) => i.label),
    ['Data Flow'],
  );
});
