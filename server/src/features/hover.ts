import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { alignmentOf, type Alignment } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Blueprint, Placeholder } from '../model/blueprint';
import { spanContains, type Span } from '../model/span';
import { toOffset, toRange } from '../lsp-ranges';

/** On a section or subsection heading, the template's guidance; on a placeholder, what it asks for. */
export function hover(analysed: AnalysedBlueprint, position: Position): Hover | null {
  const { document, model, schema } = analysed;
  const offset = toOffset(document, position);
  const result = (span: Span, markdown: string): Hover => ({
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: toRange(document, span),
  });

  const placeholder = model.placeholders.find((p) => spanContains(p.span, offset));
  if (placeholder) return result(placeholder.span, placeholderHelp(analysed, placeholder));

  const alignment = alignmentOf(analysed);
  for (const aligned of alignment.sections) {
    const { section, schema: sectionSchema } = aligned;
    if (!spanContains(section.span, offset)) continue;
    if (spanContains(section.heading.span, offset)) {
      if (!sectionSchema) return null;
      const subsections = sectionSchema.subsections.map((s) => s.name);
      return result(
        section.heading.textSpan,
        [
          `**${sectionSchema.name}** — ${schema.kind} section`,
          '',
          sectionSchema.guidance ?? '',
          ...(subsections.length ? ['', `Subsections: ${subsections.join(', ')}`] : []),
        ].join('\n'),
      );
    }
    for (const { subsection: sub, schema: subSchema } of aligned.subsections) {
      if (!spanContains(sub.heading.span, offset)) continue;
      if (!sectionSchema || !subSchema) return null;
      return result(
        sub.heading.textSpan,
        [
          `**${subSchema.name}** — part of *${sectionSchema.name}*: ${sectionSchema.guidance ?? ''}`,
          '',
          'The template asks for:',
          '',
          '```markdown',
          subSchema.source.split(/\r?\n/).slice(1).join('\n').trim(),
          '```',
        ].join('\n'),
      );
    }
  }
  return null;
}

/** What a placeholder asks for, as a sentence, and where it stands (the guidance line is on screen already). */
function placeholderHelp(analysed: AnalysedBlueprint, placeholder: Placeholder): string {
  const where = placeWords(analysed.model, placeholder.span.start);
  return `**Placeholder**${where ? ` in ${where}` : ''}: ${whatToWrite(analysed.model, alignmentOf(analysed), placeholder)}`;
}

/** "the title", "the footer", or the (sub)section the placeholder is in. */
function placeWords(model: Blueprint, offset: number): string | undefined {
  if (model.title && spanContains(model.title.span, offset)) return 'the title';
  if (model.footer.some((f) => spanContains(f.span, offset))) return 'the footer';
  const section = model.sections.find((s) => spanContains(s.span, offset));
  if (!section) return undefined;
  const subsection = section.subsections.find((s) => spanContains(s.span, offset));
  return `*${[section.heading.text, subsection?.heading.text].filter(Boolean).join(' › ')}*`;
}

/** The sentence saying what goes in place of the placeholder, from the role it plays and its own words. */
function whatToWrite(model: Blueprint, alignment: Alignment, placeholder: Placeholder): string {
  const { text, span } = placeholder;
  const within = (outer: Span) => outer.start <= span.start && span.end <= outer.end;

  const fieldSchema = alignment.fields.find((f) => within(f.line.valueSpan))?.schema;
  if (fieldSchema) {
    switch (fieldSchema.kind) {
      case 'choice': {
        const values = alternatives(fieldSchema.values.map((v) => `\`${v}\``));
        const meanwhile = fieldSchema === alignment.status?.schema ? ` (until then it counts as \`${fieldSchema.values[0]}\`)` : '';
        return `set the ${fieldSchema.label} to ${values}${meanwhile}.`;
      }
      case 'date':
        return `write the ${fieldSchema.label} date as YYYY-MM-DD.`;
      case 'person':
        return `write the ${fieldSchema.label}'s name.`;
      default:
        return `fill in the ${fieldSchema.label}.`;
    }
  }

  const relationship = model.relationships.find((r) => within(r.span));
  if (relationship && within(relationship.verb.span)) {
    return `write how \`${relationship.from.text}\` relates to \`${relationship.to.text}\`, as a verb.`;
  }
  if (relationship && (within(relationship.from.span) || within(relationship.to.span))) {
    const declared = [...new Set(model.structures.filter((s) => !s.nameIsPlaceholder).map((s) => s.name))];
    const listed =
      declared
        .slice(0, 8)
        .map((name) => `\`${name}\``)
        .join(', ') + (declared.length > 8 ? ', …' : '');
    return `name the structure at this end of the relationship, one that a \`typescript\` block of this blueprint declares${
      declared.length > 0 ? ` (${listed})` : ' (none is declared yet)'
    }.`;
  }

  const structure = model.structures.find((s) => s.nameIsPlaceholder && within(s.nameSpan));
  if (structure) {
    const words = phrase(text.replace(/([a-z0-9])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g, '$1$2 '));
    const name = /\bname$/i.test(words) ? `the ${words}` : `the ${words}'s name`;
    const completes = structure.name !== `[${text}]` ? `: it completes the name \`${structure.name}\`` : '';
    return `write ${name} as a TypeScript identifier${completes}.`;
  }

  const trimmed = text.trim().replace(/[.:;]$/, '');
  const numbered = /^(.*\S)\s+(\d+)$/.exec(trimmed);
  if (numbered) return `name the ${ordinal(Number(numbered[2]))} ${phrase(numbered[1]!)}.`;
  if (/^(?:what|how|when|where|which|who|whom|whose|why)\b/i.test(trimmed)) return `write ${phrase(trimmed)}.`;
  if (/^(?:describe|define|list|explain|give|summari[sz]e|outline|specify|add)\s/i.test(trimmed)) return `${lowerFirst(trimmed)}.`;
  return `write the ${phrase(trimmed)}.`;
}

/** Template words as they read inside a sentence: capitalised words lower-cased (acronyms and names in code kept), `a/b` as "a or b". */
function phrase(words: string): string {
  return words
    .replace(/(\w)\/(\w)/g, '$1 or $2')
    .trim()
    .split(/\s+/)
    .map((word) => (/^[A-Z][a-z']*$/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** `a`, `a or b`, `a, b or c`. */
function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

function ordinal(n: number): string {
  if (n < ORDINALS.length) return ORDINALS[n]!;
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
