import type { Root } from 'mdast';
import type { Extension as MdastExtension } from 'mdast-util-from-markdown';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { maskOverBudgetParagraphs } from './inline-budget';
import type { Span } from './span';

// remark-gfm's autolink-literal transform re-splits text nodes after parsing and leaves the new nodes
// without positions (and costs a pass over every text node); micromark itself already turns the
// literal autolinks it can see into links with positions, which is all the model needs.
function withoutMdastTransforms(this: Processor): void {
  const data = this.data();
  data.fromMarkdownExtensions = data.fromMarkdownExtensions?.map(withoutTransforms);
}

function withoutTransforms(extension: MdastExtension | MdastExtension[]): MdastExtension | MdastExtension[] {
  if (Array.isArray(extension)) return extension.map((e) => withoutTransforms(e) as MdastExtension);
  const { transforms: _dropped, ...rest } = extension;
  return rest;
}

const processor = unified().use(remarkParse).use(remarkGfm).use(withoutMdastTransforms).freeze();

export const BOM = '\uFEFF';

/**
 * The one place Markdown is parsed, for documents and templates alike: CommonMark with GitHub's
 * extensions (tables, task lists, footnotes, autolinks), which is what VS Code's preview renders.
 * Callers strip a leading byte order mark first: micromark drops it silently, which would leave
 * every offset one short of the document's.
 */
export function parseMarkdown(text: string): Root {
  return parseMarkdownWithinBudget(text).root;
}

/** The same, with the paragraphs whose inline content was read as plain text (see inline-budget.ts). */
export function parseMarkdownWithinBudget(text: string): { readonly root: Root; readonly degraded: readonly Span[] } {
  const { text: masked, paragraphs } = maskOverBudgetParagraphs(text);
  return { root: processor.parse(masked), degraded: paragraphs };
}

/** CommonMark's label matching: case-insensitive, inner white space collapsed. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}
