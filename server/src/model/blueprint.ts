import type { Span } from './span';

/**
 * The typed model of a blueprint document. It holds only what the features need, as offsets into
 * the document text (never a syntax tree), so that a hundred open blueprints stay small.
 * The model knows nothing of templates: the features compare it against a TemplateSchema.
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
