import { RequestType } from 'vscode-languageserver-protocol';
import type { TemplateSchema } from '../model/schema';
import { builtinTemplates } from '../model/templates';

/** One template as a "New Blueprint…" quick pick shows it. */
export interface TemplateSummary {
  /** Pass as `kind` to `blueprint/newBlueprint` and `blueprint blueprint new`. */
  readonly id: string;
  /** `Data Blueprint`, `API Blueprint`. */
  readonly kind: string;
  /** The template's title line text, placeholder included. */
  readonly title: string;
  readonly builtin: boolean;
}

/**
 * Every template in force, built-in first, then those of the workspace's templates folders (only
 * well-formed ones). Lives beside the feature rather than in protocol.ts; it imports only the protocol package.
 */
export const TemplatesRequest = new RequestType<Record<string, never>, TemplateSummary[], void>('blueprint/templates');

export function templateSummaries(templates: readonly TemplateSchema[]): TemplateSummary[] {
  const summaries = templates.map((t) => ({ id: t.id, kind: t.kind, title: t.title, builtin: builtinTemplates.includes(t) }));
  return [...summaries.filter((s) => s.builtin), ...summaries.filter((s) => !s.builtin)];
}
