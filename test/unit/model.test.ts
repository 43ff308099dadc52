import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BlueprintParser, parseBlueprint } from '../../server/src/model/blueprint-parser';
import { chunkStarts } from '../../server/src/model/section-chunks';
import { withCursors } from '../support/cursor';
import { fixture, templateText } from '../support/documents';

test('title, sections and subsections have exact spans', () => {
  const { text, offsets } = withCursors(
    '$0# $1Data Blueprint: Ledger$2\n\n$3## Data Model\n\n**Guidance.**\n\n$4### Core Data Structures\n\nText.$5\n\n---$6\n\n$7## Purpose\n\nWhy.$8\n',
  );
  const model = parseBlueprint(text);
  assert.deepEqual(model.title, {
    depth: 1,
    text: 'Data Blueprint: Ledger',
    span: { start: offsets[0], end: offsets[2] },
    textSpan: { start: offsets[1], end: offsets[2] },
  });
  const [dataModel, purpose] = model.sections;
  assert.equal(dataModel!.heading.text, 'Data Model');
  assert.deepEqual(dataModel!.span, { start: offsets[3], end: offsets[6] });
  assert.equal(dataModel!.contentEnd, offsets[5]);
  assert.equal(dataModel!.guidance?.text, 'Guidance.');
  assert.deepEqual(
    dataModel!.subsections.map((s) => [s.heading.text, s.span]),
    [['Core Data Structures', { start: offsets[4], end: offsets[6] }]],
  );
  assert.deepEqual(purpose!.span, { start: offsets[7], end: offsets[8] });
});

test('the template parses into nine sections with their subsections, guidance and footer', () => {
  const model = parseBlueprint(templateText);
  assert.equal(model.title?.text, 'Data Blueprint: [Data System Name]');
  assert.equal(model.sections.length, 9);
  assert.deepEqual(
    model.sections[1]!.subsections.map((s) => s.heading.text),
    ['Core Data Structures', 'Related Data Structures', 'Data Relationships'],
  );
  assert.equal(model.sections[0]!.guidance?.text, 'What this data system manages and why it exists.');
  assert.deepEqual(
    model.footer.map((f) => [f.label, f.value]),
    [
      ['Blueprint Status', '[Draft/Review/Approved]'],
      ['Last Updated', '[Date]'],
      ['Author', '[Name]'],
    ],
  );
});

test('a structure whose name is still a placeholder yields its fields', () => {
  const { text, offsets } = withCursors(
    '# Data Blueprint: X\n\n```typescript\ninterface $0[PrimaryStructure]$1 {\n  $2id$3: string;\n  tags?: Tag[];\n}\n```\n',
  );
  const [structure] = parseBlueprint(text).structures;
  assert.equal(structure!.name, '[PrimaryStructure]');
  assert.equal(structure!.nameIsPlaceholder, true);
  assert.deepEqual(structure!.nameSpan, { start: offsets[0], end: offsets[1] });
  assert.deepEqual(
    structure!.fields.map((f) => [f.name, f.type]),
    [
      ['id', 'string'],
      ['tags', 'Tag[]'],
    ],
  );
  assert.deepEqual(structure!.fields[0]!.nameSpan, { start: offsets[2], end: offsets[3] });
  assert.deepEqual(
    structure!.typeReferences.map((r) => r.name),
    ['Tag'],
  );
});

test('interfaces, type aliases, exported declarations and a broken declaration beside good ones', () => {
  const text =
    '# Data Blueprint: X\n\n```ts\nexport interface A { a: B }\ntype B = { b: number };\ninterface Broken { x: ; \ninterface C extends A { c: string }\n```\n';
  const names = parseBlueprint(text).structures.map((s) => `${s.kind} ${s.name}`);
  assert.ok(names.includes('interface A') && names.includes('type B') && names.includes('interface C'), names.join(', '));
});

test('typescript blocks inside list items and block quotes keep exact offsets', () => {
  const { text, offsets } = withCursors(
    '# Data Blueprint: X\n\n> ```typescript\n> interface $0Quoted$1 { q: string }\n> ```\n\n- item\n\n  ```typescript\n  interface $2Listed$3 { l: string }\n  ```\n',
  );
  const structures = parseBlueprint(text).structures;
  assert.deepEqual(
    structures.map((s) => [s.name, s.nameSpan]),
    [
      ['Quoted', { start: offsets[0], end: offsets[1] }],
      ['Listed', { start: offsets[2], end: offsets[3] }],
    ],
  );
});

test('relationship bullets with → and ->', () => {
  const { text, offsets } = withCursors(
    '# Data Blueprint: X\n\n- **$0Order$1** → **contains** → **OrderLine**\n- **Customer** -> **places** -> **Order** (one or many)\n- **Not** a relationship\n',
  );
  const relationships = parseBlueprint(text).relationships;
  assert.deepEqual(
    relationships.map((r) => [r.from.text, r.verb.text, r.to.text]),
    [
      ['Order', 'contains', 'OrderLine'],
      ['Customer', 'places', 'Order'],
    ],
  );
  assert.deepEqual(relationships[0]!.from.span, { start: offsets[0], end: offsets[1] });
});

test('footer fields with their value ranges, and an empty value', () => {
  const { text, offsets } = withCursors(
    '# Data Blueprint: X\n\n---\n\n**Blueprint Status**: $0Draft$1\n**Last Updated**: 2026-01-02\n**Author**:$2\n',
  );
  const footer = parseBlueprint(text).footer;
  assert.deepEqual(
    footer.map((f) => [f.label, f.value]),
    [
      ['Blueprint Status', 'Draft'],
      ['Last Updated', '2026-01-02'],
      ['Author', ''],
    ],
  );
  assert.deepEqual(footer[0]!.valueSpan, { start: offsets[0], end: offsets[1] });
  assert.deepEqual(footer[2]!.valueSpan, { start: offsets[2], end: offsets[2] });
});

test('a comment after the footer leaves it the footer', () => {
  const footer = parseBlueprint(
    '# Data Blueprint: X\n\n## Purpose\n\nWhy.\n\n---\n\n**Blueprint Status**: Draft\n\n<!-- reviewed by the data team -->\n',
  ).footer;
  assert.deepEqual(
    footer.map((f) => f.value),
    ['Draft'],
  );
});

test('a leading BOM shifts every offset by one, as the document counts', () => {
  const plain = parseBlueprint(templateText);
  const withBom = parseBlueprint('\uFEFF' + templateText);
  assert.equal(withBom.title?.span.start, 1);
  assert.deepEqual(
    withBom.placeholders.map((p) => p.span.start),
    plain.placeholders.map((p) => p.span.start + 1),
  );
  assert.deepEqual(
    withBom.structures.map((s) => s.nameSpan.start),
    plain.structures.map((s) => s.nameSpan.start + 1),
  );
});

test('CRLF, lone CR, tabs, emoji and CJK keep UTF-16 offsets', () => {
  for (const eol of ['\r\n', '\r', '\n']) {
    const marked = ['# Data Blueprint: 注文台帳 🧾', '', '## Purpose', '', 'Tabbed\t😀 text and 数据 $0[占位符 🚧]$1 here.', ''].join(eol);
    const { text, offsets } = withCursors(marked);
    const model = parseBlueprint(text);
    assert.deepEqual(model.placeholders, [{ text: '占位符 🚧', span: { start: offsets[0], end: offsets[1] } }], JSON.stringify(eol));
    assert.equal(model.title?.text, 'Data Blueprint: 注文台帳 🧾');
  }
});

test('the same text gives the same model, and an incremental re-parse equals a fresh parse', () => {
  const text = fixture('order-ledger.md');
  const parser = new BlueprintParser();
  parser.parse(text);
  const edited = text.replace('2 million orders', '3 million orders [Check]');
  assert.deepEqual(parser.parse(edited), parseBlueprint(edited));
  assert.deepEqual(parseBlueprint(text), parseBlueprint(text));
});

test('a heading inside a fenced block or an HTML comment does not start a section', () => {
  const text = '# Data Blueprint: X\n\n## Purpose\n\n```\n## Not a section\n```\n\n<!--\n## Also not\n-->\n\n## Data Model\n';
  assert.deepEqual(
    parseBlueprint(text).sections.map((s) => s.heading.text),
    ['Purpose', 'Data Model'],
  );
});

test('a fence that a list item leaves open swallows the next heading, as in a whole-document parse', () => {
  const text = '# Data Blueprint: X\n\n- a\n\n  ```\n  code\n```\n## Inside the fence\n';
  assert.deepEqual(parseBlueprint(text).sections, []);
});

test('prepare analyses one uncached chunk per slice, and parse then gives the same model as a parse in one go', () => {
  const text = templateText;
  const parser = new BlueprintParser();
  let stopped = 0;
  while (!parser.prepare(text, () => true)) stopped++;
  // Each call but the last stops after one chunk: the template cuts before its title, its nine
  // sections and their subsections (and at any paragraph boundary its text picks).
  assert.equal(stopped, chunkStarts(text).length);
  assert.deepEqual(parser.parse(text), parseBlueprint(text));
  // After an edit inside one subsection, only its chunk is analysed again: the first call stops
  // after it, the second walks the cached rest.
  const edited = text.replace('interface [PrimaryStructure] {', 'interface Ledger {');
  assert.notEqual(edited, text);
  assert.equal(
    parser.prepare(edited, () => true),
    false,
  );
  assert.equal(
    parser.prepare(edited, () => true),
    true,
  );
  assert.deepEqual(parser.parse(edited), parseBlueprint(edited));
});

test('a declaration that does not parse keeps its name, placeholder or not, with no fields', () => {
  const { text, offsets } = withCursors(
    '# Data Blueprint: X\n\n```typescript\ninterface A { a: string }\ninterface $0[Broken]$1 {\n  x: ;\n}\ninterface $2Also$3Broken {\n  y string;\n}\ninterface C { c: number }\n```\n',
  );
  const model = parseBlueprint(text);
  assert.deepEqual(
    model.structures.map((s) => [s.name, s.nameIsPlaceholder, s.fields.length]),
    [
      ['A', false, 1],
      ['[Broken]', true, 0],
      ['AlsoBroken', false, 0],
      ['C', false, 1],
    ],
  );
  assert.deepEqual(model.structures[1]!.nameSpan, { start: offsets[0], end: offsets[1] });
  assert.equal(model.structures[2]!.nameSpan.start, offsets[2]);
  assert.deepEqual(
    model.typescriptErrors.map((e) => [e.message, text.slice(e.span.start, e.span.end)]),
    [
      ['Unexpected token', ';'],
      ['Unexpected token, expected ";"', 'string'],
    ],
  );
  assert.deepEqual(
    model.placeholders.map((p) => p.text),
    ['Broken'],
  );
});
