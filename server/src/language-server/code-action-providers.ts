import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { addMissingSectionsActions, ADD_MISSING_SECTIONS_KIND, quickFixActions } from '../features/code-actions';
import { insertDiagramActions, INSERT_DIAGRAM_KIND } from '../features/diagrams';
import { fixAllActions, FIX_ALL_KIND } from '../features/fix-all';
import type { FooterValues } from '../template/footer-values';
import { ignoreDiagnosticActions } from '../features/rule-control';
import type { BlueprintSettings } from '../settings';

/** What a code action request asks about: a blueprint at its current version, and the diagnostics the client sends. */
export interface CodeActionRequest {
  readonly analysed: AnalysedBlueprint;
  readonly diagnostics: readonly Diagnostic[];
  readonly settings: BlueprintSettings;
  readonly values: FooterValues;
  /**
   * The client resolves code actions' edits (`codeAction/resolve`): actions whose edit is large are sent
   * without it, and the server adds it to the one the user picks.
   */
  readonly resolvesEdits?: boolean;
}

/** One family of code actions: every action it gives has its kind. */
export interface CodeActionProvider {
  /** The kind of its actions, announced in the server's capabilities. */
  readonly kind: string;
  /**
   * For actions applied unasked (fix-all runs on save): the least specific kind a client must name
   * in `only` for them (`source.fixAll`), so that they are neither offered among every action nor
   * among every source action.
   */
  readonly namedFrom?: string;
  provide(request: CodeActionRequest): CodeAction[];
}

/** The quick fixes of the diagnostics the client sends. */
export const QUICK_FIXES: CodeActionProvider = {
  kind: CodeActionKind.QuickFix,
  provide: ({ analysed, diagnostics, values }) => quickFixActions(analysed, diagnostics, values),
};

/** "Add all missing sections" (and footer fields), a source action. */
export const ADD_MISSING_SECTIONS: CodeActionProvider = {
  kind: ADD_MISSING_SECTIONS_KIND,
  provide: ({ analysed, values }) => addMissingSectionsActions(analysed, values),
};

/** "Ignore this diagnostic on this line", with a rule-control comment. */
export const IGNORE_DIAGNOSTIC: CodeActionProvider = {
  kind: CodeActionKind.QuickFix,
  provide: ({ analysed, diagnostics }) => ignoreDiagnosticActions(analysed, diagnostics),
};

/** "Insert data model diagram" and "Insert state diagram", source actions. */
export const INSERT_DIAGRAMS: CodeActionProvider = {
  kind: INSERT_DIAGRAM_KIND,
  provide: ({ analysed, resolvesEdits }) => insertDiagramActions(analysed, resolvesEdits !== true),
};

/** "Fix all safe blueprint problems", for `editor.codeActionsOnSave`. */
export const FIX_ALL: CodeActionProvider = {
  kind: FIX_ALL_KIND,
  namedFrom: CodeActionKind.SourceFixAll,
  provide: ({ analysed, settings, values }) => fixAllActions(analysed, settings, values),
};

/** The server's code actions, one provider per family, in the order their actions are listed. */
export const CODE_ACTION_PROVIDERS: readonly CodeActionProvider[] = [
  QUICK_FIXES,
  ADD_MISSING_SECTIONS,
  INSERT_DIAGRAMS,
  IGNORE_DIAGNOSTIC,
  FIX_ALL,
];

/** The kinds announced in the server's capabilities, each once, in the providers' order. */
export function codeActionKinds(providers: readonly CodeActionProvider[] = CODE_ACTION_PROVIDERS): string[] {
  return [...new Set(providers.map((provider) => provider.kind))];
}

/**
 * The one rule for `context.only`: a provider runs when the client names no kinds, or names its
 * kind or a kind that contains it (`source` contains `source.addMissingSections.blueprint`); one
 * with `namedFrom` only when a kind named is its own or contains it and is at least as specific as
 * `namedFrom` (`source.fixAll` or `source.fixAll.blueprint`, never `source` or nothing). An empty
 * `only` asks for nothing.
 */
export function isAskedFor(provider: CodeActionProvider, only: readonly string[] | undefined): boolean {
  if (only === undefined) return provider.namedFrom === undefined;
  return only.some((asked) => contains(asked, provider.kind) && (provider.namedFrom === undefined || contains(provider.namedFrom, asked)));
}

/** The code actions for a request, from every provider `only` asks for. */
export function provideCodeActions(
  request: CodeActionRequest,
  only: readonly string[] | undefined,
  providers: readonly CodeActionProvider[] = CODE_ACTION_PROVIDERS,
): CodeAction[] {
  return providers.flatMap((provider) => (isAskedFor(provider, only) ? provider.provide(request) : []));
}

/** Whether `kind` is `outer` or a kind under it (`source.fixAll` is under `source`). */
function contains(outer: string, kind: string): boolean {
  return kind === outer || kind.startsWith(`${outer}.`);
}
