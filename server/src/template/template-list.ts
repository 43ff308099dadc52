import type { TemplateSchema } from './schema';
import type { TemplateSummary } from '../protocol';
import { builtinTemplates } from './builtin-templates';

// The request is declared in protocol.ts with the other custom requests, so the VS Code client can use it
// without bundling the model.
export { TemplatesRequest, type TemplateSummary } from '../protocol';

/** Every template in force, built-in first, then those of the workspace's templates folders (only well-formed ones). */
export function templateSummaries(templates: readonly TemplateSchema[]): TemplateSummary[] {
  const summaries = templates.map((t) => ({ id: t.id, kind: t.kind, title: t.title, builtin: builtinTemplates.includes(t) }));
  return [...summaries.filter((s) => s.builtin), ...summaries.filter((s) => !s.builtin)];
}
