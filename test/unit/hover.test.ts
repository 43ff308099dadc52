import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver';
import { hover } from '../../server/src/features/hover';
import { withCursor } from '../support/cursor';
import { analyse, templateText, textDocument } from '../support/documents';

function hoverAt(marked: string) {
  const { text, offset } = withCursor(marked);
  const result = hover(analyse(text), textDocument(text).positionAt(offset));
  return { result, markdown: (result?.contents as MarkupContent | undefined)?.value, doc: textDocument(text) };
}

test('hover on a section heading shows the template guidance', () => {
  const { result, markdown, doc } = hoverAt(templateText.replace('## Data Flow', '## Data $0Flow'));
  assert.match(markdown!, /^\*\*Data Flow\*\* — Data Blueprint section\n\nHow data moves through the system\.\n\nSubsections: Input Sources, Processing Steps, Output Destinations$/);
  assert.equal(doc.getText(result!.range), 'Data Flow');
});

test('hover on a subsection heading shows its section guidance and what the template asks for', () => {
  const { markdown } = hoverAt(templateText.replace('### Input Sources', '### $0Input Sources'));
  assert.match(markdown!, /part of \*Data Flow\*: How data moves through the system\./);
  assert.match(markdown!, /- \*\*\[Source 1\]\*\*: \[What data comes from here\]/);
});

test('hover on a placeholder says what it asks for', () => {
  const { result, markdown, doc } = hoverAt(templateText.replace("[Describe the data", "[Describe $0the data"));
  assert.equal(doc.getText(result!.range), "[Describe the data system's purpose, what data it manages, and why it's needed.]");
  assert.match(markdown!, /^\*\*Placeholder\*\* \(in \*Purpose\*\) — replace/);
  const status = hoverAt(templateText.replace('[Draft/Review', '[Dr$0aft/Review'));
  assert.equal(status.markdown, '**Placeholder** — fill in the Blueprint Status: one of `Draft`, `Review`, `Approved`.');
});

test('no hover on ordinary text or on a heading the template does not have', () => {
  assert.equal(hoverAt(templateText.replace('**What this data system manages', '**What this $0data system manages')).result, null);
  assert.equal(hoverAt(templateText.replace('## Purpose', '## Glossary\n\nWords $0here.\n\n## Purpose')).result, null);
  assert.equal(hoverAt(templateText.replace('## Purpose', '## $0Glossary\n\n## Purpose')).result, null);
});
