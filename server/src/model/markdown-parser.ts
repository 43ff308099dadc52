import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export const BOM = '\uFEFF';

/**
 * The one place Markdown is parsed, for documents and templates alike: CommonMark with GitHub's
 * extensions (tables, task lists, footnotes, autolinks), which is what VS Code's preview renders.
 * Callers strip a leading byte order mark first: micromark drops it silently, which would leave
 * every offset one short of the document's.
 */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** CommonMark's label matching: case-insensitive, inner white space collapsed. */
export function normalizeLabel(label: string): string {
  return label.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase().toUpperCase();
}
