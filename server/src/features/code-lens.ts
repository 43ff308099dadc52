import type { CodeLens, Range } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { toRange } from './lsp-ranges';

/** Server-side command behind the lens: the server asks the client to show the placeholder (window/showDocument). */
export const REVEAL_PLACEHOLDER_COMMAND = 'blueprint.server.revealPlaceholder';

export type RevealPlaceholderArguments = [uri: string, range: Range];

/**
 * A lens on each section heading saying how many placeholders are left in it ("2 placeholders left")
 * and jumping to the first of them, or "complete" when none is.
 */
export function sectionCodeLenses({ document, model }: AnalysedBlueprint): CodeLens[] {
  // Sections and placeholders are both in document order: one walk through each.
  let next = 0;
  return model.sections.map((section) => {
    while (next < model.placeholders.length && model.placeholders[next]!.span.start < section.span.start) next++;
    const left = [];
    for (let i = next; i < model.placeholders.length && model.placeholders[i]!.span.start < section.span.end; i++) {
      if (model.placeholders[i]!.span.end <= section.span.end) left.push(model.placeholders[i]!);
    }
    const range = toRange(document, section.heading.span);
    const first = left[0];
    if (!first) return { range, command: { title: 'complete', command: '' } };
    const args: RevealPlaceholderArguments = [document.uri, toRange(document, first.span)];
    return {
      range,
      command: { title: `${left.length} placeholder${left.length === 1 ? '' : 's'} left`, command: REVEAL_PLACEHOLDER_COMMAND, arguments: args },
    };
  });
}
