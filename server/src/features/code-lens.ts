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
  const placeholdersCount = severityFor('placeholder', settings) !== undefined;
  // Sections are in document order: each finding and placeholder is put in its section by one binary search.
  const sectionAt = (offset: number): number => {
    let lo = 0;
    let hi = model.sections.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (model.sections[mid]!.span.start <= offset) lo = mid + 1;
      else hi = mid;
    }
    const index = lo - 1;
    return index >= 0 && offset < model.sections[index]!.span.end ? index : -1;
  };
  const tallies = model.sections.map(() => ({
    empty: false,
    missing: 0,
    emptySubsections: 0,
    placeholders: [] as AnalysedBlueprint['model']['placeholders'][number][],
  }));
  for (const f of findProblems(analysed)) {
    if (f.code !== 'empty-section' && f.code !== 'missing-subsection') continue;
    const index = sectionAt(f.span.start);
    if (index < 0 || !counts(f.code)) continue;
    const tally = tallies[index]!;
    if (f.code === 'missing-subsection') tally.missing++;
    else if (f.span.start === model.sections[index]!.heading.textSpan.start) tally.empty = true;
    else tally.emptySubsections++;
  }
  if (placeholdersCount) {
    for (const p of model.placeholders) {
      const index = sectionAt(p.span.start);
      if (index >= 0 && p.span.end <= model.sections[index]!.span.end) tallies[index]!.placeholders.push(p);
    }
  }
  return model.sections.map((section, index) => {
    const { empty, missing, emptySubsections, placeholders: left } = tallies[index]!;
    const range = toRange(document, section.heading.span);
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
