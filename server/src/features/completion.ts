import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { alignmentOf, isRelationshipPlace } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Structure, StructureKind } from '../model/blueprint';
import { BOM, parseMarkdown } from '../model/markdown-parser';
import type { SectionSchema, SubsectionSchema } from '../template/schema';
import type { Span } from '../model/span';
import { lineBreakOf, withLineBreaks } from './document-edits';
import type { FooterValues } from '../template/footer-values';
import { toOffset, toRange } from '../lsp-ranges';
import { sectionSnippet, templateSnippet } from '../template/snippets';
import { newBlueprintText, templateBlock } from '../template/template-text';

/**
 * `#` starts headings, `*` a relationship's bold ends, a space the value after `**Label**:` and a
 * field's type after its colon; `<` a type argument and `|` a union member.
 */
export const COMPLETION_TRIGGER_CHARACTERS = ['#', '*', ' ', '<', '|'];

/** The line the cursor is on, as offsets, with the text either side of the cursor. */
interface CursorLine {
  /** The line's number, from 0. */
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly offset: number;
  readonly before: string;
  readonly after: string;
}

/** What the request brings besides the position: the footer values and whether the client takes snippets. */
interface Wanted {
  readonly values: FooterValues;
  readonly snippets: boolean;
}

type Context = (analysed: AnalysedBlueprint, line: CursorLine, wanted: Wanted) => CompletionItem[] | undefined;

/**
 * What can be written at the cursor: the whole template in an empty blueprint, missing sections and
 * subsections at a heading, footer values, and the declared structures where a structure is named.
 */
export function completions(analysed: AnalysedBlueprint, position: Position, values: FooterValues, snippets = true): CompletionItem[] {
  const line = cursorLine(analysed, position);
  const wanted: Wanted = { values, snippets };
  const contexts: Context[] = [wholeTemplate, footerValue, sectionHeading, subsectionHeading, relationshipEnd, fieldType];
  for (const context of contexts) {
    const items = context(analysed, line, wanted);
    if (items) return items;
  }
  return [];
}

function cursorLine({ document }: AnalysedBlueprint, position: Position): CursorLine {
  const text = document.getText();
  const offset = toOffset(document, position);
  let start = toOffset(document, { line: position.line, character: 0 });
  if (start === 0 && text.startsWith(BOM)) start = 1;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { number: position.line, start, end, offset, before: text.slice(start, offset), after: text.slice(offset, end) };
}

/** On the first line of an otherwise empty blueprint: the whole template, date and author filled. */
const wholeTemplate: Context = ({ document, model, schema }, line, { values, snippets }) => {
  if (line.number !== 0 || document.getText().slice(line.end).trim() !== '' || model.sections.length > 0) return undefined;
  const text = newBlueprintText(schema, { name: '', date: values.date, ...(values.author ? { author: values.author } : {}) });
  return [
    {
      label: schema.kind,
      kind: CompletionItemKind.Snippet,
      detail: `The whole ${schema.kind} template`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `Every section of the ${schema.kind} template, with its placeholders as tab stops.`,
      },
      filterText: `# ${schema.title}`,
      textEdit: {
        range: toRange(document, { start: line.start, end: line.end }),
        newText: withLineBreaks(snippets ? templateSnippet(text) : text, lineBreakOf(document)),
      },
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    },
  ];
};

/** After `**Label**: ` in the footer: the allowed values, today's date or the author. */
const footerValue: Context = (analysed, line, { values }) => {
  // After the label's closing `**` and its colon, to the end of the line.
  const aligned = alignmentOf(analysed).fields.find((f) => line.offset >= f.line.labelSpan.end + 3 && line.offset <= f.line.span.end);
  if (!aligned) return undefined;
  const { line: field, schema: fieldSchema } = aligned;
  if (!fieldSchema) return undefined;
  const { document } = analysed;
  const choices =
    fieldSchema.kind === 'choice'
      ? fieldSchema.values
      : fieldSchema.kind === 'date'
        ? [values.date]
        : fieldSchema.kind === 'person' && values.author
          ? [values.author]
          : [];
  const text = document.getText();
  const start = Math.min(line.offset, field.valueSpan.start);
  const range = toRange(document, { start, end: field.valueSpan.end });
  const space = text[start - 1] === ':' ? ' ' : '';
  // A placeholder value is not a filter: every choice stays listed while the cursor is inside it.
  const typed = text.slice(start, line.offset);
  const isPlaceholder = /^\[[^\]]*\]$/.test(field.value);
  const detail = fieldSchema.kind === 'date' ? 'Today' : fieldSchema.kind === 'person' ? 'Author' : fieldSchema.label;
  return choices.map((value, index): CompletionItem => ({
    label: value,
    kind: fieldSchema.kind === 'choice' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
    detail,
    sortText: String(index).padStart(3, '0'),
    filterText: isPlaceholder ? typed + value : value,
    textEdit: { range, newText: space + value },
  }));
};

const HEADING_LINE = /^(#{1,3})(?:[ \t].*)?$/;

/**
 * At a `#` or `##` line outside code: the template sections the blueprint lacks, in template order
 * (a section counts as present when a heading other than the one being typed has its name).
 */
const sectionHeading: Context = (analysed, line, { snippets }) => {
  const marks = HEADING_LINE.exec(line.before)?.[1];
  if (marks === undefined || marks.length > 2) return undefined;
  const { model, schema } = analysed;
  // A `#` line in front matter is a YAML or TOML comment.
  if (model.frontMatter && line.start < model.frontMatter.end) return undefined;
  const isHeading =
    marks.length === 2
      ? model.sections.some((s) => s.heading.span.start === line.start)
      : // A level-1 line ends the section before it; inside a code block it would not.
        model.title?.span.start !== line.start && !model.sections.some((s) => s.span.start <= line.start && line.start < s.span.end);
  if (!isHeading) return undefined;
  const { occurrences } = alignmentOf(analysed);
  return schema.sections
    .map((section, index) => ({ section, index }))
    .filter(({ index }) => occurrences[index]!.every((s) => s.section.heading.span.start === line.start))
    .map(({ section, index }) =>
      headingItem(analysed, line, snippets, section, index, '##', CompletionItemKind.Module, `${schema.kind} section`, section.guidance),
    );
};

/** At a `###` line inside a template section: that section's missing subsections. */
const subsectionHeading: Context = (analysed, line, { snippets }) => {
  if (HEADING_LINE.exec(line.before)?.[1] !== '###') return undefined;
  const section = alignmentOf(analysed).sections.find((s) => s.section.subsections.some((sub) => sub.heading.span.start === line.start));
  if (!section) return undefined;
  const sectionSchema = section.schema;
  if (!sectionSchema) return [];
  const present = new Set(section.subsections.filter((s) => s.subsection.heading.span.start !== line.start).map((s) => s.schema));
  return sectionSchema.subsections
    .map((sub, index) => ({ sub, index }))
    .filter(({ sub }) => !present.has(sub))
    .map(({ sub, index }) =>
      headingItem(
        analysed,
        line,
        snippets,
        sub,
        index,
        '###',
        CompletionItemKind.Module,
        `Subsection of ${sectionSchema.name}`,
        sectionSchema.guidance,
      ),
    );
};

/** Replaces the heading line being typed with the template's text for it, a blank line kept after it. */
function headingItem(
  { document }: AnalysedBlueprint,
  line: CursorLine,
  snippets: boolean,
  part: SectionSchema | SubsectionSchema,
  index: number,
  marks: string,
  kind: CompletionItemKind,
  detail: string,
  guidance: string | undefined,
): CompletionItem {
  const text = document.getText();
  const lineBreak = lineBreakOf(document);
  const following = /^(?:\r\n|\r|\n)*/.exec(text.slice(line.end, line.end + 8))![0].replace(/\r\n/g, '\n').length;
  const spacing = line.end >= text.length ? '' : lineBreak.repeat(Math.max(0, 2 - following));
  return {
    label: part.name,
    kind,
    detail,
    documentation: {
      kind: MarkupKind.Markdown,
      value: `${guidance ? `*${guidance}*\n\n` : ''}\`\`\`markdown\n${part.source.replace(/\s+$/, '')}\n\`\`\``,
    },
    filterText: `${marks} ${part.name}`,
    sortText: String(index).padStart(3, '0'),
    textEdit: {
      range: toRange(document, { start: line.start, end: line.end }),
      newText: withLineBreaks(snippets ? sectionSnippet(part) : templateBlock(part.source), lineBreak) + spacing,
    },
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
}

const RELATIONSHIP_FROM = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\*\*([^*]*)$/;
const RELATIONSHIP_TO = /(?:→|->)[ \t]*\*\*[^*]*\*\*[ \t]*(?:→|->)[ \t]*\*\*([^*]*)$/;

/**
 * In `**A** → **verb** → **B**`, at A or B, where the template has relationship bullets: the
 * structures the blueprint declares. A bold-arrow bullet elsewhere is prose and gets nothing.
 */
const relationshipEnd: Context = (analysed, line) => {
  const to = RELATIONSHIP_TO.exec(line.before);
  const from = to ? undefined : RELATIONSHIP_FROM.exec(line.before);
  if (!to && !from) return undefined;
  if (!isRelationshipPlace(alignmentOf(analysed), line.start)) return undefined;
  const typed = (to ?? from)![1]!;
  return structureItems(analysed, line, typed);
};

const TYPE_POSITION = /(?:^[ \t]*(?:readonly[ \t]+)?[\w$]+\??[ \t]*:|[<|&,([=]|\bextends|\bimplements)[ \t]*([A-Za-z_$][\w$]*)?$/;

/** Where a type goes in a typescript block (a field's type, `extends`, a type argument): the declared structures. */
const fieldType: Context = (analysed, line) => {
  const match = TYPE_POSITION.exec(line.before);
  if (!match || line.before.includes('//')) return undefined;
  const inDeclaration = analysed.model.structures.some((s) => s.span.start < line.offset && line.offset <= s.span.end);
  if (!inDeclaration && !insideTypescriptBlock(analysed, line)) return undefined;
  return structureItems(analysed, line, match[1] ?? '');
};

/**
 * Whether the cursor is in a fenced typescript block. A declaration being typed often does not parse
 * (`status: ` before its `}`), so the model has no structure there; the (sub)section the cursor is
 * in is parsed as Markdown, up to the cursor's line, to find out.
 */
function insideTypescriptBlock({ document, model }: AnalysedBlueprint, line: CursorLine): boolean {
  const section = model.sections.find((s) => s.span.start <= line.start && line.start <= s.span.end);
  const subsection = section?.subsections.find((s) => s.span.start <= line.start && line.start <= s.span.end);
  const text = document.getText();
  const from = subsection?.span.start ?? section?.span.start ?? (text.startsWith(BOM) ? 1 : 0);
  // Most lines with a colon or a comma are prose: without a fence above the cursor there is nothing to parse.
  if (Math.max(text.lastIndexOf('```', line.start), text.lastIndexOf('~~~', line.start)) < from) return false;
  const root = parseMarkdown(text.slice(from, line.end), { documentStart: from <= (text.startsWith(BOM) ? 1 : 0) });
  const cursor = line.offset - from;
  const visit = (nodes: readonly Node[]): boolean =>
    nodes.some(
      (node) =>
        (node.type === 'code' &&
          /^(?:typescript|ts|tsx)$/i.test(node.lang ?? '') &&
          node.position!.start.offset! < cursor &&
          cursor <= node.position!.end.offset!) ||
        (node.children !== undefined && visit(node.children)),
    );
  return visit(root.children);
}

interface Node {
  readonly type: string;
  readonly lang?: string | null;
  readonly position?: { start: { offset?: number }; end: { offset?: number } };
  readonly children?: readonly Node[];
}

const STRUCTURE_ITEM_KINDS: Record<StructureKind, CompletionItemKind> = {
  interface: CompletionItemKind.Interface,
  type: CompletionItemKind.Struct,
  class: CompletionItemKind.Class,
  enum: CompletionItemKind.Enum,
};

/** The declared structures, each once, replacing the name being typed. */
function structureItems({ document, model }: AnalysedBlueprint, line: CursorLine, typed: string): CompletionItem[] {
  const rest = /^[\w$]*/.exec(line.after)![0].length;
  const replaced: Span = { start: line.offset - typed.length, end: line.offset + rest };
  const seen = new Set<string>();
  const declared: Structure[] = [];
  for (const s of model.structures) {
    if (s.nameIsPlaceholder || seen.has(s.name)) continue;
    seen.add(s.name);
    declared.push(s);
  }
  const text = document.getText();
  return declared.map((s): CompletionItem => ({
    label: s.name,
    kind: STRUCTURE_ITEM_KINDS[s.kind],
    detail: `${s.kind} ${s.name}`,
    documentation: { kind: MarkupKind.Markdown, value: '```typescript\n' + text.slice(s.span.start, s.span.end) + '\n```' },
    filterText: s.name,
    textEdit: { range: toRange(document, replaced), newText: s.name },
  }));
}
