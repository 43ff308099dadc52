import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { sameName, type TemplateSchema } from '../model/schema';
import { spanContains, type Span } from '../model/span';
import { toOffset, toRange } from './lsp-ranges';

/** On a section or subsection heading, the template's guidance; on a placeholder, what it asks for. */
export function hover(analysed: AnalysedBlueprint, position: Position): Hover | null {
  const { document, model, schema } = analysed;
  const offset = toOffset(document, position);
  const result = (span: Span, markdown: string): Hover => ({ contents: { kind: MarkupKind.Markdown, value: markdown }, range: toRange(document, span) });

  const placeholder = model.placeholders.find((p) => spanContains(p.span, offset));
  if (placeholder) return result(placeholder.span, placeholderHelp(placeholder.text, schema));

  for (const section of model.sections) {
    if (!spanContains(section.span, offset)) continue;
    const sectionSchema = schema.sections.find((s) => sameName(s.name, section.heading.text));
    if (spanContains(section.heading.span, offset)) {
      if (!sectionSchema) return null;
      const subsections = sectionSchema.subsections.map((s) => s.name);
      return result(section.heading.textSpan, [
        `**${sectionSchema.name}** — ${schema.kind} section`,
        '',
        sectionSchema.guidance ?? '',
        ...(subsections.length ? ['', `Subsections: ${subsections.join(', ')}`] : []),
      ].join('\n'));
    }
    for (const sub of section.subsections) {
      if (!spanContains(sub.heading.span, offset)) continue;
      const subSchema = sectionSchema?.subsections.find((s) => sameName(s.name, sub.heading.text));
      if (!sectionSchema || !subSchema) return null;
      return result(sub.heading.textSpan, [
        `**${subSchema.name}** — part of *${sectionSchema.name}*: ${sectionSchema.guidance ?? ''}`,
        '',
        'The template asks for:',
        '',
        '```markdown',
        subSchema.source.split(/\r?\n/).slice(1).join('\n').trim(),
        '```',
      ].join('\n'));
    }
  }
  return null;
}

function placeholderHelp(text: string, schema: TemplateSchema): string {
  const field = schema.footer.find((f) => f.placeholder === text);
  if (field) {
    const expected = field.kind === 'choice' ? `one of ${field.values.map((v) => `\`${v}\``).join(', ')}`
      : field.kind === 'date' ? 'a date written YYYY-MM-DD'
        : field.kind === 'person' ? 'who wrote this blueprint'
          : 'a value';
    return `**Placeholder** — fill in the ${field.label}: ${expected}.`;
  }
  const origin = schema.placeholders.find((p) => p.text === text);
  const where = origin?.section ? ` (in *${[origin.section, origin.subsection].filter(Boolean).join(' › ')}*)` : '';
  const guidance = origin?.section ? schema.sections.find((s) => s.name === origin.section)?.guidance : undefined;
  return [
    `**Placeholder**${where} — replace \`[${text}]\` with ${describe(text)}.`,
    ...(guidance ? ['', guidance] : []),
  ].join('\n');
}

/** A placeholder reads either as an instruction ("Describe …") or as a name for what goes there. */
function describe(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  if (/^(Describe|Define|What|How|When|Where|Which|Who|Why|Target|Expected)\b/i.test(trimmed)) return `your answer to: *${trimmed}*`;
  return `the real ${trimmed.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}`;
}
