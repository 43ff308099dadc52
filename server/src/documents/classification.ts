import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseBlueprint } from '../model/blueprint-parser';
import { frontMatterEnd } from '../model/markdown-parser';
import { templateFor } from '../template/registry';
import { Project, type FolderContext } from '../project/project';
import type { AnalysedBlueprint } from './analysed-document';
import type { BlueprintStore } from './blueprint-store';

/**
 * What a document is to Blueprint, decided here and nowhere else, for the language server and
 * `blueprint check` alike: what gets diagnostics, features and a status follows from it.
 */
export type DocumentClass =
  /** A Markdown file directly in its folder's templates folder: checked as a template, never as a blueprint. */
  | { readonly kind: 'template' }
  /**
   * A blueprint longer than `maxDocumentSize`: one `too-large` diagnostic instead of an analysis.
   * `bytes`: its size, for a file too large to be read whole (then only its beginning was read).
   */
  | { readonly kind: 'too-large'; readonly bytes?: number }
  | { readonly kind: 'blueprint'; readonly analysed: AnalysedBlueprint }
  /** Markdown that follows no template, or a document of a scheme that is not checked: nothing is said about it. */
  | { readonly kind: 'plain' };

/** Where a document is, as far as its class depends on it. */
export interface DocumentPlace {
  /** The document's file; undefined for one that has none (a new, unsaved document). */
  readonly path: string | undefined;
  /** What applies there: the size limit, the templates in force and the templates folder. */
  readonly context: Pick<FolderContext, 'settings' | 'templates' | 'templatesFolder'>;
}

// Files on disk and new unsaved files; not diff views (`git:`), previews or other virtual documents.
// A document of another scheme is checked when the host knows it as a file (`place.path`): in the
// web worker, a file of a virtual workspace (`vscode-vfs:` on github.dev).
const CHECKED_SCHEMES = /^(?:file|untitled):/i;

function isChecked(uri: string, path: string | undefined): boolean {
  return path !== undefined || CHECKED_SCHEMES.test(uri);
}

/** How far into a document too large to analyse its front matter is looked for. */
const FRONT_MATTER_LOOKAHEAD = 65_536;
/** How much after the front matter a document too large to analyse is read to find its title. */
const TITLE_LOOKAHEAD = 4096;

/** The class of a document, analysing it (through the store, which keeps the analysis) when it may be a blueprint. */
export function classifyDocument(document: TextDocument, place: DocumentPlace, store: BlueprintStore): DocumentClass {
  return classBeforeAnalysis(document, place) ?? classOf(store.get(document, place.context.templates));
}

/** The same, with a first analysis done in slices (see `BlueprintStore.getInSlices`): the language server's way. */
export async function classifyDocumentInSlices(
  document: TextDocument,
  place: DocumentPlace,
  store: BlueprintStore,
): Promise<DocumentClass> {
  return classBeforeAnalysis(document, place) ?? classOf(await store.getInSlices(document, place.context.templates));
}

/**
 * The class of a file too large to be read whole, of which only the beginning (`head`) was read:
 * a blueprint by its first lines is too large, anything else plain.
 */
export function classifyUnreadFile(uri: string, head: string, bytes: number, place: DocumentPlace): DocumentClass {
  if (!isChecked(uri, place.path)) return { kind: 'plain' };
  if (place.path !== undefined && Project.isTemplateFile(place.path, place.context)) return { kind: 'template' };
  return looksLikeBlueprint(head, uri, place.context.templates) ? { kind: 'too-large', bytes } : { kind: 'plain' };
}

function classBeforeAnalysis(document: TextDocument, { path, context }: DocumentPlace): DocumentClass | undefined {
  if (!isChecked(document.uri, path)) return { kind: 'plain' };
  if (path !== undefined && Project.isTemplateFile(path, context)) return { kind: 'template' };
  const text = document.getText();
  if (text.length > context.settings.maxDocumentSize)
    return looksLikeBlueprint(text, document.uri, context.templates) ? { kind: 'too-large' } : { kind: 'plain' };
  return undefined;
}

function classOf(analysed: AnalysedBlueprint | undefined): DocumentClass {
  return analysed ? { kind: 'blueprint', analysed } : { kind: 'plain' };
}

/**
 * Whether a text too large to analyse would be a blueprint, judged from its first lines (after its
 * front matter) only, so that the judgement costs the same whatever the text's length.
 */
function looksLikeBlueprint(text: string, uri: string, templates: FolderContext['templates']): boolean {
  const frontMatter = frontMatterEnd(text.slice(0, FRONT_MATTER_LOOKAHEAD)) ?? 0;
  return templateFor(parseBlueprint(text.slice(0, frontMatter + TITLE_LOOKAHEAD)), uri, templates) !== undefined;
}
