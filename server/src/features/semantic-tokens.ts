import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { toPosition } from '../lsp-ranges';

/** Declared in package.json (`semanticTokenTypes`, with a `semanticTokenScopes` fallback for themes). */
export const PLACEHOLDER_TOKEN_TYPE = 'blueprintPlaceholder';

export const SEMANTIC_TOKENS_LEGEND: SemanticTokensLegend = { tokenTypes: [PLACEHOLDER_TOKEN_TYPE], tokenModifiers: [] };

/** The unfilled placeholders of a blueprint, one token per line they cover (tokens cannot span lines). */
export function semanticTokens({ document, model }: AnalysedBlueprint): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  for (const p of model.placeholders) {
    const start = toPosition(document, p.span.start);
    const end = toPosition(document, p.span.end);
    for (let line = start.line; line <= end.line; line++) {
      const from = line === start.line ? start.character : 0;
      const to = line === end.line ? end.character : lineLength(document, line);
      if (to > from) builder.push(line, from, to - from, 0, 0);
    }
  }
  return builder.build();
}

function lineLength(document: AnalysedBlueprint['document'], line: number): number {
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/(?:\r\n|\r|\n)$/, '').length;
}
