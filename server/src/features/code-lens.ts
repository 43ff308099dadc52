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
  return model.sections.map((section) => {
    const left = model.placeholders.filter((p) => p.span.start >= section.span.start && p.span.end <= section.span.end);
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
