import type { Blueprint } from '../model/blueprint';
import { builtinTemplates } from './builtin-templates';
import { nameKey } from './names';
import type { TemplateSchema } from './schema';
import type { TemplateFile } from './template-file';

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

/** Every template once per title (the first of each, built-in first): the templates of several folders together. */
export function distinctTemplates(templates: Iterable<TemplateSchema>): TemplateSchema[] {
  const byTitle = new Map<string, TemplateSchema>();
  for (const template of templates) {
    const key = nameKey(template.titlePrefix);
    if (!byTitle.has(key)) byTitle.set(key, template);
  }
  return [...byTitle.values()];
}

const BLUEPRINT_FILE = /\.blueprint\.md$/i;

/**
 * The template a document follows: the one whose title its first heading starts with, or for a
 * `*.blueprint.md` file without such a title, the first template. Undefined for any other Markdown.
 */
export function templateFor(
  model: Blueprint,
  uri: string,
  templates: readonly TemplateSchema[] = builtinTemplates,
): TemplateSchema | undefined {
  const title = model.title?.text.toLowerCase();
  if (title !== undefined) {
    const byTitle = templates.find((t) => t.titlePrefix !== '' && title.startsWith(t.titlePrefix.toLowerCase()));
    if (byTitle) return byTitle;
  }
  const path = uri.replace(/[?#].*$/, '');
  return BLUEPRINT_FILE.test(decodeURIComponent(path)) ? templates[0] : undefined;
}
