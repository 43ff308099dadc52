import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseBlueprint } from '../model/blueprint-parser';
import { deriveSchema, sameName, type TemplateSchema } from '../model/schema';
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
export function templateFromText(id: string, text: string, known: readonly TemplateSchema[]): { schema: TemplateSchema | undefined; problems: TemplateProblem[] } {
  const firstLine = { start: 0, end: Math.max(0, text.slice(0, 4096).search(/\r|\n|$/)) };
  if (text.length > MAX_TEMPLATE_SIZE) {
    return { schema: undefined, problems: [{ span: firstLine, message: `This template has ${text.length.toLocaleString('en-US')} characters; templates over ${MAX_TEMPLATE_SIZE.toLocaleString('en-US')} are not read` }] };
  }
  const model = parseBlueprint(text);
  if (!model.title) {
    return { schema: undefined, problems: [{ span: firstLine, message: 'A template starts with a title line naming its kind and a placeholder for the name, such as `# API Blueprint: [API Name]`' }] };
  }
  const titleSpan = model.title.textSpan;
  let schema: TemplateSchema;
  try {
    schema = deriveSchema(id, text, model);
  } catch (error) {
    return { schema: undefined, problems: [{ span: titleSpan, message: `This template could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const problems: TemplateProblem[] = [];
  if (!schema.titlePrefix.endsWith(':') || schema.kind === '' || !model.title.text.includes('[')) {
    problems.push({ span: titleSpan, message: `The title '${model.title.text}' needs the form '<Kind>: [<Name>]', such as 'API Blueprint: [API Name]'` });
  }
  if (schema.sections.length === 0) {
    problems.push({ span: titleSpan, message: 'A template needs at least one `##` section' });
  }
  const seen: string[] = [];
  for (const section of model.sections) {
    if (seen.some((name) => sameName(name, section.heading.text))) {
      problems.push({ span: section.heading.textSpan, message: `Section '${section.heading.text}' appears twice in this template` });
    }
    seen.push(section.heading.text);
  }
  const rival = known.find((t) => sameName(t.titlePrefix, schema.titlePrefix));
  if (rival && problems.length === 0) {
    problems.push({ span: titleSpan, message: `Template '${rival.id}' already has the title '${rival.titlePrefix}'; each template needs its own` });
  }
  return problems.length ? { schema: undefined, problems } : { schema, problems };
}

/** Every Markdown file directly in `folder`, read as a template, by file name order. A missing folder has none. */
export function readTemplateFolder(folder: string, known: readonly TemplateSchema[] = builtinTemplates): TemplateFile[] {
  let names: string[];
  try {
    names = readdirSync(folder, { withFileTypes: true }).filter((e) => e.isFile() && /\.md$/i.test(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
  const files: TemplateFile[] = [];
  const registered = [...known];
  for (const name of names) {
    const path = join(folder, name);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      files.push({ path, text: '', schema: undefined, problems: [{ span: { start: 0, end: 0 }, message: `This template cannot be read: ${error instanceof Error ? error.message : String(error)}` }] });
      continue;
    }
    const { schema, problems } = templateFromText(basename(name, '.md').replace(/\.md$/i, ''), text, registered);
    if (schema) registered.push(schema);
    files.push({ path, text, schema, problems });
  }
  return files;
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
  return templates.find((t) => [t.id, t.id.replace(/-blueprint$/i, ''), t.kind, t.kind.replace(/\s+blueprint$/i, '')].some((name) => name.toLowerCase() === wanted));
}
