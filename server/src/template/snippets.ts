import type { SectionSchema, SubsectionSchema, TemplateSchema } from './schema';
import { newBlueprintText, snippetFromTemplateText, templateBlock } from './template-text';

/**
 * The template's sections and the whole template as snippets, for completion and for the
 * extension's `snippets/` file alike. Each is the template text itself, trailing blank lines cut,
 * with its placeholders as tab stops (brackets kept inside, so a skipped one stays diagnosed).
 */
export function sectionSnippet(section: SectionSchema | SubsectionSchema): string {
  // Completion asks for these on every `##`: each template section is parsed once, and kept with it.
  return section.derived(snippetOfPart);
}

function snippetOfPart(part: SectionSchema | SubsectionSchema): string {
  return snippetFromTemplateText(templateBlock(part.source)).snippet;
}

export function templateSnippet(text: string): string {
  return snippetFromTemplateText(text.replace(/\s+$/, '\n')).snippet;
}

/**
 * The whole template as a snippet that writes a new blueprint: as the template, but with the status
 * set to its first value and the footer's hard breaks, as every new blueprint is written (see
 * `newBlueprintText`); every other placeholder, the title's included, is a tab stop.
 */
export function newBlueprintSnippet(schema: TemplateSchema): string {
  return templateSnippet(newBlueprintText(schema, { name: '' }));
}

/** What a VS Code snippets file holds for one snippet. */
export interface SnippetDefinition {
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

/** The name a snippet prefix uses for a section: `Data Model` → `data-model`. */
export function kebabCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The snippets file for a template: the whole template (prefix `blueprint` for the first, built-in
 * template, else its id) and one snippet per section (`blueprint-<section>`).
 */
export function snippetFile(schema: TemplateSchema, prefix = 'blueprint'): Record<string, SnippetDefinition> {
  const file: Record<string, SnippetDefinition> = {
    [schema.kind]: { prefix, description: `The whole ${schema.kind} template`, body: newBlueprintSnippet(schema).split('\n') },
  };
  for (const section of schema.sections) {
    file[`${schema.kind}: ${section.name}`] = {
      prefix: `${prefix}-${kebabCase(section.name)}`,
      description: `${schema.kind} section ${section.name}${section.guidance ? `: ${section.guidance}` : ''}`,
      body: sectionSnippet(section).split('\n'),
    };
  }
  return file;
}

/** The snippets file's text, as committed in `snippets/` and checked by the tests. */
export function snippetFileText(schema: TemplateSchema, prefix?: string): string {
  return JSON.stringify(snippetFile(schema, prefix), null, 2) + '\n';
}
