import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { withCursors } from '../support/cursor';
import { analyse, fixture, settings } from '../support/documents';
import { emphasisRun, unclosedLinkRun } from '../support/generate-blueprint';

function withParagraph(paragraph: string): { text: string; offsets: number[] } {
  const ledger = fixture('order-ledger.md');
  const at = ledger.indexOf('### Core Data Structures');
  return withCursors(ledger.slice(0, at) + `$0${paragraph} [Placeholder]$1\n\n` + ledger.slice(at));
}

for (const [name, paragraph] of [
  ['16 KB of `*_` pairs', emphasisRun(16 * 1024)],
  ['32 KB of `[a](`', unclosedLinkRun(32 * 1024)],
] as const) {
  test(`a line of ${name} is read as plain text and says so on that line`, () => {
    const { text, offsets } = withParagraph(paragraph);
    const analysed = analyse(text);
    const degraded = computeDiagnostics(analysed, settings()).filter((d) => d.code === 'degraded-analysis');
    assert.deepEqual(
      degraded.map((d) => [d.range, d.severity]),
      [
        [
          { start: analysed.document.positionAt(offsets[0]!), end: analysed.document.positionAt(offsets[1]!) },
          DiagnosticSeverity.Information,
        ],
      ],
    );
    // The rest of the blueprint is analysed as usual.
    assert.deepEqual(
      analysed.model.sections.map((s) => s.heading.text),
      analyse(fixture('order-ledger.md')).model.sections.map((s) => s.heading.text),
    );
  });
}

test('an ordinary blueprint has no degraded-analysis diagnostic', () => {
  assert.deepEqual(analyse(fixture('order-ledger.md')).model.degraded, []);
});

for (const newline of ['\n', '\r\n', '\r']) {
  test(`a paragraph over the budget spread over short lines (${JSON.stringify(newline)}) gets one diagnostic over the paragraph, and its placeholders are still found`, () => {
    const wrapped = emphasisRun(16 * 1024)
      .match(/.{1,80}/g)!
      .join(newline);
    const ledger = fixture('order-ledger.md').replace(/\r?\n/g, newline);
    const at = ledger.indexOf('### Core Data Structures');
    const { text, offsets } = withCursors(`${ledger.slice(0, at)}$0${wrapped} $2[Placeholder]$3$1${newline}${newline}${ledger.slice(at)}`);
    const analysed = analyse(text);
    const diagnostics = computeDiagnostics(analysed, settings());
    const at_ = (i: number) => analysed.document.positionAt(offsets[i]!);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'degraded-analysis').map((d) => d.range),
      [{ start: at_(0), end: at_(1) }],
    );
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'placeholder').map((d) => d.range),
      [{ start: at_(2), end: at_(3) }],
    );
    assert.match(
      diagnostics.find((d) => d.code === 'degraded-analysis')!.message as string,
      /^This paragraph holds more than 1,000 Markdown delimiters/,
    );
  });
}
