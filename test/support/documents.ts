import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysedBlueprint } from '../../server/src/documents/analysed-document';
import type { Diagnostic } from 'vscode-languageserver';
import { BlueprintStore } from '../../server/src/documents/blueprint-store';
import { classifyDocument } from '../../server/src/documents/classification';
import { checkedDiagnostics } from '../../server/src/features/checked-diagnostics';
import type { TemplateSchema } from '../../server/src/template/schema';
import { builtinTemplates } from '../../server/src/template/builtin-templates';
import { DEFAULT_SETTINGS, readSettings, type BlueprintSettings } from '../../server/src/settings';

/** The repository root: the nearest folder up with a package.json (tests are bundled into out/test/<layer>/, the bench into out/bench/). */
export const repoRoot = nearestPackageRoot(__dirname);

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const templateText = readFileSync(join(repoRoot, 'templates', 'data-blueprint.md'), 'utf8');

/**
 * The template as it is written into documents (New Data Blueprint, completion, quick fixes): a
 * blank line after each heading that lacks one, as markdownlint's default rules want (MD022; every
 * list of this template follows a heading, so MD032 asks for nothing more).
 */
export const writtenTemplateText = asWritten(templateText);

/** A piece of the template as it is written into documents (see writtenTemplateText). */
export function asWritten(templatePiece: string): string {
  return templatePiece.replace(/^(#{1,6} .*)\n(?=[^\n])/gm, '$1\n\n');
}

/** A fixture from test/fixtures. */
export function fixture(name: string): string {
  return readFileSync(join(repoRoot, 'test', 'fixtures', name), 'utf8');
}

export function textDocument(text: string, uri = 'file:///work/order-ledger.md', version = 1): TextDocument {
  return TextDocument.create(uri, 'markdown', version, text);
}

/** Analyses a text as the server would; throws when the text is not a blueprint. */
export function analyse(text: string, uri = 'file:///work/order-ledger.md'): AnalysedBlueprint {
  const analysed = new BlueprintStore().get(textDocument(text, uri));
  if (!analysed) throw new Error(`not a blueprint: ${uri}`);
  return analysed;
}

/**
 * The diagnostics the server and `blueprint check` give a document with no file and no templates
 * folder, against `templates` (the built-in ones unless named): classified, then checked as its
 * class says; undefined for one that is not checked.
 */
export function checkDocument(
  document: TextDocument,
  store: BlueprintStore,
  settings: BlueprintSettings,
  templates: readonly TemplateSchema[] = builtinTemplates,
): Diagnostic[] | undefined {
  const place = { path: undefined, context: { settings, templates, templatesFolder: undefined } };
  return checkedDiagnostics(document, classifyDocument(document, place, store), settings);
}

export function settings(raw: Record<string, unknown> = {}): BlueprintSettings {
  return Object.keys(raw).length ? readSettings(raw).settings : DEFAULT_SETTINGS;
}

/** Applies LSP-style edits (ranges in the original text) and returns the new text. */
export function applyEdits(
  text: string,
  edits: ReadonlyArray<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }>,
): string {
  return TextDocument.applyEdits(
    textDocument(text),
    edits.map((e) => ({ range: e.range, newText: e.newText })),
  );
}

/** A diagnostic's message as text: LSP 3.18 also allows Markdown content, which this server never sends. */
export function messageOf(diagnostic: { readonly message: string | { readonly value: string } }): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
