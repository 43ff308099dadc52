import { parseBlueprint } from '../model/blueprint-parser';
import type { TemplateSchema } from './schema';
import type { Span } from '../model/span';
import { continuesOnNextLine, endsWithHardBreak, FOOTER_LINE_BREAK, lineEndAt } from '../features/footer-lines';

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
  return text.replace(/\s*$/, '\n');
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
