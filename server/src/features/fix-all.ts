import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver';
import type { MissingField } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { BlueprintSettings } from '../settings';
import { blueprintDiagnostics } from './checked-diagnostics';
import { fixesFor } from './code-actions';
import { findingFor, type Finding } from './diagnostics';
import type { FooterValues } from '../template/footer-values';
import { skeletonEdits } from './skeleton-edits';

/**
 * `editor.codeActionsOnSave: { "source.fixAll.blueprint": "explicit" }` applies the safe fixes on
 * save. The provider offers it only when a client asks for fix-all actions by name (on save, or
 * "Fix All"), not among every source action.
 */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.blueprint`;

/**
 * The fix-all family: "Fix all safe problems", when there is one to fix. A status in the wrong case
 * gets the template's spelling, a Last Updated day written another way is rewritten YYYY-MM-DD (an
 * impossible one becomes today), and the missing sections, subsections and footer fields are added
 * from the template, and a kept diagram that no longer matches is redrawn. Diagnostics the user silenced or turned off are left alone; a status that is
 * not a case variant of an allowed value is the author's choice.
 */
export function fixAllActions(analysed: AnalysedBlueprint, settings: BlueprintSettings, values: FooterValues): CodeAction[] {
  const edits = safeFixEdits(analysed, settings, values);
  if (edits.length === 0) return [];
  return [{ title: 'Fix all safe blueprint problems', kind: FIX_ALL_KIND, edit: { changes: { [analysed.document.uri]: edits } } }];
}

export function safeFixEdits(analysed: AnalysedBlueprint, settings: BlueprintSettings, values: FooterValues): TextEdit[] {
  const findings = blueprintDiagnostics(analysed, settings).flatMap((d) => findingFor(analysed, d) ?? []);
  const edits: TextEdit[] = [];
  let skeleton = false;
  const footerFields: MissingField[] = [];
  for (const finding of findings) {
    switch (finding.code) {
      case 'invalid-status':
        // A status in the wrong case gets the template's spelling; a typo's nearest value is only offered.
        if (finding.subject.choice) edits.push(...preferredEdits(analysed, finding, values));
        break;
      case 'invalid-date':
      case 'stale-diagram':
        edits.push(...preferredEdits(analysed, finding, values));
        break;
      case 'missing-section':
      case 'missing-subsection':
        skeleton = true;
        break;
      case 'empty-section':
        // An empty section is not also reported missing its subsections, but they are missing all the same.
        if (!('subsection' in finding.subject)) skeleton = true;
        break;
      case 'missing-footer-field':
        footerFields.push(finding.subject);
        break;
    }
  }
  edits.push(...skeletonEdits(analysed, skeleton, footerFields, values));
  return edits;
}

function preferredEdits(analysed: AnalysedBlueprint, finding: Finding, values: FooterValues): TextEdit[] {
  return fixesFor(analysed, finding, values).find((fix) => fix.isPreferred)?.edits ?? [];
}
