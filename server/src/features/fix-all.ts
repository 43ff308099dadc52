import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { sameName } from '../model/schema';
import type { BlueprintSettings } from '../settings';
import { quickFixesFor } from './code-actions';
import { blueprintDiagnostics } from './checked-diagnostics';
import type { DiagnosticData } from './diagnostics';
import type { FooterValues } from './footer-values';
import { footerFieldEdits, insertBlocks, missingSkeleton } from './skeleton-edits';

/** `editor.codeActionsOnSave: { "source.fixAll.blueprint": "explicit" }` applies the safe fixes on save. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.blueprint`;

/** The diagnostics whose preferred quick fix is safe to apply unasked: it cannot lose what the author wrote. */
const SAFE_FIX_CODES = new Set(['invalid-status', 'invalid-date']);
const SKELETON_CODES = new Set(['missing-section', 'missing-subsection']);

/**
 * "Fix all safe problems", only when the client asks for fix-all actions: a status in the wrong case
 * gets the template's spelling, a Last Updated day written another way is rewritten YYYY-MM-DD (an
 * impossible one becomes today), and the missing sections, subsections and footer fields are added
 * from the template. Diagnostics the user silenced or turned off are left alone; a status that is not a case
 * variant of an allowed value is the author's choice.
 */
export function fixAllActions(
  analysed: AnalysedBlueprint,
  context: CodeActionContext,
  settings: BlueprintSettings,
  values: FooterValues,
): CodeAction[] {
  // Asked for by name only (on save, or "Fix All"): not offered among every source action.
  if (!context.only?.some((kind) => kind === FIX_ALL_KIND || kind === CodeActionKind.SourceFixAll)) return [];
  const edits = safeFixEdits(analysed, settings, values);
  if (edits.length === 0) return [];
  return [{ title: 'Fix all safe blueprint problems', kind: FIX_ALL_KIND, edit: { changes: { [analysed.document.uri]: edits } } }];
}

export function safeFixEdits(analysed: AnalysedBlueprint, settings: BlueprintSettings, values: FooterValues): TextEdit[] {
  const diagnostics = blueprintDiagnostics(analysed, settings);
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    if (!SAFE_FIX_CODES.has(String(diagnostic.code))) continue;
    // A status in the wrong case gets the template's spelling; a typo's nearest value is only offered.
    if (diagnostic.code === 'invalid-status' && !isCaseVariant(analysed, diagnostic.data as DiagnosticData | undefined)) continue;
    const preferred = quickFixesFor(analysed, diagnostic, values).find((fix) => fix.isPreferred);
    edits.push(...(preferred?.edit?.changes?.[analysed.document.uri] ?? []));
  }
  // An empty section is not also reported missing its subsections, but they are missing all the same.
  const emptySection = (d: Diagnostic) => d.code === 'empty-section' && (d.data as DiagnosticData | undefined)?.subsection === undefined;
  if (diagnostics.some((d) => SKELETON_CODES.has(String(d.code)) || emptySection(d)))
    edits.push(...insertBlocks(analysed, missingSkeleton(analysed)));
  // After the sections: where both go at the same place (the footer's start, or the end), sections come first.
  const footerFields = diagnostics
    .filter((d) => d.code === 'missing-footer-field')
    .map((d) => (d.data as DiagnosticData | undefined)?.field ?? '');
  if (footerFields.length > 0) edits.push(...footerFieldEdits(analysed, footerFields, values));
  return edits;
}

function isCaseVariant({ model, schema }: AnalysedBlueprint, data: DiagnosticData | undefined): boolean {
  const field = model.footer.find((f) => data?.field !== undefined && sameName(f.label, data.field));
  const fieldSchema = schema.footer.find((f) => data?.field !== undefined && sameName(f.label, data.field));
  return field !== undefined && fieldSchema !== undefined && fieldSchema.values.some((v) => sameName(v, field.value));
}
