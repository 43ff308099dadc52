import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import type { HtmlSnippet } from '../model/blueprint';
import { BOM } from '../model/markdown-parser';
import type { Span } from '../model/span';
import { toPosition, toRange } from '../lsp-ranges';

/**
 * Inline rule control as markdownlint users know it, in HTML comments:
 * `<!-- blueprint-disable code… -->` and `<!-- blueprint-enable code… -->` from their line on,
 * `<!-- blueprint-disable-next-line code… -->` for the line after the comment. No code means every code.
 */
export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line';

export interface RuleDirective {
  readonly kind: DirectiveKind;
  /** The codes named; empty for all of them. */
  readonly codes: readonly string[];
  /** The comment's first and last lines (0-based). */
  readonly line: number;
  readonly endLine: number;
  /** The comment itself. */
  readonly span: Span;
}

const DIRECTIVE = /<!--\s*blueprint-(disable-next-line|disable|enable)\b([^]*?)-->/g;
/** Without a disable directive nothing is silenced, and the document need not be scanned. */
const MARKER = 'blueprint-disable';

interface CommentScan {
  readonly directives: RuleDirective[];
  /** Fenced and indented code blocks, where a comment would be code, not a comment. */
  readonly codeBlocks: Span[];
}

/** Directives and code blocks of a blueprint, read from its cached model (comments in code are code). */
export function scanComments({ document, model }: Pick<AnalysedBlueprint, 'document' | 'model'>): CommentScan {
  const directives: RuleDirective[] = [];
  for (const comment of model.directiveComments) directives.push(...directivesIn(document, comment));
  return { directives, codeBlocks: [...model.codeBlocks] };
}

function directivesIn(document: TextDocument, comment: HtmlSnippet): RuleDirective[] {
  const found: RuleDirective[] = [];
  for (const m of comment.text.matchAll(DIRECTIVE)) {
    const span = { start: comment.span.start + m.index, end: comment.span.start + m.index + m[0].length };
    found.push({
      kind: m[1] as DirectiveKind,
      codes: m[2]!.split(/[\s,]+/).filter(Boolean),
      line: toPosition(document, span.start).line,
      endLine: toPosition(document, span.end).line,
      span,
    });
  }
  return found;
}

/** Whether the directives silence `code` on `line`. */
export function isSilenced(directives: readonly RuleDirective[], code: string, line: number): boolean {
  let silenced = false;
  for (const d of directives) {
    if (d.codes.length > 0 && !d.codes.includes(code)) continue;
    if (d.kind === 'disable-next-line') {
      if (d.endLine + 1 === line) return true;
    } else if (d.line <= line) {
      silenced = d.kind === 'disable';
    }
  }
  return silenced;
}

/** The diagnostics the document's comments leave standing. */
export function applyRuleControl(analysed: Pick<AnalysedBlueprint, 'document' | 'model'>, diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0 || !analysed.model.directiveComments.some((c) => c.text.includes(MARKER))) return diagnostics;
  const { directives } = scanComments(analysed);
  if (directives.length === 0) return diagnostics;
  return diagnostics.filter((d) => !isSilenced(directives, String(d.code), d.range.start.line));
}

export const IGNORE_ON_LINE_TITLE = 'Ignore this diagnostic on this line';
export const IGNORE_IN_CODE_BLOCK_TITLE = 'Ignore this diagnostic in this code block';

/**
 * "Ignore this diagnostic on this line": a `blueprint-disable-next-line` comment above the line (or the
 * code added to one already there). In a code block, where a comment would be code, the block is
 * wrapped in disable/enable comments instead.
 */
export function ignoreDiagnosticActions(
  analysed: Pick<AnalysedBlueprint, 'document' | 'model'>,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const { document } = analysed;
  const mine = diagnostics.filter((d) => d.source === 'blueprint' && d.code !== undefined);
  if (mine.length === 0) return [];
  const comments = scanComments(analysed);
  const actions: CodeAction[] = [];
  for (const diagnostic of mine) {
    const edit = ignoreEdit(document, comments, String(diagnostic.code), diagnostic.range.start.line);
    if (!edit) continue;
    actions.push({
      title: `${edit.inBlock ? IGNORE_IN_CODE_BLOCK_TITLE : IGNORE_ON_LINE_TITLE} (${String(diagnostic.code)})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [document.uri]: edit.edits } },
    });
  }
  return actions;
}

function ignoreEdit(
  document: TextDocument,
  scan: CommentScan,
  code: string,
  line: number,
): { edits: TextEdit[]; inBlock: boolean } | undefined {
  const text = document.getText();
  const lineBreak = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const offset = document.offsetAt({ line, character: 0 });
  const block = scan.codeBlocks.find((b) => offset >= b.start && offset < b.end);
  if (block) {
    const open = document.offsetAt({ line: toPosition(document, block.start).line, character: 0 });
    const indent = leadingIndent(text, open);
    return {
      inBlock: true,
      edits: [
        {
          range: toRange(document, { start: open, end: open }),
          newText: `${indent}<!-- blueprint-disable ${code} -->${lineBreak}${lineBreak}`,
        },
        {
          range: toRange(document, { start: block.end, end: block.end }),
          newText: `${lineBreak}${lineBreak}${indent}<!-- blueprint-enable ${code} -->`,
        },
      ],
    };
  }
  const above = scan.directives.find((d) => d.kind === 'disable-next-line' && d.endLine + 1 === line);
  if (above) {
    if (above.codes.length === 0 || above.codes.includes(code)) return undefined;
    const close = text.lastIndexOf('-->', above.span.end);
    const insertAt = text.slice(0, close).trimEnd().length;
    return { inBlock: false, edits: [{ range: toRange(document, { start: insertAt, end: insertAt }), newText: ` ${code}` }] };
  }
  // Never put text before a byte order mark.
  const start = offset === 0 && text.startsWith(BOM) ? 1 : offset;
  return {
    inBlock: false,
    edits: [
      {
        range: toRange(document, { start, end: start }),
        newText: `${leadingIndent(text, start)}<!-- blueprint-disable-next-line ${code} -->${lineBreak}`,
      },
    ],
  };
}

function leadingIndent(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
}
