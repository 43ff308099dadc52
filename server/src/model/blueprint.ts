import type { Span } from './span';

/**
 * The typed model of a blueprint document. It holds only what the features need, as offsets into
 * the document text (never a syntax tree), so that a hundred open blueprints stay small.
 * The model knows nothing of templates: the alignment (server/src/alignment/) lines it up with a TemplateSchema.
 */
export interface Blueprint {
  /** YAML (`---`) or TOML (`+++`) front matter before everything else, fences included. */
  readonly frontMatter: Span | undefined;
  /** The document's first heading when it is a level-1 heading. */
  readonly title: Heading | undefined;
  /** Every level-2 section, in document order. */
  readonly sections: readonly Section[];
  readonly placeholders: readonly Placeholder[];
  readonly structures: readonly Structure[];
  /** What the TypeScript parser could not read in the `typescript` blocks, in document order. */
  readonly typescriptErrors: readonly CodeSyntaxError[];
  /** Every `**A** → **verb** → **B**` list item, wherever it stands (features decide which count). */
  readonly relationships: readonly Relationship[];
  /**
   * The `**Label**: value` lines (Status, Last Updated, Author, …) of the last run of such paragraphs
   * after the last heading, when it is the footer: after a thematic break, or else followed only by
   * definitions, comments and breaks (see `footerRun` in blueprint-parser.ts).
   */
  readonly footer: readonly FieldLine[];
  /** The whole text length, so features can clamp positions. */
  readonly length: number;
  /** Paragraphs too dense with Markdown delimiters to parse inline: read as plain text (see inline-budget.ts). */
  readonly degraded: readonly Span[];
  /** HTML comments and inline HTML that mention `blueprint-`: where rule-control directives can be. */
  readonly directiveComments: readonly HtmlSnippet[];
  /** Fenced and indented code blocks, where a comment would be code, not a comment. */
  readonly codeBlocks: readonly Span[];
  /**
   * The document's chunks in order, each with its facts relative to its own start: what a feature
   * works out from one chunk alone is worked out once and reused in every later version where the
   * chunk reads the same (its `facts` is then the same object), moved to where the chunk is now.
   * Not enumerable: two models of the same text compare equal however they were cut.
   */
  readonly chunks: readonly BlueprintChunk[];
}

/** One chunk of a document: a run of whole top-level blocks, starting at a line's start. */
export interface BlueprintChunk {
  /** Where the chunk starts in the document. */
  readonly start: number;
  /** The document line (0-based) on which it starts. */
  readonly line: number;
  /** Its own facts, offsets relative to its start: the same object in every version where the chunk reads the same. */
  readonly facts: ChunkOwnFacts;
  /** The line (relative to the chunk's first line) and UTF-16 character of an offset relative to the chunk's start. */
  positionAt(offset: number): { readonly line: number; readonly character: number };
}

/** What a chunk contributes that needs no other chunk to be understood, offsets relative to the chunk. */
export interface ChunkOwnFacts {
  readonly placeholders: readonly Placeholder[];
  readonly typescriptErrors: readonly CodeSyntaxError[];
  readonly degraded: readonly Span[];
  readonly structures: readonly Structure[];
  readonly relationships: readonly Relationship[];
}

export interface HtmlSnippet {
  readonly text: string;
  readonly span: Span;
}

export interface Heading {
  readonly depth: number;
  /** The heading's plain text, without its `#` marks. */
  readonly text: string;
  /** The whole heading line(s). */
  readonly span: Span;
  /** The heading's text. */
  readonly textSpan: Span;
}

export interface Section {
  readonly heading: Heading;
  /** From the heading to the end of the last block before the next heading of the same or a higher level. */
  readonly span: Span;
  /** A first paragraph made of one bold run, as the template's guidance lines are. */
  readonly guidance: GuidanceLine | undefined;
  /** Where the section's last block other than a thematic break or comment ends (the heading's end if none). */
  readonly contentEnd: number;
  /** Blocks under the heading other than the guidance line and thematic breaks (subsection headings count). */
  readonly contentBlockCount: number;
  /** Level-3 headings under a level-2 section; always empty for a subsection. */
  readonly subsections: readonly Section[];
}

export interface GuidanceLine {
  readonly text: string;
  readonly span: Span;
}

export interface Placeholder {
  /** What is between the brackets. */
  readonly text: string;
  /** From `[` to `]` inclusive. */
  readonly span: Span;
}

export type StructureKind = 'interface' | 'type' | 'class' | 'enum';

export interface Structure {
  readonly kind: StructureKind;
  /** The declared name as written, placeholder brackets included (`[SystemName]State`). */
  readonly name: string;
  readonly nameSpan: Span;
  /** True while the name still holds a placeholder. */
  readonly nameIsPlaceholder: boolean;
  /** The whole declaration. */
  readonly span: Span;
  readonly fields: readonly Field[];
  /** Names used as types in the declaration (`extends`, field types), for navigation. */
  readonly typeReferences: readonly NameReference[];
}

/** A syntax error in a code block, at the token where the parser stopped. */
export interface CodeSyntaxError {
  /** The parser's own message, without its line and column. */
  readonly message: string;
  readonly span: Span;
}

export interface Field {
  readonly name: string;
  readonly nameSpan: Span;
  readonly span: Span;
  /** The type annotation as written, if any. */
  readonly type: string | undefined;
}

export interface NameReference {
  readonly name: string;
  readonly span: Span;
}

/** `**A** → **verb** → **B**` in a list item. */
export interface Relationship {
  readonly span: Span;
  readonly from: RelationshipPart;
  readonly verb: RelationshipPart;
  readonly to: RelationshipPart;
}

export interface RelationshipPart {
  /** The bold text as written. */
  readonly text: string;
  /** The bold text without its `**` marks. */
  readonly span: Span;
  readonly isPlaceholder: boolean;
}

/** A `**Label**: value` line. */
export interface FieldLine {
  readonly label: string;
  readonly labelSpan: Span;
  /** The value as written, trimmed. */
  readonly value: string;
  /** Where the value is; empty (start = end) right after the colon and space when there is none. */
  readonly valueSpan: Span;
  readonly span: Span;
}
