import type { Span } from '../model/span';
import { nameKey } from './names';
import { TemplateSchema } from './schema';

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

/** What a template's text makes of it: a usable schema, or the problems that keep it from being used. */
export interface DerivedTemplate {
  readonly schema: TemplateSchema | undefined;
  readonly problems: TemplateProblem[];
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
  const derived = tooLarge ? { schema: undefined, problems: [tooLarge] } : usableTemplate(new TemplateSchema(id, text));
  return withRivals(derived, (titlePrefix) => known.find((t) => nameKey(t.titlePrefix) === nameKey(titlePrefix)));
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
 * A schema when its template is usable, else the problems that keep it from being used. Reads the
 * schema whole: a caller that must not hold the thread long `prepare`s it in steps first. Linear in
 * the template's length, and independent of other templates, so a reload that finds the same text
 * can keep the result.
 */
export function usableTemplate(schema: TemplateSchema): DerivedTemplate {
  const { text } = schema;
  let title;
  try {
    title = schema.parsed.title;
    if (title) void schema.sections;
  } catch (error) {
    const span = title?.textSpan ?? firstLineOf(text);
    return {
      schema: undefined,
      problems: [{ span, message: `This template could not be read: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
  if (!title) {
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
  const problems: TemplateProblem[] = [];
  if (!schema.titlePrefix.endsWith(':') || schema.kind === '' || !title.text.includes('[')) {
    problems.push({
      span: title.textSpan,
      message: `The title '${title.text}' needs the form '<Kind>: [<Name>]', such as 'API Blueprint: [API Name]'`,
    });
  }
  if (schema.sections.length === 0) {
    problems.push({ span: title.textSpan, message: 'A template needs at least one `##` section' });
  }
  for (const section of schema.repeatedSections) {
    problems.push({ span: section.heading.textSpan, message: `Section '${section.heading.text}' appears twice in this template` });
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
