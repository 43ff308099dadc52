import dataBlueprint from '../../../templates/data-blueprint.md';
import { TemplateSchema } from './schema';

/**
 * The templates that ship with the extension, built-in first. A schema derives itself when a field
 * is first read: deriving parses the template (a third of the server's start-up time), which need
 * not delay the server's answer to `initialize`.
 */
export const builtinTemplates: readonly TemplateSchema[] = [new TemplateSchema('data-blueprint', dataBlueprint)];
