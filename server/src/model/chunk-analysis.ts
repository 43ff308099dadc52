import type { CodeSyntaxError, FieldLine, Heading, HtmlSnippet, Placeholder, Relationship, RelationshipPart, Structure } from './blueprint';
import { BOM, normalizeLabel, parseSyntaxTreeWithinBudget } from './markdown-parser';
import type { Span } from './span';
import type { SyntaxNode } from './syntax-tree';
import { analyseTypescript } from './typescript-blocks';

/** A summary of one top-level Markdown block: enough to build sections without keeping the tree. */
export type Block =
  | { readonly kind: 'heading'; readonly heading: Heading; readonly span: Span }
  | { readonly kind: 'guidance'; readonly text: string; readonly span: Span }
  | { readonly kind: 'fields'; readonly fields: readonly FieldLine[]; readonly span: Span }
  | { readonly kind: 'break'; readonly span: Span }
  | { readonly kind: 'comment'; readonly span: Span }
  /** A link reference or footnote definition. */
  | { readonly kind: 'definition'; readonly span: Span }
  /** YAML or TOML front matter, only ever the document's first block. */
  | { readonly kind: 'frontMatter'; readonly span: Span }
  /** A list, with its items' marker (`-`, `+`, `*`, or `.` or `)` after a number): a list cut between two items is joined again. */
  | { readonly kind: 'list'; readonly marker: string; readonly span: Span }
  | { readonly kind: 'other'; readonly span: Span };

export interface ReferenceDefinition {
  readonly label: string;
  /** The definition's source, to be given to other chunks' parses (definitions apply document-wide). */
  readonly source: string;
}

/** What one chunk of a document (a run of whole top-level blocks) contributes to the model; offsets are the chunk's. */
export interface ChunkFacts {
  readonly blocks: readonly Block[];
  readonly placeholders: readonly Placeholder[];
  readonly structures: readonly Structure[];
  readonly typescriptErrors: readonly CodeSyntaxError[];
  readonly relationships: readonly Relationship[];
  readonly definitions: readonly ReferenceDefinition[];
  /** Labels of bracketed text that a definition elsewhere in the document would turn into a link. */
  readonly unresolvedLabels: readonly string[];
  /**
   * The chunk ends inside a block (a fence or HTML block) that would swallow the next chunk's first
   * line, or its last line looks like a list item but is not one that ends a list (the cut after it
   * may have split a paragraph).
   */
  readonly endsOpen: boolean;
  /** Paragraphs whose inline Markdown was read as plain text, being over the inline delimiter budget. */
  readonly degraded: readonly Span[];
  readonly directiveComments: readonly HtmlSnippet[];
  readonly codeBlocks: readonly Span[];
}

const TYPESCRIPT_LANGS = new Set(['typescript', 'ts', 'tsx']);
/** The HTML line break as people write it: `<br>`, `<br/>`, `<br />`, any case. */
const HTML_LINE_BREAK = /^<br\s*\/?>$/i;

/** A line that starts with a list item's marker in column 0 (see section-chunks.ts). */
const LIST_ITEM_LINE = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

/** A list's marker: its first item's bullet, or the delimiter after its number. */
function listMarker(source: string, from: number, ordered: boolean): string {
  if (!ordered) return source[from]!;
  let i = from;
  while (i < source.length && source.charCodeAt(i) >= 48 && source.charCodeAt(i) <= 57) i++;
  return source[i]!;
}

/** A GitHub alert's first line: the marker, then at most white space or a hard line break. */
const ALERT_MARKER_LINE = /^\[!(?:note|tip|important|warning|caution)\][ \t]*\\?$/i;

/**
 * Parses a chunk and summarises it. `definitions` are reference definitions from elsewhere in the
 * document: they are parsed ahead of the chunk (and dropped again) so links resolve exactly as in a
 * parse of the whole document. `documentStart` says the chunk is the document's beginning, the only
 * place front matter can be.
 */
export function analyseChunk(chunk: string, definitions = '', documentStart = false): ChunkFacts {
  const bom = documentStart && chunk.startsWith(BOM) ? 1 : 0;
  const prefix = definitions ? definitions + '\n\n' : '';
  const source = prefix + (bom ? chunk.slice(1) : chunk);
  const { root, degraded } = parseSyntaxTreeWithinBudget(source, { documentStart });
  const shift = bom - prefix.length;
  const facts = new ChunkReader(source, shift, prefix.length).read(root);
  if (degraded.length === 0) return facts;
  // The definitions parsed in front belong to other chunks, which report their own paragraphs.
  const own = degraded.filter((p) => p.start >= prefix.length);
  return { ...facts, degraded: own.map((p) => ({ start: p.start + shift, end: p.end + shift })) };
}

class ChunkReader {
  private readonly blocks: Block[] = [];
  private readonly placeholders: Placeholder[] = [];
  private readonly structures: Structure[] = [];
  private readonly typescriptErrors: CodeSyntaxError[] = [];
  private readonly relationships: Relationship[] = [];
  private readonly definitions: ReferenceDefinition[] = [];
  private readonly unresolvedLabels = new Set<string>();
  private readonly directiveComments: HtmlSnippet[] = [];
  private readonly codeBlocks: Span[] = [];
  /** Source offsets of the `[` of GitHub alert markers (`> [!NOTE]`), which are not placeholders. */
  private readonly alertMarkers = new Set<number>();

  /**
   * @param source the parsed text: definitions prefix, then the chunk without its BOM
   * @param shift added to a source offset to get a chunk offset
   * @param ownStart source offset where the chunk's own text begins
   */
  constructor(
    private readonly source: string,
    private readonly shift: number,
    private readonly ownStart: number,
  ) {}

  read(root: SyntaxNode): ChunkFacts {
    const own = childrenOf(root).filter((node) => start(node) >= this.ownStart);
    for (const node of own) {
      this.blocks.push(this.summarise(node));
      // A chunk is a run of whole top-level blocks: its top-level quotes are the document's.
      if (node.type === 'blockquote') this.noteAlertMarker(node);
      this.visitBlock(node);
    }
    const last = own[own.length - 1];
    return {
      blocks: this.blocks,
      placeholders: this.placeholders,
      structures: this.structures,
      typescriptErrors: this.typescriptErrors,
      relationships: this.relationships,
      definitions: this.definitions,
      unresolvedLabels: [...this.unresolvedLabels],
      endsOpen: last !== undefined && (this.leavesBlockOpen(last) || this.endsWithStrayListMarker(last)),
      degraded: [],
      directiveComments: this.directiveComments,
      codeBlocks: this.codeBlocks,
    };
  }

  private span(node: SyntaxNode): Span {
    return { start: start(node) + this.shift, end: end(node) + this.shift };
  }

  private summarise(node: SyntaxNode): Block {
    const span = this.span(node);
    if (node.type === 'yaml' || node.type === 'toml') return { kind: 'frontMatter', span };
    switch (node.type) {
      case 'heading':
        return { kind: 'heading', heading: this.heading(node), span };
      case 'thematicBreak':
        return { kind: 'break', span };
      case 'html':
        return node.value.startsWith('<!--') ? { kind: 'comment', span } : { kind: 'other', span };
      case 'definition':
      case 'footnoteDefinition':
        return { kind: 'definition', span };
      case 'list':
        return { kind: 'list', marker: listMarker(this.source, start(node), node.flag === true), span };
      case 'paragraph': {
        const guidance = this.guidanceText(node);
        if (guidance !== undefined) return { kind: 'guidance', text: guidance, span };
        const fields = this.fieldLines(node);
        if (fields) return { kind: 'fields', fields, span };
        return { kind: 'other', span };
      }
      default:
        return { kind: 'other', span };
    }
  }

  private heading(node: SyntaxNode): Heading {
    const children = childrenOf(node);
    const span = this.span(node);
    let textSpan: Span;
    if (children.length > 0) {
      textSpan = { start: start(children[0]!) + this.shift, end: end(children[children.length - 1]!) + this.shift };
    } else {
      // An empty heading: its text would go after the `#` marks and one space.
      const line = this.source.slice(start(node), end(node));
      const marks = /^[ \t]*#*[ \t]?/.exec(line)![0].length;
      textSpan = { start: span.start + marks, end: span.start + marks };
    }
    return { depth: node.depth, text: plainText(node).trim(), span, textSpan };
  }

  /** A paragraph made of one bold run and nothing else. */
  private guidanceText(node: SyntaxNode): string | undefined {
    const meaningful = childrenOf(node).filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    if (meaningful.length !== 1 || meaningful[0]!.type !== 'strong') return undefined;
    return plainText(meaningful[0]!).trim();
  }

  /** A paragraph whose every line is `**Label**: value`. */
  private fieldLines(node: SyntaxNode): FieldLine[] | undefined {
    const paragraphStart = start(node);
    const paragraphEnd = end(node);
    const fields: FieldLine[] = [];
    let lineStart = paragraphStart;
    const children = childrenOf(node);
    let childIndex = 0;
    while (lineStart < paragraphEnd) {
      const lineEnd = lineEndFrom(this.source, lineStart, paragraphEnd);
      while (childIndex < children.length && end(children[childIndex]!) <= lineStart) childIndex++;
      const label = children[childIndex];
      const after = children[childIndex + 1];
      const contentStart = skipLinePrefix(this.source, lineStart, lineEnd);
      if (!label || label.type !== 'strong' || start(label) !== contentStart) return undefined;
      if (!after || after.type !== 'text' || this.source[end(label)] !== ':') return undefined;
      const labelText = plainText(label).trim();
      let valueStart = end(label) + 1;
      while (valueStart < lineEnd && (this.source[valueStart] === ' ' || this.source[valueStart] === '\t')) valueStart++;
      let valueEnd = Math.max(valueStart, this.hardBreakStart(children, childIndex, lineEnd));
      while (valueEnd > valueStart && /[ \t]/.test(this.source[valueEnd - 1]!)) valueEnd--;
      fields.push({
        label: labelText,
        labelSpan: this.innerSpan(label),
        value: this.source.slice(valueStart, valueEnd),
        valueSpan: { start: valueStart + this.shift, end: valueEnd + this.shift },
        span: { start: lineStart + this.shift, end: lineEnd + this.shift },
      });
      lineStart = nextLineStart(this.source, lineEnd, paragraphEnd);
    }
    return fields.length > 0 ? fields : undefined;
  }

  /**
   * Where the hard line breaks that end a field line start (`\`, two spaces, `<br>`, `<br/>`, any
   * case), so that a value ends before them: people add them because the footer's lines render as
   * one line on GitHub. `lineEnd` when the line ends without one. A backslash that ends the
   * paragraph is no break but text, as it renders.
   */
  private hardBreakStart(children: readonly SyntaxNode[], labelIndex: number, lineEnd: number): number {
    let last = labelIndex;
    while (last + 1 < children.length && start(children[last + 1]!) < lineEnd) last++;
    let breakStart = lineEnd;
    for (let k = last; k > labelIndex; k--) {
      const child = children[k]!;
      if (child.type === 'break' || (child.type === 'html' && HTML_LINE_BREAK.test(child.value))) breakStart = start(child);
      else if (child.type !== 'text' || this.source.slice(start(child), Math.min(end(child), lineEnd)).trim() !== '') break;
    }
    return breakStart;
  }

  /** A bold run's text without its `**` or `__` marks. */
  private innerSpan(node: SyntaxNode): Span {
    const first = childrenOf(node)[0];
    const last = childrenOf(node)[childrenOf(node).length - 1];
    if (first && last) return { start: start(first) + this.shift, end: end(last) + this.shift };
    const s = this.span(node);
    return { start: s.start + 2, end: s.start + 2 };
  }

  /**
   * Whether the chunk ends inside a fence or HTML block, also one that is the last thing in a list
   * item or block quote: the chunk's end closes it where the document's next line would not, or not
   * at the same offset.
   */
  private leavesBlockOpen(node: SyntaxNode): boolean {
    for (let last: SyntaxNode | undefined = node; last; last = lastChild(last)) {
      const raw = this.source.slice(start(last), end(last));
      if (last.type === 'code' && isUnclosedFence(raw)) return true;
      if (last.type === 'html' && isUnterminatedHtml(raw, this.source.slice(end(last)))) return true;
    }
    return false;
  }

  /**
   * Whether the chunk's last line starts with a list marker in column 0 without being the last item
   * of a list that ends the chunk (`2. x` after a paragraph line continues the paragraph): a cut
   * between two list items (see section-chunks.ts) was then wrong.
   */
  private endsWithStrayListMarker(last: SyntaxNode): boolean {
    const text = this.source;
    let end = text.length;
    while (end > this.ownStart && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    let lineStart = end;
    while (lineStart > this.ownStart && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
    if (!LIST_ITEM_LINE.test(text.slice(lineStart, Math.min(end, lineStart + 12)))) return false;
    if (last.type !== 'list') return true;
    const lastItem = childrenOf(last)[childrenOf(last).length - 1];
    return lastItem === undefined || start(lastItem) !== lineStart;
  }

  private visitBlock(node: SyntaxNode): void {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'tableCell':
        this.visitPhrasing(childrenOf(node), node.type === 'paragraph' ? node : undefined);
        return;
      case 'code':
        this.codeBlocks.push(this.span(node));
        this.visitCode(node);
        return;
      case 'html':
        this.noteHtml(node);
        return;
      case 'definition':
        this.definitions.push({
          label: normalizeLabel(node.name ?? node.identifier ?? ''),
          source: this.source.slice(start(node), end(node)),
        });
        return;
      case 'list':
        for (const item of childrenOf(node)) this.visitListItem(item);
        return;
      case 'footnoteDefinition':
        // Like link definitions, footnote definitions apply document-wide: `[^1]` is a call only where one exists.
        this.definitions.push({
          label: '^' + normalizeLabel(node.name ?? node.identifier ?? ''),
          source: this.source.slice(start(node), end(node)),
        });
        for (const child of childrenOf(node)) this.visitBlock(child);
        return;
      case 'blockquote':
      case 'table':
      case 'tableRow':
      case 'root':
        for (const child of childrenOf(node)) this.visitBlock(child);
        return;
      default:
        return;
    }
  }

  /**
   * GitHub renders a top-level block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
   * `[!WARNING]` or `[!CAUTION]` (any case) and nothing else as an alert: the marker is not text.
   * A marker with more on its line, or in a nested quote or a list, stays text on GitHub.
   */
  private noteAlertMarker(quote: SyntaxNode): void {
    const first = childrenOf(quote)[0];
    if (first?.type !== 'paragraph' || childrenOf(first)[0]?.type !== 'text') return;
    const from = start(first);
    const line = this.source.slice(from, lineEndFrom(this.source, from, end(first)));
    if (ALERT_MARKER_LINE.test(line)) this.alertMarkers.add(from);
  }

  private visitListItem(item: SyntaxNode): void {
    const first = childrenOf(item)[0];
    if (first?.type === 'paragraph') {
      const relationship = this.relationship(first);
      if (relationship) this.relationships.push(relationship);
    }
    for (const child of childrenOf(item)) this.visitBlock(child);
  }

  /** `**A** → **verb** → **B**` (or `->`), possibly followed by more text. */
  private relationship(paragraph: SyntaxNode): Relationship | undefined {
    const [from, arrow1, verb, arrow2, to] = childrenOf(paragraph);
    if (from?.type !== 'strong' || verb?.type !== 'strong' || to?.type !== 'strong') return undefined;
    if (!isArrow(arrow1) || !isArrow(arrow2)) return undefined;
    return {
      span: { start: start(from) + this.shift, end: end(to) + this.shift },
      from: this.part(from),
      verb: this.part(verb),
      to: this.part(to),
    };
  }

  private part(node: SyntaxNode): RelationshipPart {
    const text = plainText(node).trim();
    return { text, span: this.innerSpan(node), isPlaceholder: /^\[[^\]]*\]$/.test(text) };
  }

  private visitPhrasing(children: readonly SyntaxNode[], paragraph: SyntaxNode | undefined): void {
    for (const child of children) {
      switch (child.type) {
        case 'text':
          this.scanText(child, paragraph !== undefined && child === childrenOf(paragraph)[0]);
          break;
        case 'strong':
        case 'emphasis':
        case 'delete':
          this.visitPhrasing(childrenOf(child), undefined);
          break;
        case 'html':
          this.noteHtml(child);
          break;
        default:
          // Links, images, references, footnote calls and inline code hold no placeholders.
          break;
      }
    }
  }

  private noteHtml(node: SyntaxNode): void {
    if (node.value.includes('blueprint-')) this.directiveComments.push({ text: node.value, span: this.span(node) });
  }

  /** Finds `[…]` in a text node's source: not escaped, not a reference link, footnote, image or task box. */
  private scanText(node: SyntaxNode, firstInParagraph: boolean): void {
    const from = start(node);
    const to = end(node);
    const src = this.source;
    let open = -1;
    for (let i = from; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c === 0x5c /* \ */) {
        i++;
        continue;
      }
      if (c === 0x5b /* [ */) {
        open = i;
      } else if (c === 0x5d /* ] */ && open >= 0) {
        const inner = src.slice(open + 1, i);
        this.unresolvedLabels.add(normalizeLabel(inner));
        if (!this.alertMarkers.has(open) && this.isPlaceholder(open, i, inner, firstInParagraph && open === from)) {
          this.placeholders.push({ text: inner, span: { start: open + this.shift, end: i + 1 + this.shift } });
        }
        open = -1;
      }
    }
  }

  private isPlaceholder(open: number, close: number, inner: string, atParagraphStart: boolean): boolean {
    const src = this.source;
    if (inner.trim() === '' || inner.startsWith('^')) return false;
    const before = src[open - 1];
    const after = src[close + 1];
    if (before === ']' || before === '!' || after === '[' || after === '(') return false;
    // `[x]` opening a list item that GFM did not take as a task box (no text after it).
    if (atParagraphStart && (inner === 'x' || inner === 'X')) return false;
    return true;
  }

  private visitCode(node: SyntaxNode): void {
    if (!node.name || !TYPESCRIPT_LANGS.has(node.name.toLowerCase()) || node.value === '') return;
    const content = codeContent(this.source, start(node), end(node), node.value);
    if (!content) return;
    const facts = analyseTypescript(content.code, content.offset + this.shift);
    this.structures.push(...facts.structures);
    this.placeholders.push(...facts.placeholders);
    this.typescriptErrors.push(...facts.syntaxErrors);
  }
}

const NO_CHILDREN: readonly SyntaxNode[] = [];

function childrenOf(node: SyntaxNode): readonly SyntaxNode[] {
  return node.children ?? NO_CHILDREN;
}

function lastChild(node: SyntaxNode): SyntaxNode | undefined {
  return node.children?.[node.children.length - 1];
}

function start(node: SyntaxNode): number {
  return node.start;
}

function end(node: SyntaxNode): number {
  return node.end;
}

/** The node's text as mdast-util-to-string gives it, without HTML and image descriptions. */
function plainText(node: SyntaxNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
    case 'yaml':
    case 'toml':
      return node.value;
    default:
      return childrenOf(node).map(plainText).join('');
  }
}

function isArrow(node: SyntaxNode | undefined): boolean {
  if (node?.type !== 'text') return false;
  const t = node.value.trim();
  return t === '→' || t === '->';
}

function lineEndFrom(src: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && src[i] !== '\n' && src[i] !== '\r') i++;
  return i;
}

function nextLineStart(src: string, lineEnd: number, limit: number): number {
  if (lineEnd >= limit) return limit;
  return src[lineEnd] === '\r' && src[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
}

/** Skips the indentation (and, in block quotes, `>` marks) that precede a paragraph line's text. */
function skipLinePrefix(src: string, from: number, lineEnd: number): number {
  let i = from;
  while (i < lineEnd && (src[i] === ' ' || src[i] === '\t' || src[i] === '>')) i++;
  return i;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

function isUnclosedFence(raw: string): boolean {
  const lines = raw.split(/\r\n|\r|\n/);
  const open = FENCE_OPEN.exec(lines[0]!);
  if (!open) return false;
  if (lines.length < 2) return true;
  const fence = open[1]!;
  const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`);
  return !close.test(lines[lines.length - 1]!);
}

// CommonMark's HTML blocks of kinds 1 to 5: how each starts, how many characters of its opening
// the end marker may not overlap, and the marker that ends it.
const HTML_END_MARKERS: Array<[RegExp, number, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, 1, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, 4, /-->/],
  [/^ {0,3}<\?/, 2, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, 9, /\]\]>/],
  [/^ {0,3}<![A-Za-z]/, 2, />/],
];

/** An HTML block that has not met its end condition would go on over the next line. */
function isUnterminatedHtml(raw: string, rest: string): boolean {
  for (const [opening, skip, ending] of HTML_END_MARKERS) {
    if (opening.test(raw)) return !ending.test(raw.slice(raw.indexOf('<') + skip));
  }
  // Every other HTML block ends at a blank line.
  return !/^(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/.test(rest);
}

interface CodeContent {
  code: string;
  offset: number;
}

/**
 * A fenced block's content as it stands in the source, container prefixes (`> `, list indentation)
 * blanked, so offsets in it plus `offset` are source offsets.
 */
function codeContent(src: string, from: number, to: number, value: string): CodeContent | undefined {
  const firstBreak = src.slice(from, to).search(/\r\n|\r|\n/);
  if (firstBreak < 0) return undefined;
  const contentStart = from + firstBreak + (src.startsWith('\r\n', from + firstBreak) ? 2 : 1);
  const valueLines = value.split(/\r\n|\r|\n/);
  let cursor = contentStart;
  let code = '';
  for (const valueLine of valueLines) {
    const lineEnd = lineEndFrom(src, cursor, to);
    const rawLine = src.slice(cursor, lineEnd);
    code += rawLine.endsWith(valueLine) ? ' '.repeat(rawLine.length - valueLine.length) + valueLine : ' '.repeat(rawLine.length);
    const next = nextLineStart(src, lineEnd, to);
    code += src.slice(lineEnd, next);
    cursor = next;
    if (cursor >= to) break;
  }
  return { code, offset: contentStart };
}
