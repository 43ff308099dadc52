import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { blueprintMarkdownIt, type PlaceholdersByLine } from '../../client/src/preview-markdown-it';

// The Markdown preview's plugin, as VS Code's preview runs it: the document comes as `env.currentDocument`.

const text =
  '# Data Blueprint: Ledger\n\nOwned by [Name], see [the handbook](https://example.com).\n\n```mermaid\nclassDiagram\n  class A\n```\n\n```ts\nconst a = [1];\n```\n';
const placeholders: PlaceholdersByLine = new Map([[2, new Set(['[Name]'])]]);

function render(isBlueprint: boolean): string {
  const md = blueprintMarkdownIt(new MarkdownIt(), (env) =>
    isBlueprint && (env as { currentDocument?: string }).currentDocument === 'file:///ledger.md' ? placeholders : undefined,
  );
  return md.render(text, { currentDocument: 'file:///ledger.md' });
}

test('in a blueprint: placeholders the server reported are marked, mermaid blocks are left for the preview script to draw', () => {
  assert.equal(
    render(true),
    [
      '<h1>Data Blueprint: Ledger</h1>',
      '<p>Owned by <span class="blueprint-placeholder" title="Unfilled placeholder">[Name]</span>, see <a href="https://example.com">the handbook</a>.</p>',
      '<div class="blueprint-mermaid">classDiagram',
      '  class A',
      '</div>',
      '<pre><code class="language-ts">const a = [1];',
      '</code></pre>',
      '',
    ].join('\n'),
  );
});

test('any other document renders as markdown-it renders it', () => {
  assert.equal(render(false), new MarkdownIt().render(text));
});
