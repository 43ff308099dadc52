import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { parseMarkdownWithinBudget, parseSyntaxTreeWithinBudget } from '../../server/src/model/markdown-parser';
import type { SyntaxNode } from '../../server/src/model/syntax-tree';
import { fuzzParameters, hostileText, mutatedBlueprint, REAL_BLUEPRINTS } from '../support/arbitraries';
import { filledBlueprint } from '../support/filled-blueprint';
import { generateBlueprint } from '../support/generate-blueprint';

// The model's syntax tree is built from micromark's events by our own code (syntax-tree.ts); the
// oracle is remark's: mdast-util-from-markdown reading the same events with remark-gfm's and
// remark-frontmatter's mdast extensions. The two must agree on every node the model can read:
// its type, offsets, children, and the values, depths, flags, names and identifiers it keeps.

/** mdast's tree reduced to the fields of a SyntaxNode. */
function fromMdast(node: Nodes): SyntaxNode {
  const n = node as Nodes & Record<string, unknown>;
  const valued = ['text', 'inlineCode', 'code', 'html', 'yaml', 'toml'].includes(node.type);
  let flag: boolean | undefined;
  if (node.type === 'list') flag = node.ordered === true;
  if (node.type === 'listItem') flag = node.checked ?? undefined;
  let name: string | undefined;
  if (node.type === 'code') name = node.lang ?? undefined;
  if (node.type === 'definition' || node.type === 'footnoteDefinition') name = node.label ?? undefined;
  return {
    type: node.type,
    start: node.position!.start.offset!,
    end: node.position!.end.offset!,
    children: 'children' in node ? (node.children as Nodes[]).map(fromMdast) : undefined,
    value: valued ? (n['value'] as string) : '',
    depth: node.type === 'heading' ? node.depth : 0,
    flag,
    name,
    identifier: node.type === 'definition' || node.type === 'footnoteDefinition' ? node.identifier : undefined,
  };
}

/** List items' ends are not kept (the model reads where an item starts, never where it ends). */
function withoutItemEnds(node: SyntaxNode): SyntaxNode {
  return {
    ...node,
    end: node.type === 'listItem' ? -1 : node.end,
    children: node.children?.map(withoutItemEnds),
  };
}

function assertSameTree(text: string, documentStart: boolean): void {
  const ours = parseSyntaxTreeWithinBudget(text, { documentStart });
  const remark = parseMarkdownWithinBudget(text, { documentStart });
  assert.deepEqual(withoutItemEnds(ours.root), withoutItemEnds(fromMdast(remark.root)));
  assert.deepEqual(ours.degraded, remark.degraded);
}

const document = fc.oneof(
  mutatedBlueprint,
  filledBlueprint().map((b) => b.text),
  fc.array(hostileText, { maxLength: 40 }).map((parts) => parts.join('')),
  fc
    .tuple(fc.constantFrom(...REAL_BLUEPRINTS), fc.array(hostileText, { maxLength: 12 }))
    .map(([text, parts]) => parts.join('') + text + parts.join('\n')),
);

test('the syntax tree equals what mdast says of the same text, on generated blueprints', () => {
  for (let seed = 1; seed <= 30; seed++) assertSameTree(generateBlueprint({ lines: 300, seed }), true);
  for (const text of REAL_BLUEPRINTS) assertSameTree(text, true);
});

test('the syntax tree equals what mdast says of the same text, on mutated and hostile documents', () => {
  fc.assert(
    fc.property(document, fc.boolean(), (text, documentStart) => assertSameTree(text, documentStart)),
    fuzzParameters(400),
  );
});
