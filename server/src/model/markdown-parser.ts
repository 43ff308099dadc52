import type { Root } from 'mdast';
import type { Extension as MdastExtension } from 'mdast-util-from-markdown';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { maskOverBudgetParagraphs } from './inline-budget';
import type { Span } from './span';
import { parseSyntaxTree, type SyntaxNode } from './syntax-tree';

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
// YAML (`---`) and TOML (`+++`) front matter is only front matter on a document's first line: a text
// that starts further into the document (a chunk, see section-chunks.ts) is parsed without it. Made
// when a document first has some, so that starting the server does not wait for it.
let frontMatterProcessor: Processor<Root> | undefined;
function withFrontMatter(): Processor<Root> {
  frontMatterProcessor ??= unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(withoutMdastTransforms)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .freeze();
  return frontMatterProcessor;
}

export const BOM = '\uFEFF';

/**
 * The one place Markdown is parsed, for documents and templates alike: CommonMark with GitHub's
 * extensions (tables, task lists, footnotes, autolinks), which is what VS Code's preview renders,
 * and, when the text is the start of a document, YAML or TOML front matter.
 * Callers strip a leading byte order mark first: micromark drops it silently, which would leave
 * every offset one short of the document's.
 */
export function parseMarkdown(text: string, { documentStart = true } = {}): Root {
  return parseMarkdownWithinBudget(text, { documentStart }).root;
}

/** The same, with the paragraphs whose inline content was read as plain text (see inline-budget.ts). */
export function parseMarkdownWithinBudget(
  text: string,
  { documentStart = true } = {},
): { readonly root: Root; readonly degraded: readonly Span[] } {
  const { text: masked, paragraphs } = maskOverBudgetParagraphs(text);
  // micromark-extension-frontmatter 2.0.0 leaves the parser unable to open lists and block quotes for
  // the rest of the text after an opening fence that nothing closes (its issue #5): it is only given
  // texts whose front matter is closed, which is when it reads one at all.
  const hasFrontMatter = documentStart && frontMatterEnd(masked) !== undefined;
  return { root: (hasFrontMatter ? withFrontMatter() : processor).parse(masked), degraded: paragraphs };
}

/**
 * The same parse as `parseMarkdownWithinBudget` (the micromark extensions remark-gfm and
 * remark-frontmatter give remark), read into the model's syntax tree (syntax-tree.ts) rather than
 * mdast: what the analysis of a chunk reads, at about half the cost.
 */
export function parseSyntaxTreeWithinBudget(
  text: string,
  { documentStart = true } = {},
): { readonly root: SyntaxNode; readonly degraded: readonly Span[] } {
  const { text: masked, paragraphs } = maskOverBudgetParagraphs(text);
  // As above: the front matter extension only sees closed front matter.
  const hasFrontMatter = documentStart && frontMatterEnd(masked) !== undefined;
  return { root: parseSyntaxTree(masked, hasFrontMatter ? [gfm(), frontmatter(['yaml', 'toml'])] : [gfm()]), degraded: paragraphs };
}

const FRONT_MATTER_OPENING = /^\uFEFF?(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)/;

/**
 * Where the line after a text's YAML (`---`) or TOML (`+++`) front matter starts (the text's length
 * when it ends there), by the rules of micromark-extension-frontmatter, which parses it: the first
 * line (after a BOM) is the fence and white space, and the first later line that is the same fence
 * and white space closes it. Undefined when the text starts with none.
 */
export function frontMatterEnd(text: string): number | undefined {
  const open = FRONT_MATTER_OPENING.exec(text.slice(0, 512));
  if (!open) return undefined;
  const closing = open[1] === '---' ? /^---[ \t]*(?:\r\n|\r|\n|$(?![^]))/gm : /^\+\+\+[ \t]*(?:\r\n|\r|\n|$(?![^]))/gm;
  closing.lastIndex = open[0].length;
  let match: RegExpExecArray | null;
  while ((match = closing.exec(text)) !== null) {
    // `^` also matches after U+2028 and U+2029, and between the CR and LF of a CRLF: no line starts there.
    const before = text.charCodeAt(match.index - 1);
    if (before === 10 || (before === 13 && text.charCodeAt(match.index) !== 10)) return match.index + match[0].length;
    closing.lastIndex = match.index + 1;
  }
  return undefined;
}

/** CommonMark's label matching: case-insensitive, inner white space collapsed. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase();
}
