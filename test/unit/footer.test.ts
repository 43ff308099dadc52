import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { blueprintDiagnostics } from '../../server/src/features/checked-diagnostics';
import { parseBlueprint } from '../../server/src/model/blueprint-parser';
import { withCursors } from '../support/cursor';
import { analyse, fixture, settings, textDocument } from '../support/documents';

const filled = fixture('order-ledger.md');
const teamWritten = fixture('payments-ledger.md');

/** The diagnostics a document gets, strictness by status included, as the editor and the CLI give them. */
function diagnose(text: string): Diagnostic[] {
  return blueprintDiagnostics(analyse(text), settings());
}

function rangeOf(text: string, start: number, end: number) {
  const doc = textDocument(text);
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** What teams put after the footer's field lines. */
const AFTER_THE_FOOTER: ReadonlyArray<[string, string]> = [
  ['a reference definition', '\n[rfc]: https://example.com/rfc\n'],
  ['reference definitions with titles', '\n[rfc]: https://example.com/rfc "The RFC"\n[runbook]: <https://example.com/run book>\n'],
  ['footnote definitions', '\n[^1]: Reviewed with finance.\n\n[^2]: Next review in May.\n    It takes a day.\n'],
  ['an HTML comment', '\n<!-- markdownlint-disable-file MD041 -->\n'],
  ['blank lines', '\n\n\n\n'],
  ['a closing paragraph', '\nQuestions go to #data-platform on Slack.\n'],
  ['a closing rule and a line of small print', '\n---\n\n<sub>Generated from the Data Blueprint template.</sub>\n'],
  [
    'all of them',
    '\n_Questions go to #data-platform._\n\n<!-- links -->\n\n[rfc]: https://example.com/rfc\n\n[^1]: Reviewed with finance.\n',
  ],
];

test('whatever follows the footer, the footer is found: a filled-in blueprint stays clean', () => {
  for (const [what, after] of AFTER_THE_FOOTER) {
    const text = filled + after;
    assert.deepEqual(
      parseBlueprint(text).footer.map((f) => f.value),
      ['Review', '2026-11-20', 'Ada Lovelace'],
      what,
    );
    assert.deepEqual(diagnose(text), [], what);
  }
});

test('after trailing definitions, a wrong status and an impossible date in the footer are reported where they are', () => {
  const { text, offsets } = withCursors(
    filled
      .replace('**Blueprint Status**: Review', '**Blueprint Status**: $0Reviewed$1')
      .replace('**Last Updated**: 2026-11-20', '**Last Updated**: $22026-02-30$3') + '\n[rfc]: https://example.com/rfc\n',
  );
  const diagnostics = diagnose(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    [
      ['invalid-status', rangeOf(text, offsets[0]!, offsets[1]!)],
      ['invalid-date', rangeOf(text, offsets[2]!, offsets[3]!)],
    ],
  );
});

test('after trailing definitions, strictness still follows the status: an approved blueprint with a hole has an error', () => {
  const text =
    filled
      .replace('**Blueprint Status**: Review', '**Blueprint Status**: Approved')
      .replace('The order ledger records', 'The [Ledger name] records') +
    '\n[rfc]: https://example.com/rfc\n[^1]: Signed off by finance.\n';
  assert.deepEqual(
    diagnose(text).map((d) => [d.code, d.severity]),
    [['placeholder', DiagnosticSeverity.Error]],
  );
});

test('the team-written fixture: front matter, alerts, footnotes, a closing line, comments and definitions after the footer', () => {
  const model = parseBlueprint(teamWritten);
  assert.deepEqual(
    model.footer.map((f) => [f.label, f.value]),
    [
      ['Blueprint Status', 'Approved'],
      ['Last Updated', '2026-11-20'],
      ['Author', 'Grace Hopper'],
    ],
  );
  assert.deepEqual(diagnose(teamWritten), []);
});

test("what follows the footer is no section's content: the last subsection ends before the footer", () => {
  const { text, offsets } = withCursors(
    filled.replace(/(### Health Checks\n)[\s\S]*?(?=\n---\n)/, '$1$0') +
      '\nQuestions go to #data-platform on Slack.\n\n[rfc]: https://example.com/rfc\n',
  );
  const monitoring = parseBlueprint(text).sections.at(-1)!;
  const healthChecks = monitoring.subsections.at(-1)!;
  assert.equal(healthChecks.heading.text, 'Health Checks');
  assert.equal(healthChecks.contentBlockCount, 0);
  assert.equal(monitoring.span.end, text.indexOf('---', offsets[0]) + 3);
  const emptyHealthChecks = diagnose(text);
  assert.deepEqual(
    emptyHealthChecks.map((d) => [d.code, d.message]),
    [['empty-section', "Subsection 'Health Checks' is empty"]],
  );
});

test("field lines that are the last subsection's only content are that content, not a missing footer's stand-in", () => {
  const checks = '### Health Checks\n\n**Ledger writable**: a canary order every minute\n**Replica lag**: below 5 seconds\n';
  const withoutFooter = filled.replace(/### Health Checks\n[\s\S]*$/, checks);
  const { text, offsets } = withCursors(withoutFooter.replace('# Data Blueprint: Order Ledger', '# $0Data Blueprint: Order Ledger$1'));
  assert.deepEqual(parseBlueprint(text).footer, []);
  const missing = diagnose(text);
  assert.deepEqual(
    missing.map((d) => [d.code, d.message, d.range]),
    ['Blueprint Status', 'Last Updated', 'Author'].map((field) => [
      'missing-footer-field',
      `Missing footer field '${field}'`,
      rangeOf(text, offsets[0]!, offsets[1]!),
    ]),
  );
  // A separator after them does not make them a footer either.
  assert.deepEqual(parseBlueprint(text + '\n---\n').footer, []);
  assert.deepEqual(parseBlueprint(text + '\n[rfc]: https://example.com/rfc\n').footer, []);
});

test('field lines in a section before the last are never the footer; the footer at the end is', () => {
  const text =
    filled.replace(
      '### Current Capacity\nOne primary database',
      '### Current Capacity\n\n**Owner**: platform team\n**Reviewed**: quarterly\n\nOne primary database',
    ) + '\n[rfc]: https://example.com/rfc\n';
  assert.deepEqual(
    parseBlueprint(text).footer.map((f) => f.label),
    ['Blueprint Status', 'Last Updated', 'Author'],
  );
  assert.deepEqual(diagnose(text), []);
});

test("field lines after the last subsection's content and a separator, before the footer, stay content", () => {
  const text = filled.replace(
    '- **Replica lag**: below 5 seconds\n',
    '- **Replica lag**: below 5 seconds\n\n---\n\n**Owner**: platform team\n**Escalation**: #data-oncall\n',
  );
  assert.deepEqual(
    parseBlueprint(text).footer.map((f) => f.value),
    ['Review', '2026-11-20', 'Ada Lovelace'],
  );
  assert.deepEqual(diagnose(text), []);
});

test("a footer with no separator above it is the footer after the last subsection's content, trailing definitions or not", () => {
  for (const after of ['', '\n<!-- reviewed -->\n', '\n[rfc]: https://example.com/rfc\n']) {
    const text = filled.replace('\n---\n\n**Blueprint Status**', '\n**Blueprint Status**') + after;
    assert.deepEqual(
      parseBlueprint(text).footer.map((f) => f.value),
      ['Review', '2026-11-20', 'Ada Lovelace'],
      after,
    );
    assert.deepEqual(diagnose(text), [], after);
  }
});

test('a footer whose fields are separate paragraphs, with comments among them, is one footer', () => {
  const text =
    filled.replace(
      '**Blueprint Status**: Review\n**Last Updated**: 2026-11-20\n',
      '**Blueprint Status**: Review\n\n<!-- blueprint-disable-next-line invalid-date -->\n**Last Updated**: 2026-11-20\n\n',
    ) + '\n[rfc]: https://example.com/rfc\n';
  assert.deepEqual(
    parseBlueprint(text).footer.map((f) => f.label),
    ['Blueprint Status', 'Last Updated', 'Author'],
  );
});

test('a new blueprint of a title and a footer only has its footer', () => {
  const text = '# Data Blueprint: Ledger\n\n**Blueprint Status**: Draft\n**Last Updated**: 2026-11-20\n**Author**: Ada\n';
  assert.deepEqual(
    parseBlueprint(text).footer.map((f) => f.value),
    ['Draft', '2026-11-20', 'Ada'],
  );
});

test('with CRLF line ends and a BOM, the footer after definitions has exact ranges', () => {
  const crlf =
    '\uFEFF' +
    filled.replace('**Last Updated**: 2026-11-20', '**Last Updated**: $02026/11/20$1').replace(/\n/g, '\r\n') +
    '\r\n[rfc]: https://example.com/rfc\r\n';
  const { text, offsets } = withCursors(crlf);
  assert.deepEqual(
    diagnose(text).map((d) => [d.code, d.range]),
    [['invalid-date', rangeOf(text, offsets[0]!, offsets[1]!)]],
  );
});
