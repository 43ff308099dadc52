import type { Blueprint } from '../model/blueprint';
import { parseBlueprint } from '../model/blueprint-parser';
import { deriveSchema, nameKey, sameName, type TemplateSchema } from '../model/schema';
import type { Span } from '../model/span';
import { builtinTemplates } from '../model/templates';

/** A template file that cannot be used, and where in it the problem is. */
export interface TemplateProblem {
  readonly message: string;
  readonly span: Span;
}

export interface TemplateFile {
  readonly path: string;
  readonly text: string;
  /** The schema derived from the file, when it is a usable template. */
  readonly schema: TemplateSchema | undefined;
  readonly problems: readonly TemplateProblem[];
}

/** Templates are short; a huge Markdown file in the templates folder is refused before it is parsed, so it cannot stall the server. */
export const MAX_TEMPLATE_SIZE = 1_000_000;

/**
 * A template from its text, derived exactly as the built-in one is; or, for a malformed template,
 * the problems that keep it from being used. `known` are the templates already registered: a
 * template may not claim a title another one has. Templates are data: nothing in them runs.
 */
export function templateFromText(id: string, text: string, known: readonly TemplateSchema[]): DerivedTemplate {
  const tooLarge = templateSizeProblem(text);
  const derived = tooLarge ? { schema: undefined, problems: [tooLarge] } : deriveTemplate(id, text, parseBlueprint(text));
  return withRivals(derived, (titlePrefix) => known.find((t) => sameName(t.titlePrefix, titlePrefix)));
}

export interface DerivedTemplate {
  readonly schema: TemplateSchema | undefined;
  readonly problems: TemplateProblem[];
}

/** The problem of a text too long to be a template, which is refused before it is parsed. */
export function templateSizeProblem(text: string): TemplateProblem | undefined {
  if (text.length <= MAX_TEMPLATE_SIZE) return undefined;
  return {
    span: firstLineOf(text),
    message: `This template has ${text.length.toLocaleString('en-US')} characters; templates over ${MAX_TEMPLATE_SIZE.toLocaleString('en-US')} are not read`,
  };
}

export function firstLineOf(text: string): Span {
  return { start: 0, end: Math.max(0, text.slice(0, 4096).search(/\r|\n|$/)) };
}

/**
 * What a template's own text makes of it, from its parse: the schema, or the problems that keep it
 * from being used. Linear in the template's length (a template of 20,000 sections is read in the
 * time of a document that long), and independent of other templates, so a reload that finds the
 * same text can keep the result.
 */
export function deriveTemplate(id: string, text: string, model: Blueprint): DerivedTemplate {
  if (!model.title) {
    return {
      schema: undefined,
      problems: [
        {
          span: firstLineOf(text),
          message:
            'A template starts with a title line naming its kind and a placeholder for the name, such as `# API Blueprint: [API Name]`',
        },
      ],
    };
  }
  const titleSpan = model.title.textSpan;
  let schema: TemplateSchema;
  try {
    schema = deriveSchema(id, text, model);
  } catch (error) {
    return {
      schema: undefined,
      problems: [
        { span: titleSpan, message: `This template could not be read: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  const problems: TemplateProblem[] = [];
  if (!schema.titlePrefix.endsWith(':') || schema.kind === '' || !model.title.text.includes('[')) {
    problems.push({
      span: titleSpan,
      message: `The title '${model.title.text}' needs the form '<Kind>: [<Name>]', such as 'API Blueprint: [API Name]'`,
    });
  }
  if (schema.sections.length === 0) {
    problems.push({ span: titleSpan, message: 'A template needs at least one `##` section' });
  }
  const seen = new Set<string>();
  for (const section of model.sections) {
    const key = nameKey(section.heading.text);
    if (seen.has(key))
      problems.push({ span: section.heading.textSpan, message: `Section '${section.heading.text}' appears twice in this template` });
    seen.add(key);
  }
  return problems.length ? { schema: undefined, problems } : { schema, problems };
}

/** A usable template that claims a title another template already has (`rivalOf` finds it) is a problem instead. */
export function withRivals(derived: DerivedTemplate, rivalOf: (titlePrefix: string) => TemplateSchema | undefined): DerivedTemplate {
  const { schema } = derived;
  if (!schema) return derived;
  const rival = rivalOf(schema.titlePrefix);
  if (!rival) return derived;
  return {
    schema: undefined,
    problems: [
      {
        span: schema.parsed.title!.textSpan,
        message: `Template '${rival.id}' already has the title '${rival.titlePrefix}'; each template needs its own`,
      },
    ],
  };
}

/** The templates in force: the built-in ones first, then the usable ones from the files. */
export function templatesWith(files: readonly TemplateFile[]): TemplateSchema[] {
  return [...builtinTemplates, ...files.flatMap((f) => (f.schema ? [f.schema] : []))];
}

/**
 * The template a user means by a short kind: its id (`data-blueprint`), the id without
 * `-blueprint` (`data`), or its kind (`Data Blueprint`), case aside.
 */
export function templateByKind(templates: readonly TemplateSchema[], kind: string): TemplateSchema | undefined {
  const wanted = kind.trim().toLowerCase();
  return templates.find((t) =>
    [t.id, t.id.replace(/-blueprint$/i, ''), t.kind, t.kind.replace(/\s+blueprint$/i, '')].some((name) => name.toLowerCase() === wanted),
  );
}
