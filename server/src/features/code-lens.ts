import type { CodeLens, Range } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { BlueprintSettings } from '../settings';
import { findProblems, severityFor } from './diagnostics';
import { toRange } from './lsp-ranges';

/** Server-side command behind the lens: the server asks the client to show the placeholder (window/showDocument). */
export const REVEAL_PLACEHOLDER_COMMAND = 'blueprint.server.revealPlaceholder';

export type RevealPlaceholderArguments = [uri: string, range: Range];

/**
 * A lens on each section heading saying what is left to write in it: "empty", the subsections it
 * lacks or that are empty, the placeholders left (jumping to the first of them); "complete" only
 * when nothing is. It counts what the diagnostics report, so a code turned off in the settings
 * (`placeholder`, `empty-section`, `missing-subsection`) is not counted either.
 */
export function sectionCodeLenses(analysed: AnalysedBlueprint, settings: BlueprintSettings): CodeLens[] {
  const { document, model } = analysed;
  const counts = (code: 'empty-section' | 'missing-subsection') => severityFor(code, settings) !== undefined;
  const findings = findProblems(analysed);
  return model.sections.map((section) => {
    const range = toRange(document, section.heading.span);
    const inSection = (start: number) => start >= section.span.start && start < section.span.end;
    const about = findings.filter((f) => inSection(f.span.start));
    const empty = counts('empty-section') && about.some((f) => f.code === 'empty-section' && f.span.start === section.heading.textSpan.start);
    const missing = counts('missing-subsection') ? about.filter((f) => f.code === 'missing-subsection').length : 0;
    const emptySubsections = counts('empty-section') ? about.filter((f) => f.code === 'empty-section' && f.span.start !== section.heading.textSpan.start).length : 0;
    const left = severityFor('placeholder', settings) === undefined ? [] : model.placeholders.filter((p) => p.span.start >= section.span.start && p.span.end <= section.span.end);
    const parts = [
      ...(empty ? ['empty'] : []),
      ...(missing ? [`${missing} subsection${missing === 1 ? '' : 's'} missing`] : []),
      ...(emptySubsections ? [`${emptySubsections} empty subsection${emptySubsections === 1 ? '' : 's'}`] : []),
      ...(left.length ? [`${left.length} placeholder${left.length === 1 ? '' : 's'} left`] : []),
    ];
    const first = left[0];
    if (!first) return { range, command: { title: parts.length ? parts.join(' · ') : 'complete', command: '' } };
    const args: RevealPlaceholderArguments = [document.uri, toRange(document, first.span)];
    return { range, command: { title: parts.join(' · '), command: REVEAL_PLACEHOLDER_COMMAND, arguments: args } };
  });
}
