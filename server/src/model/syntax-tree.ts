import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Event, Extension, Token } from 'micromark-util-types';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { parse, postprocess, preprocess } from 'micromark';

/**
 * A node of the syntax tree the model reads: mdast's node types, nesting and offsets (what
 * mdast-util-from-markdown makes of the same micromark events), with only the values the model
 * uses. Built straight from micromark's events: mdast-util-from-markdown spends as long building
 * its tree (a context object and position objects per event) as micromark spends on the inline
 * parse, and most of that tree is never read. `test/unit/syntax-tree.property.test.ts` checks that
 * this tree is mdast's, restricted to these fields, on generated and mutated documents.
 */
export interface SyntaxNode {
  /** mdast's type: `paragraph`, `heading`, `text`, `strong`, `code`, `html`, `list`, `listItem`, … */
  type: string;
  /** Offsets in the parsed text, as mdast's `position.start.offset` and `position.end.offset`. */
  start: number;
  end: number;
  /** Present on the types that have children in mdast (also when empty), absent on the others. */
  children: SyntaxNode[] | undefined;
  /**
   * mdast's `value` on `text`, `inlineCode`, `code`, `html`, `yaml` and `toml`; a heading's depth as
   * text is not kept here (see `depth`); '' elsewhere.
   */
  value: string;
  /** A heading's depth, 1 to 6; 0 elsewhere. */
  depth: number;
  /** A list is ordered; a list item's task box is checked (true), unchecked (false), or there is none. */
  flag: boolean | undefined;
  /** A fenced code block's info word (`lang`), a definition's or footnote definition's label (decoded). */
  name: string | undefined;
  /** A definition's or footnote definition's identifier (normalised, lower case). */
  identifier: string | undefined;
}

/** mdast's node types with children. */
const PARENT_TYPES = new Set([
  'root',
  'fragment',
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'footnoteDefinition',
]);

/** mdast-util-from-markdown's `canContainEols` with remark-gfm's (`delete`): where a line ending is text. */
const CAN_CONTAIN_EOLS = new Set(['emphasis', 'fragment', 'heading', 'paragraph', 'strong', 'delete']);

function node(type: string, start: number): SyntaxNode {
  return {
    type,
    start,
    end: start,
    children: PARENT_TYPES.has(type) ? [] : undefined,
    value: '',
    depth: 0,
    flag: undefined,
    name: undefined,
    identifier: undefined,
  };
}

/** Nodes opened by a token of the same name, closed when it exits. */
const OPENERS: Record<string, string> = {
  atxHeading: 'heading',
  setextHeading: 'heading',
  blockQuote: 'blockquote',
  codeFenced: 'code',
  codeIndented: 'code',
  codeText: 'inlineCode',
  definition: 'definition',
  emphasis: 'emphasis',
  strong: 'strong',
  hardBreakEscape: 'break',
  hardBreakTrailing: 'break',
  htmlFlow: 'html',
  htmlText: 'html',
  image: 'image',
  link: 'link',
  autolink: 'link',
  literalAutolink: 'link',
  listOrdered: 'list',
  listUnordered: 'list',
  paragraph: 'paragraph',
  thematicBreak: 'thematicBreak',
  gfmFootnoteCall: 'footnoteReference',
  gfmFootnoteDefinition: 'footnoteDefinition',
  strikethrough: 'delete',
  table: 'table',
  tableRow: 'tableRow',
  tableData: 'tableCell',
  tableHeader: 'tableCell',
  yaml: 'yaml',
  toml: 'toml',
};

/** Tokens whose content is gathered apart (mdast-util-from-markdown's `buffer`) and read on exit. */
const BUFFERED = new Set([
  'codeFencedFenceInfo',
  'codeFencedFenceMeta',
  'codeIndented',
  'codeText',
  'definitionDestinationString',
  'definitionLabelString',
  'definitionTitleString',
  'htmlFlow',
  'htmlText',
  'label',
  'referenceString',
  'resourceDestinationString',
  'resourceTitleString',
  'gfmFootnoteCallString',
  'gfmFootnoteDefinitionLabelString',
  'yaml',
  'toml',
]);

/** Tokens that start text (mdast-util-from-markdown's `onenterdata`): a text node, or more of the one before. */
const ENTER_DATA = new Set([
  'data',
  'codeFlowValue',
  'codeTextData',
  'htmlFlowData',
  'htmlTextData',
  'characterEscape',
  'characterReference',
  'autolinkProtocol',
  'autolinkEmail',
  'literalAutolinkEmail',
  'literalAutolinkHttp',
  'literalAutolinkWww',
  'yamlValue',
  'tomlValue',
]);

/** Tokens whose source is text (mdast-util-from-markdown's `onexitdata`). */
const EXIT_DATA = new Set([
  'data',
  'codeFlowValue',
  'codeTextData',
  'htmlFlowData',
  'htmlTextData',
  'characterEscapeValue',
  'autolinkProtocol',
  'autolinkEmail',
  'literalAutolinkEmail',
  'literalAutolinkHttp',
  'literalAutolinkWww',
  'yamlValue',
  'tomlValue',
]);

const LINE_ENDING_AT_EDGES = /^(\r?\n|\r)|(\r?\n|\r)$/g;
const LINE_ENDING_AT_END = /(\r?\n|\r)$/g;
const TABLE_CODE_ESCAPE = /\\([\\|])/g;

/**
 * Parses `text` with micromark and the given extensions (GFM, and front matter at a document's
 * start) and builds its syntax tree, as mdast-util-from-markdown with remark-gfm's and
 * remark-frontmatter's mdast extensions would (without remark-gfm's autolink-literal transform,
 * which markdown-parser.ts drops as well).
 */
export function parseSyntaxTree(text: string, extensions: Extension[]): SyntaxNode {
  const events = postprocess(
    parse({ extensions })
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  return new TreeBuilder().build(events);
}

class TreeBuilder {
  private readonly root = node('root', 0);
  private readonly stack: SyntaxNode[] = [this.root];
  private atHardBreak = false;
  private setextHeadingSlurpLineEnding = false;
  private flowCodeInside = false;
  private inTable = false;
  private characterReferenceType: string | undefined;
  /** A link's or image's label has been read and no resource (`(url)`) after it yet. */
  private inReference = false;

  build(events: Event[]): SyntaxNode {
    const stack = this.stack;
    for (let i = 0; i < events.length; i++) {
      const [kind, token, context] = events[i]!;
      const type: string = token.type;
      if (kind === 'enter') {
        const opened = OPENERS[type];
        if (opened !== undefined) {
          const created = node(opened, token.start.offset);
          if (type === 'listOrdered' || type === 'listUnordered') created.flag = type === 'listOrdered';
          const parent = stack[stack.length - 1]!;
          parent.children!.push(created);
          stack.push(created);
        } else if (type === 'listItemPrefix') {
          this.openListItem(token);
        } else if (ENTER_DATA.has(type)) {
          this.enterData(token);
        }
        if (type === 'table') this.inTable = true;
        if (BUFFERED.has(type)) stack.push(node('fragment', token.start.offset));
        continue;
      }
      // exit
      switch (type) {
        case 'lineEnding':
          this.exitLineEnding(token, context.sliceSerialize(token));
          continue;
        case 'atxHeadingSequence': {
          const heading = stack[stack.length - 1]!;
          if (heading.depth === 0) heading.depth = token.end.offset - token.start.offset;
          continue;
        }
        case 'setextHeadingText':
          this.setextHeadingSlurpLineEnding = true;
          continue;
        case 'setextHeadingLineSequence':
          stack[stack.length - 1]!.depth = context.sliceSerialize(token).codePointAt(0) === 61 ? 1 : 2;
          continue;
        case 'setextHeading':
          this.setextHeadingSlurpLineEnding = false;
          this.close(token);
          continue;
        case 'characterReferenceMarkerHexadecimal':
        case 'characterReferenceMarkerNumeric':
          this.characterReferenceType = type;
          continue;
        case 'characterReferenceValue': {
          const data = context.sliceSerialize(token);
          const referenceType = this.characterReferenceType;
          this.characterReferenceType = undefined;
          const value = referenceType
            ? decodeNumericCharacterReference(data, referenceType === 'characterReferenceMarkerNumeric' ? 10 : 16)
            : decodeNamedCharacterReference(data);
          stack[stack.length - 1]!.value += value;
          continue;
        }
        case 'characterReference':
          stack.pop()!.end = token.end.offset;
          continue;
        case 'codeFencedFence':
          if (!this.flowCodeInside) {
            stack.push(node('fragment', token.start.offset));
            this.flowCodeInside = true;
          }
          continue;
        case 'codeFencedFenceInfo': {
          const lang = this.resume();
          stack[stack.length - 1]!.name = lang;
          continue;
        }
        case 'codeFenced': {
          const value = this.resume();
          stack[stack.length - 1]!.value = value.replace(LINE_ENDING_AT_EDGES, '');
          this.flowCodeInside = false;
          this.close(token);
          continue;
        }
        case 'codeIndented': {
          const value = this.resume();
          stack[stack.length - 1]!.value = value.replace(LINE_ENDING_AT_END, '');
          this.close(token);
          continue;
        }
        case 'codeText': {
          let value = this.resume();
          if (this.inTable) value = value.replace(TABLE_CODE_ESCAPE, (all: string, escaped: string) => (escaped === '|' ? escaped : all));
          stack[stack.length - 1]!.value = value;
          this.close(token);
          continue;
        }
        case 'htmlFlow':
        case 'htmlText':
        case 'yaml':
        case 'toml': {
          let value = this.resume();
          if (type === 'yaml' || type === 'toml') value = value.replace(LINE_ENDING_AT_EDGES, '');
          stack[stack.length - 1]!.value = value;
          this.close(token);
          continue;
        }
        case 'definitionLabelString':
        case 'gfmFootnoteDefinitionLabelString': {
          const label = this.resume();
          const definition = stack[stack.length - 1]!;
          definition.name = label;
          definition.identifier = normalizeIdentifier(context.sliceSerialize(token)).toLowerCase();
          continue;
        }
        case 'label': {
          const fragment = stack[stack.length - 1]!;
          this.resume();
          const link = stack[stack.length - 1]!;
          this.inReference = true;
          if (link.type === 'link') link.children = fragment.children;
          continue;
        }
        case 'resource':
          this.inReference = false;
          continue;
        case 'link':
        case 'image': {
          // mdast calls a link or image with a label and no resource a reference.
          if (this.inReference) stack[stack.length - 1]!.type += 'Reference';
          this.close(token);
          continue;
        }
        case 'hardBreakEscape':
        case 'hardBreakTrailing':
          this.atHardBreak = true;
          this.close(token);
          continue;
        case 'taskListCheckValueChecked':
        case 'taskListCheckValueUnchecked':
          stack[stack.length - 2]!.flag = type === 'taskListCheckValueChecked';
          continue;
        case 'paragraph':
          this.exitParagraph();
          this.close(token);
          continue;
        case 'table':
          this.inTable = false;
          this.close(token);
          continue;
        case 'listOrdered':
        case 'listUnordered':
          // The last item ends with its list (its own end is not read).
          if (stack[stack.length - 1]!.type === 'listItem') stack.pop();
          this.close(token);
          continue;
        default:
          break;
      }
      if (EXIT_DATA.has(type)) {
        const tail = stack.pop()!;
        tail.value += context.sliceSerialize(token);
        tail.end = token.end.offset;
      } else if (BUFFERED.has(type)) {
        this.resume();
      } else if (OPENERS[type] !== undefined) {
        this.close(token);
      }
    }
    const first = events[0];
    const last = events[events.length - 2];
    this.root.start = first ? first[1].start.offset : 0;
    this.root.end = last ? last[1].end.offset : 0;
    return this.root;
  }

  private enterData(token: Token): void {
    const parent = this.stack[this.stack.length - 1]!;
    const siblings = parent.children!;
    let tail = siblings[siblings.length - 1];
    if (!tail || tail.type !== 'text') {
      tail = node('text', token.start.offset);
      siblings.push(tail);
    }
    this.stack.push(tail);
  }

  private exitLineEnding(token: Token, source: string): void {
    const context = this.stack[this.stack.length - 1]!;
    if (this.atHardBreak) {
      context.children![context.children!.length - 1]!.end = token.end.offset;
      this.atHardBreak = false;
      return;
    }
    if (!this.setextHeadingSlurpLineEnding && CAN_CONTAIN_EOLS.has(context.type)) {
      this.enterData(token);
      const tail = this.stack.pop()!;
      tail.value += source;
      tail.end = token.end.offset;
    }
  }

  /**
   * A list item starts at each item's prefix (mdast-util-from-markdown's `prepareList`); the
   * previous item of the same list, whose content has been closed by then, ends.
   */
  private openListItem(token: Token): void {
    const stack = this.stack;
    if (stack[stack.length - 1]!.type === 'listItem') stack.pop();
    const item = node('listItem', token.start.offset);
    stack[stack.length - 1]!.children!.push(item);
    stack.push(item);
  }

  /** remark-gfm's task list items: the space after the box belongs to it, not to the paragraph's text. */
  private exitParagraph(): void {
    const stack = this.stack;
    const parent = stack[stack.length - 2];
    if (!parent || parent.type !== 'listItem' || parent.flag === undefined) return;
    const paragraph = stack[stack.length - 1]!;
    const head = paragraph.children![0];
    if (!head || head.type !== 'text') return;
    if (parent.children!.find((sibling) => sibling.type === 'paragraph') !== paragraph) return;
    head.value = head.value.slice(1);
    if (head.value.length === 0) {
      paragraph.children!.shift();
    } else {
      head.start++;
      paragraph.start = head.start;
    }
  }

  private close(token: Token): void {
    this.stack.pop()!.end = token.end.offset;
  }

  /** The text gathered since the matching `buffer` (mdast-util-to-string of the fragment). */
  private resume(): string {
    return textOf(this.stack.pop()!);
  }
}

function textOf(node: SyntaxNode): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'code') return node.value;
  if (node.children === undefined) return '';
  let text = '';
  for (const child of node.children) text += textOf(child);
  return text;
}

/** micromark-util-normalize-identifier: CommonMark's label matching, before lower-casing. */
function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}
