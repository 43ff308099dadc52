import { parseBlueprint } from '../model/blueprint-parser';
import { parseMarkdown } from '../model/markdown-parser';
import type { TemplateSchema } from './schema';
import type { Span } from '../model/span';
import { continuesOnNextLine, endsWithHardBreak, FOOTER_LINE_BREAK, lineEndAt } from '../model/footer-lines';

/**
 * Template text made into an LSP/VS Code snippet: every placeholder becomes a tab stop holding its
 * own text (`${1:Describe …}`), everything else is escaped so it inserts literally.
 * Placeholders are found by parsing the text with the document parser, so snippets cannot drift
 * from the template.
 */
export function snippetFromTemplateText(text: string, firstTabStop = 1): { snippet: string; nextTabStop: number } {
  const placeholders = parseBlueprint(text).placeholders;
  let snippet = '';
  let last = 0;
  let tabStop = firstTabStop;
  for (const p of placeholders) {
    snippet += escapeSnippetText(text.slice(last, p.span.start));
    snippet += `\${${tabStop++}:${escapeSnippetPlaceholder(text.slice(p.span.start, p.span.end))}}`;
    last = p.span.end;
  }
  snippet += escapeSnippetText(text.slice(last));
  return { snippet, nextTabStop: tabStop };
}

/** Literal text in a snippet: `$`, `}` and `\` are escaped. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** Text inside `${n:…}`: `$`, `}`, `\` escaped (commas and pipes only matter in choices). */
function escapeSnippetPlaceholder(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

export interface NewBlueprintValues {
  /** The blueprint's subject, put in place of the title's placeholder (`Order Ledger`). */
  readonly name: string;
  /** For the footer's date field, YYYY-MM-DD. */
  readonly date?: string;
  /** For the footer's person field. */
  readonly author?: string;
}

/**
 * A new blueprint from a template: the title filled with the name, the status with the template's
 * first status value (a new blueprint is a draft), the date and person footer fields filled when
 * given; every other placeholder left for the author. Each footer line that another follows ends
 * with a hard break, so that the footer renders one field per line.
 */
export function newBlueprintText(schema: TemplateSchema, values: NewBlueprintValues): string {
  const model = schema.parsed;
  const replacements: Array<{ span: Span; text: string }> = [];
  const titlePlaceholder =
    model.title && model.placeholders.find((p) => p.span.start >= model.title!.textSpan.start && p.span.end <= model.title!.textSpan.end);
  const name = oneLine(values.name);
  if (titlePlaceholder && name !== '') replacements.push({ span: titlePlaceholder.span, text: name });
  const status = schema.status;
  model.footer.forEach((field, index) => {
    // The schema's footer fields are the template's own footer lines, one for one.
    const fieldSchema = schema.footer[index];
    const kind = fieldSchema?.kind;
    const filled =
      kind === 'date'
        ? oneLine(values.date)
        : kind === 'person'
          ? oneLine(values.author)
          : fieldSchema === status && /^\[[^\]]*\]$/.test(field.value)
            ? status!.values[0]
            : undefined;
    const needsBreak = continuesOnNextLine(schema.text, model.footer, index) && !endsWithHardBreak(schema.text, field);
    if (!filled && !needsBreak) return;
    // The value and the rest of its line: trailing white space gives way to the break.
    const lineEnd = lineEndAt(schema.text, field.span.end);
    const rest = needsBreak ? FOOTER_LINE_BREAK : schema.text.slice(field.valueSpan.end, lineEnd);
    replacements.push({ span: { start: field.valueSpan.start, end: lineEnd }, text: (filled || field.value) + rest });
  });
  let text = schema.text;
  for (const r of replacements.sort((a, b) => b.span.start - a.span.start)) {
    text = text.slice(0, r.span.start) + r.text + text.slice(r.span.end);
  }
  // A new file ends with exactly one line break, whatever blank lines the template file trails.
  return withBlankLinesAroundBlocks(text).replace(/\s*$/, '\n');
}

/** A piece of the template as it is inserted: blank lines around its headings and lists (see `withBlankLinesAroundBlocks`), none at its end. */
export function templateBlock(source: string): string {
  return withBlankLinesAroundBlocks(source.replace(/\s+$/, ''));
}

/**
 * Template text as it is written into documents: a blank line before and after every heading and
 * list that lacks one, as markdownlint's default rules want (MD022, MD032), so that what we write
 * passes the linter teams run next to us. The template file itself stays as it is; it renders the
 * same either way. Headings and lists are found by the document parser, so a `#` or `-` in a code
 * block is left alone. Nothing else changes, and text already spaced comes back as it was.
 */
export function withBlankLinesAroundBlocks(text: string): string {
  const breaks: number[] = [];
  const lineBreak = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
  for (const node of parseMarkdown(text).children) {
    if (node.type !== 'heading' && node.type !== 'list') continue;
    const start = lineStartAt(text, node.position!.start.offset!);
    if (start > 0 && !isBlankLineBefore(text, start)) breaks.push(start);
    const next = nextLineStart(text, node.position!.end.offset!);
    if (next < text.length && !isBlankLineAt(text, next)) breaks.push(next);
  }
  let spaced = text;
  for (const at of [...new Set(breaks)].sort((a, b) => b - a)) spaced = spaced.slice(0, at) + lineBreak + spaced.slice(at);
  return spaced;
}

function lineStartAt(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/** The start of the line after the one `offset` is on, or the text's length. */
function nextLineStart(text: string, offset: number): number {
  const match = /\r\n?|\n/g;
  match.lastIndex = offset;
  const found = match.exec(text);
  return found ? found.index + found[0].length : text.length;
}

function isBlankLineAt(text: string, lineStart: number): boolean {
  return /^[ \t]*(?:\r\n?|\n|$)/.test(text.slice(lineStart, lineStart + 200));
}

/** Whether the line before the one starting at `lineStart` is blank. */
function isBlankLineBefore(text: string, lineStart: number): boolean {
  const previousEnd = lineStart - (text.slice(lineStart - 2, lineStart) === '\r\n' ? 2 : 1);
  return isBlankLineAt(text, lineStartAt(text, previousEnd));
}

/**
 * A value as one line of text: line breaks and other control characters (which would let a name
 * add a heading or a footer line to the new blueprint) become spaces.
 */
function oneLine(value: string | undefined): string {
  return (value ?? '').replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

/** Today as YYYY-MM-DD in the local time zone, the form the date field wants. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
