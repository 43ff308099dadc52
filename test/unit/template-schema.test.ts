import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { TemplateSchema } from '../../server/src/template/schema';
import { apiTemplate } from '../support/api-template';
import { templateText } from '../support/documents';
import { manySectionTemplate } from '../support/hostile-files';

const data = builtinTemplates[0]!;

test('what the template says is derived from it: where relationships are, and where structures are declared', () => {
  assert.deepEqual(
    data.sections.flatMap((s) => [
      ...(s.holdsRelationships ? [s.name] : []),
      ...s.subsections.filter((sub) => sub.holdsRelationships).map((sub) => `${s.name} › ${sub.name}`),
    ]),
    ['Data Model › Data Relationships'],
  );
  const home = data.structureHome!;
  assert.deepEqual([home.section.name, home.subsection?.name], ['Data Model', 'Related Data Structures']);
  const declaration = 'interface [RelatedStructure] {\n  // Define related structures\n}';
  assert.equal(home.section.source.slice(home.inSection.start, home.inSection.end), declaration);
  assert.equal(home.subsection!.source.slice(home.inSubsection!.start, home.inSubsection!.end), declaration);
  // Each part keeps the template's own parse of it, as offsets into the template's text.
  const flow = data.sections[2]!;
  assert.equal(templateText.slice(flow.parsed.heading.span.start, flow.parsed.heading.span.end), '## Data Flow');
  assert.equal(data.status, data.footer[0]);
  assert.deepEqual(data.status?.values, ['Draft', 'Review', 'Approved']);
});

test('a template without relationship bullets has no relationship place and no structure home', () => {
  const api = new TemplateSchema('api-blueprint', apiTemplate);
  assert.deepEqual(
    api.sections.map((s) => [s.name, s.holdsRelationships]),
    [
      ['Endpoints', false],
      ['Errors', false],
    ],
  );
  assert.equal(api.structureHome, undefined);
});

test('names are looked up case and spacing aside; a name repeated in a template is kept for its problem', () => {
  assert.equal(data.sectionIndexOf('data   FLOW'), 2);
  assert.equal(data.sectionIndexOf('Data Flows'), -1);
  assert.equal(data.sections[2]!.subsectionIndexOf(' processing steps '), 1);
  assert.equal(data.footerFieldIndexOf('last updated'), 1);
  const twice = new TemplateSchema('t', '# T Blueprint: [Name]\n\n## A\n\n## B\n\n## a\n');
  assert.deepEqual([twice.sections.length, twice.sectionIndexOf('A'), twice.repeatedSections.map((s) => s.heading.text)], [3, 0, ['a']]);
});

test('a long template is parsed and derived in steps: prepare stops whenever asked, and the steps give what one pass gives', () => {
  const text = manySectionTemplate(2_000);
  const stepped = new TemplateSchema('big', text);
  let calls = 1;
  while (!stepped.prepare(() => true)) calls++;
  // The chunks are parsed one at a time, then the sections derived a few dozen at a time.
  assert.ok(calls > 2_000 / 64, `${calls} steps`);
  assert.equal(
    stepped.prepare(() => true),
    true,
    'whole: nothing left to do',
  );
  const whole = new TemplateSchema('big', text);
  assert.deepEqual(
    [stepped.kind, stepped.titlePrefix, stepped.footer, stepped.sections.length],
    [whole.kind, whole.titlePrefix, whole.footer, 2_000],
  );
  assert.deepEqual(
    stepped.sections.map((s) => [s.name, s.source, s.guidance]),
    whole.sections.map((s) => [s.name, s.source, s.guidance]),
  );
  assert.equal(stepped.sectionIndexOf('part 1999'), 1_999);
});

test('a schema is derived on first use: reading a field derives it whole, and it is derived once', () => {
  const schema = new TemplateSchema('data-blueprint', templateText);
  const sections = schema.sections;
  assert.equal(schema.sections, sections);
  assert.equal(
    schema.prepare(() => true),
    true,
  );
  assert.equal(schema.parsed, schema.parsed);
  // A section's derived values (its snippet) are kept with it, computed once.
  const derive = (part: { readonly source: string }) => ({ length: part.source.length });
  assert.equal(sections[0]!.derived(derive), sections[0]!.derived(derive));
});
