import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { asIsoDate } from '../../server/src/features/calendar-dates';
import {
  ADD_MISSING_SECTIONS_KIND,
  addMissingSectionsActions,
  closestChoice,
  quickFixActions,
  quickFixesFor,
} from '../../server/src/features/code-actions';
import { ADD_MISSING_SECTIONS, provideCodeActions, QUICK_FIXES } from '../../server/src/language-server/code-action-providers';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { safeFixEdits } from '../../server/src/features/fix-all';
import type { FooterValues } from '../../server/src/template/footer-values';
import { analyse, fixture, messageOf, settings, writtenTemplateText } from '../support/documents';
import { applyMinimal } from '../support/edits';

const values: FooterValues = { date: '2026-11-25', author: 'Ada Lovelace' };
const ledger = fixture('fulfilment-ledger.md');

/** The quick fixes and "Add all missing sections" the server gives for `diagnostics`, as `only` asks (the other families have tests of their own). */
function codeActions(
  analysed: ReturnType<typeof analyse>,
  context: { diagnostics: Diagnostic[]; only?: string[] },
  footer: FooterValues,
): CodeAction[] {
  return provideCodeActions({ analysed, diagnostics: context.diagnostics, settings: settings(), values: footer }, context.only, [
    QUICK_FIXES,
    ADD_MISSING_SECTIONS,
  ]);
}

function diagnosticsOf(text: string): Diagnostic[] {
  return computeDiagnostics(analyse(text), settings());
}

/** The fixes offered for the one diagnostic of `code` (matching `message` when given). */
function fixesFor(text: string, code: string, message?: RegExp): { fixes: CodeAction[]; diagnostic: Diagnostic } {
  const candidates = diagnosticsOf(text).filter((d) => d.code === code && (!message || message.test(messageOf(d))));
  assert.equal(candidates.length, 1, `one ${code} diagnostic expected, got ${JSON.stringify(diagnosticsOf(text).map((d) => d.message))}`);
  return { fixes: quickFixesFor(analyse(text), candidates[0]!, values), diagnostic: candidates[0]! };
}

function edits(action: CodeAction): TextEdit[] {
  return Object.values(action.edit!.changes!)[0]!;
}

/** Applies a fix, checks it touched only its own text and that its diagnostic is gone, and returns the text. */
function apply(text: string, action: CodeAction): string {
  const after = applyMinimal(text, edits(action));
  const fixed = action.diagnostics?.[0];
  if (fixed) {
    assert.ok(
      !diagnosticsOf(after).some((d) => d.code === fixed.code && d.message === fixed.message),
      `still reported: ${messageOf(fixed)}`,
    );
  }
  return after;
}

function cut(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  return text.slice(0, start) + text.slice(text.indexOf(to, start));
}

/** A piece of the template as it is written into documents, from one heading to another. */
function templatePart(from: string, to: string): string {
  const start = writtenTemplateText.indexOf(from);
  return writtenTemplateText.slice(start, writtenTemplateText.indexOf(to, start));
}

test("missing-section: 'Add section' inserts the template section after its predecessor", () => {
  const text = cut(ledger, '## Data Flow', '## State Management');
  const { fixes } = fixesFor(text, 'missing-section', /Data Flow/);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.kind, f.isPreferred]),
    [["Add section 'Data Flow'", 'quickfix', true]],
  );
  const after = apply(text, fixes[0]!);
  assert.equal(after, text.replace('## State Management', templatePart('## Data Flow', '## State Management') + '## State Management'));
  assert.ok(diagnosticsOf(after).every((d) => d.code === 'placeholder'));
});

test('missing-section: the first and the last section go after the title and before the footer', () => {
  const noPurpose = cut(ledger, '## Purpose', '## Data Model');
  assert.equal(
    apply(noPurpose, fixesFor(noPurpose, 'missing-section').fixes[0]!),
    noPurpose.replace('## Data Model', templatePart('## Purpose', '## Data Model') + '## Data Model'),
  );
  const noMonitoring = cut(ledger, '## Monitoring Points', '**Blueprint Status**');
  assert.equal(
    apply(noMonitoring, fixesFor(noMonitoring, 'missing-section').fixes[0]!),
    noMonitoring.replace('**Blueprint Status**', templatePart('## Monitoring Points', '**Blueprint Status**') + '**Blueprint Status**'),
  );
});

test('missing-subsection: inserted before the next subsection, or at the end of the section before its separator', () => {
  const text = cut(ledger, '### Processing Steps', '### Output Destinations');
  const { fixes } = fixesFor(text, 'missing-subsection');
  assert.deepEqual(
    fixes.map((f) => f.title),
    ["Add subsection 'Processing Steps' to 'Data Flow'"],
  );
  assert.equal(
    apply(text, fixes[0]!),
    text.replace('### Output Destinations', templatePart('### Processing Steps', '### Output Destinations') + '### Output Destinations'),
  );

  const noHealth = cut(ledger, '### Health Checks', '---\n\n**Blueprint Status**');
  assert.equal(
    apply(noHealth, fixesFor(noHealth, 'missing-subsection').fixes[0]!),
    noHealth.replace(
      '2 hours\n\n---',
      '2 hours\n\n### Health Checks\n\n- **[Check 1]**: [What to check]\n- **[Check 2]**: [What to check]\n\n---',
    ),
  );
});

test('invalid-status: one fix per template value; none preferred for a value far from every one', () => {
  const text = ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: Done');
  const { fixes } = fixesFor(text, 'invalid-status');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [
      ["Set Blueprint Status to 'Draft'", undefined],
      ["Set Blueprint Status to 'Review'", undefined],
      ["Set Blueprint Status to 'Approved'", undefined],
    ],
  );
  assert.equal(analyse(text).document.getText(edits(fixes[2]!)[0]!.range), 'Done');
  assert.equal(apply(text, fixes[2]!), ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: Approved'));
});

test('invalid-status: the closest value comes first and is preferred, a misspelling or a case variant', () => {
  for (const [written, meant] of [
    ['Reveiw', 'Review'],
    ['review', 'Review'],
    ['Aproved', 'Approved'],
    ['APPROVED', 'Approved'],
    ['Drfat', 'Draft'],
    ['Revew', 'Review'],
  ] as const) {
    const text = ledger.replace('**Blueprint Status**: Review', `**Blueprint Status**: ${written}`);
    const { fixes } = fixesFor(text, 'invalid-status');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.isPreferred]),
      [
        [`Set Blueprint Status to '${meant}'`, true],
        ...['Draft', 'Review', 'Approved'].filter((v) => v !== meant).map((v) => [`Set Blueprint Status to '${v}'`, undefined]),
      ],
      written,
    );
    assert.equal(apply(text, fixes[0]!), ledger.replace('**Blueprint Status**: Review', `**Blueprint Status**: ${meant}`), written);
  }
});

test('the closest choice: by edit distance, case aside; none on a tie or when every value is far', () => {
  const values = ['Draft', 'Review', 'Approved'];
  assert.equal(closestChoice('Reveiw', values), 'Review');
  assert.equal(closestChoice(' approvd ', values), 'Approved');
  assert.equal(closestChoice('Done', values), undefined);
  assert.equal(closestChoice('In review', values), undefined);
  assert.equal(closestChoice('', values), undefined);
  assert.equal(closestChoice('[Draft/Review/Approved]', values), undefined);
  // As near to one as to the other: the author chooses.
  assert.equal(closestChoice('Dine', ['Done', 'Dime']), undefined);
  assert.equal(closestChoice('Done', ['Done', 'done']), undefined);
  assert.equal(closestChoice('x'.repeat(10_000), values), undefined);
});

test('footer placeholders: status values, today for the date, the author for the person', () => {
  const text = ledger.replace(
    '**Blueprint Status**: Review\n**Last Updated**: 2026-11-20\n**Author**: Ada Lovelace',
    '**Blueprint Status**: [Draft/Review/Approved]\n**Last Updated**: [Date]\n**Author**: [Name]',
  );
  const status = fixesFor(text, 'placeholder', /Draft/);
  assert.deepEqual(
    status.fixes.map((f) => f.title),
    ["Set Blueprint Status to 'Draft'", "Set Blueprint Status to 'Review'", "Set Blueprint Status to 'Approved'"],
  );
  assert.ok(apply(text, status.fixes[0]!).endsWith('**Blueprint Status**: Draft\n**Last Updated**: [Date]\n**Author**: [Name]\n'));
  const date = fixesFor(text, 'placeholder', /\[Date\]/);
  assert.deepEqual(
    date.fixes.map((f) => [f.title, f.isPreferred]),
    [['Set Last Updated to today (2026-11-25)', true]],
  );
  assert.ok(apply(text, date.fixes[0]!).endsWith('**Last Updated**: 2026-11-25\n**Author**: [Name]\n'));
  const author = fixesFor(text, 'placeholder', /\[Name\]/);
  assert.deepEqual(
    author.fixes.map((f) => f.title),
    ["Set Author to 'Ada Lovelace'"],
  );
  assert.ok(apply(text, author.fixes[0]!).endsWith('**Author**: Ada Lovelace\n'));
  assert.deepEqual(quickFixesFor(analyse(text), author.diagnostic, { date: '2026-11-25', author: undefined }), []);
});

test('invalid-date: set to today', () => {
  const text = ledger.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026-02-30');
  const { fixes } = fixesFor(text, 'invalid-date');
  assert.deepEqual(
    fixes.map((f) => f.title),
    ['Set Last Updated to today (2026-11-25)'],
  );
  assert.equal(apply(text, fixes[0]!), ledger.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026-11-25'));
});

test('placeholders outside the footer get no quick fix', () => {
  const text = ledger.replace('Sustained write latency above 100 ms.', '[When scaling is needed]');
  assert.deepEqual(fixesFor(text, 'placeholder').fixes, []);
});

test('unknown-structure: declares an interface stub after the last related structure', () => {
  const text = ledger.replace('- **Payment** -> **settles** -> **Order**', '- **Payment** -> **settles** -> **Invoice**');
  const { fixes } = fixesFor(text, 'unknown-structure');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [['Declare interface Invoice', true]],
  );
  assert.equal(
    apply(text, fixes[0]!),
    text.replace("  currency: 'EUR' | 'JPY';\n};\n", "  currency: 'EUR' | 'JPY';\n};\n\ninterface Invoice {\n}\n"),
  );
});

test('unknown-structure: creates the block, or the subsection, when absent', () => {
  const relatedBlock = ledger.slice(ledger.indexOf('```typescript\ninterface Customer'), ledger.indexOf('### Data Relationships'));
  const noBlock = ledger
    .replace(relatedBlock, 'See the core structures.\n\n')
    .replace('**Payment** -> **settles** -> **Order**', '**Invoice** -> **settles** -> **Order**');
  const blockFix = fixesFor(noBlock, 'unknown-structure', /Invoice/).fixes[0]!;
  assert.equal(
    applyMinimal(noBlock, edits(blockFix)),
    noBlock.replace('See the core structures.\n\n', 'See the core structures.\n\n```typescript\ninterface Invoice {\n}\n```\n\n'),
  );

  const noSubsection = cut(ledger, '### Related Data Structures', '### Data Relationships').replace(
    '**Payment** -> **settles** -> **Order**',
    '**Order** -> **billed by** -> **Invoice**',
  );
  const subsectionFix = fixesFor(noSubsection, 'unknown-structure', /Invoice/).fixes[0]!;
  assert.equal(
    applyMinimal(noSubsection, edits(subsectionFix)),
    noSubsection.replace(
      '### Data Relationships',
      '### Related Data Structures\n\n```typescript\ninterface Invoice {\n}\n```\n\n### Data Relationships',
    ),
  );
});

test('unknown-structure: no fix for a name that cannot be an interface name', () => {
  const text = ledger.replace('- **Payment** -> **settles** -> **Order**', '- **Payment** -> **settles** -> **Order Archive**');
  assert.deepEqual(fixesFor(text, 'unknown-structure').fixes, []);
});

test('duplicate-section: merges the duplicate into the first, losing no line', () => {
  const duplicate =
    '## Data Validation\n\n**How data is validated.**\n\n### Rejections\n- **Negative quantity**: rejected at the API 🚫\n- **未知の通貨**: rejected\n\n---\n\n';
  const text = ledger.replace('## Performance Characteristics', duplicate + '## Performance Characteristics');
  const { fixes } = fixesFor(text, 'duplicate-section');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [["Merge into the first 'Data Validation'", true]],
  );
  const after = apply(text, fixes[0]!);
  assert.equal(
    after,
    ledger.replace(
      '- **Output validation**: in the nightly export\n',
      '- **Output validation**: in the nightly export\n\n### Rejections\n- **Negative quantity**: rejected at the API 🚫\n- **未知の通貨**: rejected\n',
    ),
  );
});

test('duplicate subsection: merged into the first of its name', () => {
  const text = ledger.replace('### Health Checks', '### Alerts\n- **Disk alert**: above 80 %\n\n### Health Checks');
  const { fixes } = fixesFor(text, 'duplicate-section');
  assert.equal(fixes[0]!.title, "Merge into the first 'Alerts'");
  assert.equal(
    apply(text, fixes[0]!),
    ledger.replace(
      '- **Lag alert**: export lag above 2 hours\n',
      '- **Lag alert**: export lag above 2 hours\n\n- **Disk alert**: above 80 %\n',
    ),
  );
});

test('"Add all missing sections" completes the skeleton in one edit of insertions only', () => {
  const purposeOnly = writtenTemplateText.replace(
    "[Describe the data system's purpose, what data it manages, and why it's needed.]",
    'Keeps the order ledger.',
  );
  const partial = cut(
    cut(purposeOnly, '## Data Model', '## Data Validation'),
    '## Performance Characteristics',
    '**Blueprint Status**',
  ).replace('### Consistency Checks\n\n- **[Check 1]**: [What it checks]\n- **[Check 2]**: [What it checks]\n\n', '');
  const actions = codeActions(analyse(partial), { diagnostics: [], only: ['source'] }, values);
  assert.deepEqual(actions, addMissingSectionsActions(analyse(partial), values), "the source actions asked for are the family's");
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind]),
    [['Add all missing sections', ADD_MISSING_SECTIONS_KIND]],
  );
  assert.ok(
    edits(actions[0]!).every((e) => e.range.start.line === e.range.end.line && e.range.start.character === e.range.end.character),
    'insertions only',
  );
  assert.equal(applyMinimal(partial, edits(actions[0]!)), purposeOnly);
  assert.deepEqual(addMissingSectionsActions(analyse(ledger), values), []);
});

test('"Add all missing sections" adds the missing footer fields too, as fix-all does, each footer with one separator', () => {
  const footer = '**Blueprint Status**: [Draft/Review/Approved]\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace\n';
  const addAll = (text: string) => addMissingSectionsActions(analyse(text), values)[0]!;
  // The last section and the footer gone: the section, then the footer after the section's own separator.
  const noEnd = ledger.replace(/## Monitoring Points[^]*$/, '');
  assert.equal(addAll(noEnd).title, 'Add all missing sections and footer fields');
  const completed = noEnd + templatePart('## Monitoring Points', '**Blueprint Status**') + footer;
  assert.equal(applyMinimal(noEnd, edits(addAll(noEnd))), completed);
  assert.equal(applyMinimal(noEnd, safeFixEdits(analyse(noEnd), settings(), values)), completed);
  // The same after a last section without a separator: the inserted section brings one.
  const unseparated = noEnd.replace(/---\n\n$/, '');
  assert.equal(
    applyMinimal(unseparated, edits(addAll(unseparated))),
    unseparated + templatePart('## Monitoring Points', '**Blueprint Status**') + footer,
  );
  // Only the footer gone, the last section without a separator: the footer brings its own.
  const noFooter = ledger.replace(/\n---\n\n\*\*Blueprint Status\*\*[^]*$/, '\n');
  assert.equal(addAll(noFooter).title, 'Add all missing footer fields');
  assert.equal(applyMinimal(noFooter, edits(addAll(noFooter))), noFooter + '---\n\n' + footer);
  // One field gone: it goes where the template has it.
  const noDate = ledger.replace('**Last Updated**: 2026-11-20\n', '');
  assert.equal(addAll(noDate).title, 'Add all missing footer fields');
  assert.equal(applyMinimal(noDate, edits(addAll(noDate))), ledger.replace('2026-11-20', '2026-11-25'));
});

test("quick fixes are for this server's diagnostics that still hold, with their data or, without it, their message", () => {
  const text = cut(ledger, '## Data Flow', '## State Management');
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(
    quickFixActions(analyse(text), diagnostics, values).map((a) => a.title),
    ["Add section 'Data Flow'"],
  );
  assert.deepEqual(
    addMissingSectionsActions(analyse(text), values).map((a) => a.title),
    ['Add all missing sections'],
  );
  assert.deepEqual(
    quickFixActions(
      analyse(text),
      diagnostics.map((d) => ({ ...d, source: 'markdownlint' })),
      values,
    ),
    [],
  );
  assert.deepEqual(quickFixActions(analyse(ledger), diagnostics, values), [], 'the section is back: nothing to fix');
  const withoutData = diagnostics.map(({ data: _data, ...d }) => d);
  assert.deepEqual(
    quickFixActions(analyse(text), withoutData, values).map((a) => a.title),
    ["Add section 'Data Flow'"],
  );
});

// Which families a request wants (`context.only`) is the server's providers' decision (the one rule:
// test/unit/code-action-providers.test.ts; over the protocol: test/protocol/code-action-kinds.test.ts).
test('code actions follow the kinds the client asks for and ignore other sources and stale diagnostics', () => {
  const text = cut(ledger, '## Data Flow', '## State Management');
  const diagnostics = diagnosticsOf(text);
  assert.deepEqual(
    codeActions(analyse(text), { diagnostics, only: ['quickfix'] }, values).map((a) => a.title),
    ["Add section 'Data Flow'"],
  );
  assert.deepEqual(
    codeActions(analyse(text), { diagnostics }, values).map((a) => a.title),
    ["Add section 'Data Flow'", 'Add all missing sections'],
  );
  assert.deepEqual(
    codeActions(analyse(text), { diagnostics: diagnostics.map((d) => ({ ...d, source: 'markdownlint' })), only: ['quickfix'] }, values),
    [],
  );
  assert.deepEqual(codeActions(analyse(ledger), { diagnostics, only: ['quickfix'] }, values), [], 'the section is back: nothing to fix');
  const withoutData = diagnostics.map(({ data: _data, ...d }) => d);
  assert.deepEqual(
    codeActions(analyse(text), { diagnostics: withoutData, only: ['quickfix'] }, values).map((a) => a.title),
    ["Add section 'Data Flow'"],
  );
});

test('CRLF blueprints get CRLF insertions, and fixes land exactly after emoji and CJK text', () => {
  const text = cut(ledger, '## Data Flow', '## State Management').replace(/\n/g, '\r\n');
  const after = apply(text, fixesFor(text, 'missing-section').fixes[0]!);
  assert.equal(
    after,
    text.replace('## State Management', templatePart('## Data Flow', '## State Management').replace(/\n/g, '\r\n') + '## State Management'),
  );
  const cjk = ledger.replace('**Author**: Ada Lovelace', '**Author**: [名前 👤]').replace(/\n/g, '\r\n');
  const fixed = apply(cjk, fixesFor(cjk, 'placeholder').fixes[0]!);
  assert.equal(fixed, ledger.replace(/\n/g, '\r\n'));
});

test('a byte order mark is kept and fixes land at the same place after it', () => {
  const text = '\uFEFF' + cut(ledger, '## Data Flow', '## State Management');
  assert.equal(
    apply(text, fixesFor(text, 'missing-section').fixes[0]!),
    text.replace('## State Management', templatePart('## Data Flow', '## State Management') + '## State Management'),
  );
  const status = '\uFEFF' + ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: approved');
  assert.equal(
    apply(
      status,
      fixesFor(status, 'invalid-status').fixes.find((f) => f.isPreferred)!,
    ),
    '\uFEFF' + ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: Approved'),
  );
});

/** The ledger with the text from one heading to another moved in front of a third heading. */
function moved(text: string, from: string, to: string, before: string): string {
  const start = text.indexOf(from);
  const part = text.slice(start, text.indexOf(to, start));
  const without = text.slice(0, start) + text.slice(start + part.length);
  return without.replace(before, part + before);
}

test("section-order: 'Move' puts the section, with its separator, back where the template has it", () => {
  const text = moved(ledger, '## Data Flow', '## State Management', '## Data Validation');
  const { fixes, diagnostic } = fixesFor(text, 'section-order');
  assert.equal(diagnostic.message, "Section 'State Management' is out of template order: it belongs before 'Data Validation'");
  assert.equal(fixes.length, 1);
  assert.equal(fixes[0]!.title, "Move 'State Management' before 'Data Validation'");
  assert.equal(fixes[0]!.isPreferred, true);
  assert.equal(apply(text, fixes[0]!), ledger);
});

test('section-order: a section out of place at the end moves after its predecessor; one out of place first moves down', () => {
  const last = moved(ledger, '## Purpose', '## Data Model', '**Blueprint Status**');
  assert.equal(last.indexOf('## Purpose') > last.indexOf('## Monitoring Points'), true);
  assert.equal(apply(last, fixesFor(last, 'section-order').fixes[0]!), ledger);
  const first = moved(ledger, '## Monitoring Points', '**Blueprint Status**', '## Purpose');
  const { fixes } = fixesFor(first, 'section-order');
  assert.equal(fixes[0]!.title, "Move 'Monitoring Points' after 'Scaling Paths'");
  // The section and its separator go after the last section's separator, before the footer.
  assert.equal(apply(first, fixes[0]!), ledger);
});

test('section-order: rule-control comments above a heading stay with that heading', () => {
  const comment = (code: string) => `<!-- blueprint-disable-next-line ${code} -->\n`;
  const withComments = ledger
    .replace('## Data Flow', comment('empty-section') + '## Data Flow')
    .replace('## Data Validation', comment('missing-subsection') + '## Data Validation');
  // State Management moved up between Data Model and Data Flow: the comment of Data Flow follows it,
  // the comment of Data Validation stands where it has to go.
  const text = moved(
    withComments,
    '## State Management',
    comment('missing-subsection') + '## Data Validation',
    comment('empty-section') + '## Data Flow',
  );
  const { fixes } = fixesFor(text, 'section-order');
  assert.equal(fixes[0]!.title, "Move 'State Management' before 'Data Validation'");
  assert.equal(apply(text, fixes[0]!), withComments);
});

test("empty-section: 'Fill' adds what the template has under the heading, subsections included", () => {
  const purpose = ledger.slice(ledger.indexOf('The order ledger records'), ledger.indexOf('---\n\n## Data Model'));
  const emptyPurpose = ledger.replace(purpose, '');
  const { fixes } = fixesFor(emptyPurpose, 'empty-section');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [["Fill 'Purpose' from the template", true]],
  );
  assert.equal(
    apply(emptyPurpose, fixes[0]!),
    ledger.replace(purpose, "[Describe the data system's purpose, what data it manages, and why it's needed.]\n\n"),
  );

  const model = ledger.slice(ledger.indexOf('### Core Data Structures'), ledger.indexOf('---\n\n## Data Flow'));
  const emptyModel = ledger.replace(model, '');
  const filled = apply(emptyModel, fixesFor(emptyModel, 'empty-section').fixes[0]!);
  assert.equal(filled, ledger.replace(model, templatePart('### Core Data Structures', '---\n\n## Data Flow')));
  assert.ok(!diagnosticsOf(filled).some((d) => d.code === 'missing-subsection'));
});

test('empty-section: an empty subsection is filled from its template subsection', () => {
  const alerts = '- **Latency alert**: p95 above 200 ms for 5 minutes\n- **Lag alert**: export lag above 2 hours\n';
  const text = ledger.replace(alerts, '');
  const { fixes } = fixesFor(text, 'empty-section');
  assert.equal(fixes[0]!.title, "Fill 'Alerts' from the template");
  const template = templatePart('### Alerts', '### Health Checks').replace('### Alerts', '').trim();
  // A blank line after the heading, as around every block the fixes insert.
  assert.equal(apply(text, fixes[0]!), ledger.replace(`### Alerts\n${alerts}`, `### Alerts\n\n${template}\n`));
});

test('invalid-date: a date written another way is rewritten YYYY-MM-DD, keeping its day; today stays on offer', () => {
  const text = ledger.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026/11/5');
  const { fixes } = fixesFor(text, 'invalid-date');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred ?? false]),
    [
      ['Write Last Updated as 2026-11-05', true],
      ['Set Last Updated to today (2026-11-25)', false],
    ],
  );
  assert.equal(apply(text, fixes[0]!), ledger.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026-11-05'));
});

test('only unambiguous dates are rewritten', () => {
  assert.deepEqual(['2026/11/5', '2026.11.05', '20261105', '2026-11-05T14:30', '2026-11-05 14:30:00Z', '2026-1-5'].map(asIsoDate), [
    '2026-11-05',
    '2026-11-05',
    '2026-11-05',
    '2026-11-05',
    '2026-11-05',
    '2026-01-05',
  ]);
  assert.deepEqual(
    ['05/11/2026', '11/05/2026', '2026/02/30', '2026/11', 'yesterday', '2026-11/05', '202611050'].map(asIsoDate),
    Array(7).fill(undefined),
  );
});

test("missing-footer-field: 'Add footer field' puts the line where the template has it, with today or the author", () => {
  const noDate = ledger.replace('**Last Updated**: 2026-11-20\n', '');
  const { fixes } = fixesFor(noDate, 'missing-footer-field');
  assert.deepEqual(
    fixes.map((f) => [f.title, f.isPreferred]),
    [["Add footer field 'Last Updated'", true]],
  );
  assert.equal(apply(noDate, fixes[0]!), ledger.replace('**Last Updated**: 2026-11-20', '**Last Updated**: 2026-11-25'));

  const noStatus = ledger.replace('**Blueprint Status**: Review\n', '');
  assert.equal(
    apply(noStatus, fixesFor(noStatus, 'missing-footer-field').fixes[0]!),
    ledger.replace('**Blueprint Status**: Review', '**Blueprint Status**: [Draft/Review/Approved]'),
  );

  const noAuthor = ledger.replace('\n**Author**: Ada Lovelace', '').replace(/\n/g, '\r\n');
  assert.equal(apply(noAuthor, fixesFor(noAuthor, 'missing-footer-field').fixes[0]!), ledger.replace(/\n/g, '\r\n'));
});

test("missing-footer-field without a footer: 'Add the footer from the template' adds every field after a separator", () => {
  const footer = ledger.slice(ledger.indexOf('**Blueprint Status**'));
  const withoutFooter = ledger.slice(0, ledger.indexOf('**Blueprint Status**')).replace(/\n*$/, '\n');
  // The last section still ends with its separator: no second one.
  assert.ok(withoutFooter.endsWith('---\n'));
  const fixes = quickFixesFor(
    analyse(withoutFooter),
    diagnosticsOf(withoutFooter).find((d) => d.code === 'missing-footer-field')!,
    values,
  );
  assert.deepEqual(
    fixes.map((f) => f.title),
    ['Add the footer from the template'],
  );
  // Each line but the last ends with a hard break, so that GitHub renders one field per line.
  const expected = ledger.replace(
    footer,
    '**Blueprint Status**: [Draft/Review/Approved]\\\n**Last Updated**: 2026-11-25\\\n**Author**: Ada Lovelace\n',
  );
  assert.equal(applyMinimal(withoutFooter, edits(fixes[0]!)), expected);
  assert.ok(!diagnosticsOf(expected).some((d) => d.code === 'missing-footer-field'));
  // Without the separator either, it comes with one.
  const bare = withoutFooter.replace(/\n---\n$/, '\n');
  assert.equal(
    applyMinimal(
      bare,
      edits(
        quickFixesFor(
          analyse(bare),
          diagnosticsOf(bare).find((d) => d.code === 'missing-footer-field')!,
          values,
        )[0]!,
      ),
    ),
    expected,
  );
});
