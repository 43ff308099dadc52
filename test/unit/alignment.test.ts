import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignmentOf, headingAt, isRelationshipPlace, type Alignment } from '../../server/src/alignment/alignment';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { templatesWith } from '../../server/src/template/registry';
import { templateFromText } from '../../server/src/template/template-file';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { apiTemplate, paymentsApi } from '../support/api-template';
import { withCursors } from '../support/cursor';
import { analyse, fixture, textDocument } from '../support/documents';

// The alignment of a blueprint with its template, on real blueprints: every insertion point is an
// exact offset into the text as the editor has it (a BOM, front matter and CRLF included).

const filled = fixture('order-ledger.md');
const teamWritten = fixture('payments-ledger.md');

function align(text: string): Alignment {
  return alignmentOf(analyse(text));
}

/** The text with the part from `from` up to `to` removed. */
function cut(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  assert.ok(start >= 0, `no ${from}`);
  return text.slice(0, start) + text.slice(text.indexOf(to, start));
}

const FRONT_MATTER = '---\ntitle: Order Ledger\ntags: [ledger, finance]\n---\n\n';

/** The same blueprint as an editor may hold it: plain, with a BOM and front matter, with CRLF line breaks. */
const variants: ReadonlyArray<readonly [string, (text: string) => string]> = [
  ['LF', (text) => text],
  ['BOM and front matter', (text) => '\uFEFF' + FRONT_MATTER + text],
  ['CRLF', (text) => text.replace(/\n/g, '\r\n')],
  ['BOM, front matter and CRLF', (text) => ('\uFEFF' + FRONT_MATTER + text).replace(/\n/g, '\r\n')],
];

test('the alignment of a filled-in blueprint: every section its template section, in order, nothing missing or empty', () => {
  for (const [name, variant] of variants) {
    const alignment = align(variant(filled));
    assert.deepEqual(
      alignment.sections.map((s) => [s.schema?.name, s.templateIndex, s.occurrence, s.empty, s.misplaced]),
      builtinTemplates[0]!.sections.map((s, i) => [s.name, i, 'first', false, undefined]),
      name,
    );
    assert.ok(
      alignment.sections.every((s) => s.missingSubsections.length === 0 && s.subsections.every((sub) => sub.occurrence === 'first')),
      name,
    );
    assert.deepEqual([alignment.missingSections, alignment.missingFields], [[], []], name);
    assert.deepEqual(
      alignment.fields.map((f) => [f.line.label, f.schema?.kind, f.choice]),
      [
        ['Blueprint Status', 'choice', { index: 1, exact: true }],
        ['Last Updated', 'date', undefined],
        ['Author', 'person', undefined],
      ],
      name,
    );
  }
});

test('a missing section goes after its nearest present predecessor: before the next section, else before the footer', () => {
  for (const [name, variant] of variants) {
    const noFlow = variant(cut(filled, '## Data Flow', '## State Management'));
    assert.deepEqual(
      align(noFlow).missingSections.map((m) => [m.schema.name, m.templateIndex, m.offset]),
      [['Data Flow', 2, noFlow.indexOf('## State Management')]],
      name,
    );
    // The first section goes before the first section present; the last, before the footer's first field.
    const neither = variant(cut(cut(filled, '## Purpose', '## Data Model'), '## Monitoring Points', '**Blueprint Status**'));
    assert.deepEqual(
      align(neither).missingSections.map((m) => [m.schema.name, m.offset]),
      [
        ['Purpose', neither.indexOf('## Data Model')],
        ['Monitoring Points', neither.indexOf('**Blueprint Status**')],
      ],
      name,
    );
  }
});

test('a missing section goes after its predecessor even when that one is out of order, and at the end without a footer', () => {
  // Data Model written last: Data Flow still goes right after it, before the footer.
  const dataModel = /## Data Model[^]*?(?=## Data Flow)/.exec(filled)![0];
  const moved = cut(filled, '## Data Model', '## Data Flow').replace('**Blueprint Status**', dataModel + '**Blueprint Status**');
  const text = cut(moved, '## Data Flow', '## State Management');
  assert.deepEqual(
    align(text).missingSections.map((m) => [m.schema.name, m.offset]),
    [['Data Flow', text.indexOf('**Blueprint Status**')]],
  );
  const noFooter = filled.replace(/## Monitoring Points[^]*$/, '');
  assert.deepEqual(
    align(noFooter).missingSections.map((m) => [m.schema.name, m.offset]),
    [['Monitoring Points', noFooter.length]],
  );
});

test('a missing subsection goes before the subsection after its predecessor, else at the end of the section content', () => {
  for (const [name, variant] of variants) {
    const text = variant(cut(cut(filled, '### Processing Steps', '### Output Destinations'), '### Health Checks', '---\n\n**Blueprint'));
    const alignment = align(text);
    const flow = alignment.sections[2]!;
    assert.deepEqual(
      flow.missingSubsections.map((m) => [m.parent, m.schema.name, m.templateIndex, m.offset]),
      [[flow, 'Processing Steps', 1, text.indexOf('### Output Destinations')]],
      name,
    );
    const monitoring = alignment.sections[8]!;
    const lastLine = monitoring.section.subsections[1]!;
    assert.deepEqual(
      monitoring.missingSubsections.map((m) => [m.schema.name, m.offset]),
      [['Health Checks', lastLine.contentEnd]],
      name,
    );
    assert.ok(text.slice(0, lastLine.contentEnd).endsWith('export lag above 2 hours'), name);
  }
});

test('duplicates: the first of a name counts, the others point to it; a repeated guidance line is noted', () => {
  const validation = /## Data Validation[^]*?(?=## Data Integrity)/.exec(filled)![0];
  const { text, offsets } = withCursors(
    filled
      .replace('## Performance Characteristics', '## $0' + validation.slice(3) + '## Performance Characteristics')
      .replace('### Health Checks', '### $1alerts\n\n- **Disk alert**: above 80 %\n\n### Health Checks'),
  );
  const alignment = align(text);
  const duplicate = headingAt(alignment, offsets[0]!)!;
  assert.ok('section' in duplicate);
  assert.deepEqual(
    [duplicate.occurrence, duplicate.schema?.name, duplicate.first === alignment.sections[4], duplicate.repeatsGuidance],
    ['duplicate', 'Data Validation', true, true],
  );
  assert.deepEqual(
    alignment.occurrences[4]!.map((s) => s.occurrence),
    ['first', 'duplicate'],
  );
  // Not missing, not out of order: a duplicate takes no part in either.
  assert.deepEqual([alignment.missingSections, alignment.sections.filter((s) => s.misplaced)], [[], []]);
  const subsection = headingAt(alignment, offsets[1]!)!;
  assert.ok('subsection' in subsection);
  assert.deepEqual(
    [subsection.occurrence, subsection.schema?.name, subsection.first?.subsection.heading.text, subsection.repeatsGuidance],
    ['duplicate', 'Alerts', 'Alerts', false],
  );
});

test('out of order: the fewest sections move, each anchored before the next section in order, else after the last', () => {
  const purpose = /## Purpose[^]*?(?=## Data Model)/.exec(filled)![0];
  const late = cut(filled, '## Purpose', '## Data Model').replace('## Scaling Paths', purpose + '## Scaling Paths');
  assert.deepEqual(
    align(late)
      .sections.filter((s) => s.misplaced)
      .map((s) => [s.schema?.name, s.misplaced!.position, s.misplaced!.anchor.section.heading.text]),
    [['Purpose', 'before', 'Data Model']],
  );
  const monitoring = /## Monitoring Points[^]*?(?=---\n\n\*\*Blueprint)/.exec(filled)![0];
  const early = cut(filled, '## Monitoring Points', '---\n\n**Blueprint').replace('## Purpose', monitoring + '## Purpose');
  const alignment = align(early);
  assert.deepEqual(
    alignment.sections.filter((s) => s.misplaced).map((s) => [s.schema?.name, s.misplaced!.position, s.misplaced!.anchor.schema?.name]),
    [['Monitoring Points', 'after', 'Scaling Paths']],
  );
  // The anchor is the section itself as the blueprint has it.
  assert.equal(alignment.sections.find((s) => s.misplaced)!.misplaced!.anchor, alignment.sections[8]);
});

test('empty: only a guidance line, or nothing; not a bold line of the author; an empty section lacks every subsection', () => {
  const text = filled
    .replace(/(## Data Model\n\n\*\*Complete data structure definition.\*\*\n\n)[^]*?(?=---)/, '$1')
    .replace(/(## Purpose\n\n)[^]*?(?=---)/, '$1**We keep every order.**\n\n')
    .replace(/(### Limits\n)[^\n]*\n/, '$1');
  const alignment = align(text);
  const [purpose, model] = alignment.sections;
  assert.deepEqual([purpose!.empty, model!.empty], [false, true]);
  assert.deepEqual(
    model!.missingSubsections.map((m) => [m.schema.name, m.offset]),
    ['Core Data Structures', 'Related Data Structures', 'Data Relationships'].map((name) => [name, model!.section.contentEnd]),
  );
  assert.deepEqual(
    alignment.sections[7]!.subsections.map((s) => [s.schema?.name, s.empty]),
    [
      ['Current Capacity', false],
      ['Scaling Triggers', false],
      ['Scaling Strategies', false],
      ['Limits', true],
    ],
  );
});

test('names match case and spacing aside; sections and subsections the template lacks are unknown', () => {
  const text = filled
    .replace('## Data Flow', '## data   FLOW')
    .replace('### Processing Steps', '### processing steps')
    .replace('## Scaling Paths', '## Team Notes\n\nWritten by the data team.\n\n## Scaling Paths')
    .replace('### Alerts', '### Runbooks\n\n- restart the exporter\n\n### Alerts');
  const alignment = align(text);
  assert.deepEqual(alignment.sections.map((s) => [s.section.heading.text, s.schema?.name ?? null, s.occurrence]).slice(2, 3), [
    ['data   FLOW', 'Data Flow', 'first'],
  ]);
  assert.deepEqual(alignment.sections[2]!.subsections[1]!.schema?.name, 'Processing Steps');
  assert.deepEqual(
    alignment.sections.filter((s) => s.occurrence === 'unknown').map((s) => [s.section.heading.text, s.templateIndex, s.misplaced]),
    [['Team Notes', -1, undefined]],
  );
  assert.deepEqual(
    alignment.sections[9]!.subsections.map((s) => [s.subsection.heading.text, s.occurrence]),
    [
      ['Metrics', 'first'],
      ['Runbooks', 'unknown'],
      ['Alerts', 'first'],
      ['Health Checks', 'first'],
    ],
  );
  assert.deepEqual([alignment.missingSections, alignment.sections.filter((s) => s.misplaced)], [[], []]);
});

test('missing footer fields: after the nearest field before them, before the first field, or a new footer at the end', () => {
  for (const [name, variant] of variants) {
    const noDate = variant(filled.replace('**Last Updated**: 2026-11-20\n', ''));
    assert.deepEqual(
      align(noDate).missingFields.map((m) => [m.schema.label, m.insertion, m.offset]),
      [
        [
          'Last Updated',
          { kind: 'after', field: 0 },
          noDate.indexOf('**Blueprint Status**: Review') + '**Blueprint Status**: Review'.length,
        ],
      ],
      name,
    );
    const noStatus = variant(filled.replace('**Blueprint Status**: Review\n', ''));
    assert.deepEqual(
      align(noStatus).missingFields.map((m) => [m.schema.label, m.insertion, m.offset]),
      [['Blueprint Status', { kind: 'before', field: 0 }, noStatus.indexOf('**Last Updated**')]],
      name,
    );
    const noFooter = variant(filled.replace(/\n---\n\n\*\*Blueprint Status\*\*[^]*$/, '\n'));
    assert.deepEqual(
      align(noFooter).missingFields.map((m) => [m.schema.label, m.insertion, m.offset]),
      ['Blueprint Status', 'Last Updated', 'Author'].map((label) => [label, { kind: 'new-footer' }, noFooter.length]),
      name,
    );
  }
});

test('the status and its strictness: the first value and an unsaid status lenient, the last strict, a typo none', () => {
  const statusOf = (line: string | undefined) =>
    align(filled.replace('**Blueprint Status**: Review\n', line === undefined ? '' : `${line}\n`)).status;
  const cases: ReadonlyArray<readonly [string | undefined, unknown]> = [
    ['**Blueprint Status**: Draft', [false, 0, 'lenient']],
    ['**Blueprint Status**: Review', [false, 1, 'normal']],
    ['**Blueprint Status**: Approved', [false, 2, 'strict']],
    ['**Blueprint Status**: approved', [false, 2, 'strict']],
    ['**blueprint status**:  APPROVED', [false, 2, 'strict']],
    ['**Blueprint Status**: Reveiw', [false, undefined, undefined]],
    ['**Blueprint Status**: [Draft/Review/Approved]', [true, 0, 'lenient']],
    ['**Blueprint Status**:', [true, 0, 'lenient']],
    [undefined, [true, 0, 'lenient']],
  ];
  for (const [line, expected] of cases) {
    const status = statusOf(line)!;
    assert.equal(status.schema, builtinTemplates[0]!.status);
    assert.deepEqual([status.unsaid, status.stage, status.strictness], expected, String(line));
  }
  // A case variant names the value but is not spelt as the template spells it.
  assert.deepEqual(statusOf('**Blueprint Status**: approved')!.field!.choice, { index: 2, exact: false });
});

test('a custom template aligns the same way: its sections, its footer, its status values', () => {
  const { schema } = templateFromText('api-blueprint', apiTemplate, builtinTemplates);
  const store = new BlueprintStore(templatesWith([{ path: 'api-blueprint.md', text: apiTemplate, schema, problems: [] }]));
  let version = 0;
  const alignAs = (text: string) => alignmentOf(store.get(textDocument(text, 'file:///w/payments.md', ++version))!);
  const approved = paymentsApi.replace('Review', 'Approved');
  assert.deepEqual([alignAs(paymentsApi).status?.strictness, alignAs(approved).status?.strictness], ['normal', 'strict']);
  const noErrors = cut(paymentsApi, '## Errors', '---');
  assert.deepEqual(
    alignAs(noErrors).missingSections.map((m) => [m.schema.name, m.offset]),
    [['Errors', noErrors.indexOf('**Blueprint Status**')]],
  );
  assert.deepEqual(alignAs(paymentsApi).relationships, []);
});

test('relationships: only in the (sub)sections where the template has relationship bullets', () => {
  const alignment = align(teamWritten);
  assert.ok(alignment.relationships.length > 0);
  const relationships = alignment.sections[1]!.subsections.find((s) => s.schema?.name === 'Data Relationships')!.subsection;
  assert.ok(alignment.relationships.every((r) => r.span.start >= relationships.span.start && r.span.end <= relationships.span.end));
  assert.equal(isRelationshipPlace(alignment, relationships.span.start + 5), true);
  assert.equal(isRelationshipPlace(alignment, alignment.sections[2]!.section.span.start + 5), false);
  assert.equal(isRelationshipPlace(alignment, 0), false);
});

test('computed once per version, on first use, and kept with it; the next version gets its own', () => {
  const store = new BlueprintStore();
  const document = textDocument(filled);
  const first = alignmentOf(store.get(document)!);
  assert.equal(alignmentOf(store.get(document)!), first);
  const next = alignmentOf(store.get(textDocument(filled.replace('Review', 'Approved'), document.uri, 2))!);
  assert.notEqual(next, first);
  assert.equal(next.status?.strictness, 'strict');
});
