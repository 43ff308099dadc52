import type { CodeLens, Range } from 'vscode-languageserver';
import { alignmentOf } from '../alignment/alignment';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { Placeholder } from '../model/blueprint';
import type { BlueprintSettings } from '../settings';
import { severityFor } from './diagnostics';
import { toRange } from '../lsp-ranges';

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
  const counts = (code: 'empty-section' | 'missing-subsection' | 'placeholder') => severityFor(code, settings) !== undefined;
  // Sections are in document order: each placeholder is put in its section by one binary search.
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
  const placeholders: Placeholder[][] = model.sections.map(() => []);
  if (counts('placeholder')) {
    for (const p of model.placeholders) {
      const index = sectionAt(p.span.start);
      if (index >= 0 && p.span.end <= model.sections[index]!.span.end) placeholders[index]!.push(p);
    }
  }
  // What the diagnostics report of each section: an empty one is only empty; a duplicate is reported as such.
  return alignmentOf(analysed).sections.map((aligned, index) => {
    const { section } = aligned;
    const first = aligned.occurrence === 'first';
    const empty = first && aligned.empty && counts('empty-section');
    const missing = first && !aligned.empty && counts('missing-subsection') ? aligned.missingSubsections.length : 0;
    const emptySubsections = first && !aligned.empty && counts('empty-section') ? aligned.subsections.filter((s) => s.empty).length : 0;
    const left = placeholders[index]!;
    const range = toRange(document, section.heading.span);
    const parts = [
      ...(empty ? ['empty'] : []),
      ...(missing ? [`${missing} subsection${missing === 1 ? '' : 's'} missing`] : []),
      ...(emptySubsections ? [`${emptySubsections} empty subsection${emptySubsections === 1 ? '' : 's'}`] : []),
      ...(left.length ? [`${left.length} placeholder${left.length === 1 ? '' : 's'} left`] : []),
    ];
    const firstPlaceholder = left[0];
    if (!firstPlaceholder) return { range, command: { title: parts.length ? parts.join(' · ') : 'complete', command: '' } };
    const args: RevealPlaceholderArguments = [document.uri, toRange(document, firstPlaceholder.span)];
    return { range, command: { title: parts.join(' · '), command: REVEAL_PLACEHOLDER_COMMAND, arguments: args } };
  });
}
