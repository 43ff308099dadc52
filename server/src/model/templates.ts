import dataBlueprint from '../../../templates/data-blueprint.md';
import type { Blueprint } from './blueprint';
import { deriveSchema, type TemplateSchema } from './schema';

/** The templates that ship with the extension, built-in first. */
export const builtinTemplates: readonly TemplateSchema[] = [derivedOnFirstUse(() => deriveSchema('data-blueprint', dataBlueprint))];

/**
 * A schema derived when a field is first read: deriving parses the template (a third of the server's
 * start-up time), which need not delay the server's answer to `initialize`.
 */
function derivedOnFirstUse(derive: () => TemplateSchema): TemplateSchema {
  let schema: TemplateSchema | undefined;
  const derived = () => (schema ??= derive());
  return {
    get id() {
      return derived().id;
    },
    get kind() {
      return derived().kind;
    },
    get titlePrefix() {
      return derived().titlePrefix;
    },
    get title() {
      return derived().title;
    },
    get text() {
      return derived().text;
    },
    get sections() {
      return derived().sections;
    },
    get footer() {
      return derived().footer;
    },
    get placeholders() {
      return derived().placeholders;
    },
    get footerOffset() {
      return derived().footerOffset;
    },
    get parsed() {
      return derived().parsed;
    },
    get sectionIndex() {
      return derived().sectionIndex;
    },
  };
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
