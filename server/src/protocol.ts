// From the protocol package both the server and the VS Code client build on, so the client bundle
// carries no server code.
import type { Listing, ReadText, Stat } from './project/file-access';
import { NotificationType, RequestType, type Range } from 'vscode-languageserver-protocol';

/**
 * What the outline (document symbols) holds: `full` (title, sections, subsections, structures and their
 * fields) for editors with no Markdown outline of their own; `structures` (the structures and their fields)
 * for a client whose own outline already lists a Markdown document's headings, as VS Code's Markdown
 * extension does, so that no heading is listed twice.
 */
export type OutlineContent = 'full' | 'structures';

/** What a client may pass as `initializationOptions`; every part is optional. */
export interface BlueprintInitializationOptions {
  /** The `blueprint.*` settings, for editors that do not answer `workspace/configuration` (also accepted as `blueprint`). */
  readonly settings?: unknown;
  readonly blueprint?: unknown;
  /** `full` when absent. */
  readonly outline?: OutlineContent;
}

/** Custom requests the server answers beyond LSP; the VS Code client uses them for its status bar and commands. */
export interface DocumentStatusParams {
  readonly uri: string;
}

export interface DocumentStatus {
  /** The kind of blueprint, e.g. "Data Blueprint". */
  readonly kind: string;
  readonly sectionsPresent: number;
  readonly sectionsTotal: number;
  /** Sections and subsections present with nothing written under their headings (as the `empty-section` diagnostics count them). */
  readonly emptySections: number;
  /** Subsections the present sections lack (an empty section's are counted as it being empty). */
  readonly missingSubsections: number;
  /** Every unfilled placeholder, in document order. */
  readonly placeholders: readonly Range[];
  /** True when the document was too large to analyse. */
  readonly tooLarge: boolean;
}

/** Null for documents that are not blueprints. */
export const DocumentStatusRequest = new RequestType<DocumentStatusParams, DocumentStatus | null, void>('blueprint/documentStatus');

export interface NewBlueprintParams {
  /** Which template: its id (`data-blueprint`) or kind (`Data Blueprint`); the built-in template when absent. */
  readonly kind?: string;
  /** What the blueprint is about, put in place of the title's placeholder (`Order Ledger`). */
  readonly name: string;
  /** For the person field; when absent the `blueprint.author` setting, else the operating system user. */
  readonly author?: string;
  /** For the date field, YYYY-MM-DD; today when absent. */
  readonly date?: string;
  /** Where the blueprint will be (a file or folder URI): its settings apply. The window's settings when absent. */
  readonly uri?: string;
}

export interface NewBlueprint {
  readonly kind: string;
  /** The whole text of the new blueprint. */
  readonly text: string;
  /** A file name for it: the name in kebab case, `order-ledger.blueprint.md`. */
  readonly fileName: string;
  /** The first placeholder left in `text`, for the editor to select; null when none is left. */
  readonly firstPlaceholder: Range | null;
}

/** A new blueprint from a template; null when no template has that kind. */
export const NewBlueprintRequest = new RequestType<NewBlueprintParams, NewBlueprint | null, void>('blueprint/newBlueprint');

export interface TemplateSnippetParams {
  /** As in NewBlueprintParams. */
  readonly kind?: string;
}

export interface TemplateSnippet {
  readonly kind: string;
  /** The template as VS Code/LSP snippet syntax, its placeholders as tab stops. */
  readonly snippet: string;
}

/** A whole template as a snippet to insert; null when no template has that kind. */
export const TemplateSnippetRequest = new RequestType<TemplateSnippetParams, TemplateSnippet | null, void>('blueprint/templateSnippet');

/** One template as a "New Blueprint…" quick pick shows it. */
export interface TemplateSummary {
  /** Pass as `kind` to `blueprint/newBlueprint` and `blueprint new`. */
  readonly id: string;
  /** `Data Blueprint`, `API Blueprint`. */
  readonly kind: string;
  /** The template's title line text, placeholder included. */
  readonly title: string;
  readonly builtin: boolean;
}

/** Every template in force, built-in first, then those of the workspace's templates folders (only well-formed ones). */
export const TemplatesRequest = new RequestType<Record<string, never>, TemplateSummary[], void>('blueprint/templates');

// (`@__PURE__`: the Node server and the CLI, which read files themselves, leave these out of their bundles.)

/**
 * Files the server reads through the client (the web worker has no file system: the client answers
 * from the editor's, `workspace.fs`), with the rules of project/file-access.ts: only regular files
 * (links followed to one), bounded, problems that never quote a file's content. `uri` names a file
 * or folder as the client does.
 */
export interface ReadFileParams {
  readonly uri: string;
  /** More bytes than this: `too-large`, without the file being read. */
  readonly maxBytes: number;
}

export const ReadFileRequest = /* @__PURE__ */ new RequestType<ReadFileParams, ReadText, void>('blueprint/readFile');

export interface FileUriParams {
  readonly uri: string;
}

/** What is at a URI (as `FileAccess.stat`). */
export const StatFileRequest = /* @__PURE__ */ new RequestType<FileUriParams, Stat, void>('blueprint/statFile');

/** A folder's entries (as `FileAccess.list`). */
export const ListFolderRequest = /* @__PURE__ */ new RequestType<FileUriParams, Listing, void>('blueprint/listFolder');
/** One blueprint of the workspace as the Blueprints view and `blueprint status` show it. */
export interface BlueprintSummary {
  readonly uri: string;
  /** Its path relative to its workspace folder (the current folder for `blueprint status`), with forward slashes. */
  readonly path: string;
  /** The template's kind (`Data Blueprint`); empty for a blueprint too large to analyse. */
  readonly kind: string;
  /** The Blueprint Status as the template spells it; null when unfilled (no status, a placeholder, or a value the template does not have). */
  readonly status: string | null;
  readonly sectionsPresent: number;
  readonly sectionsTotal: number;
  readonly placeholders: number;
  /** The first placeholder left, for "Go to Next Placeholder" on a blueprint that is not open; null when none is left. */
  readonly firstPlaceholder: Range | null;
  readonly errors: number;
  readonly warnings: number;
  readonly tooLarge: boolean;
}

export interface WorkspaceSummary {
  /** The status values of the templates in force, in the templates' order: the groups, before "unfilled". */
  readonly statuses: readonly string[];
  /** Every blueprint of the workspace, open or not, by path. */
  readonly blueprints: readonly BlueprintSummary[];
  /** True while the index is still reading the workspace: more may come (a `blueprint/workspaceSummaryChanged` follows). */
  readonly indexing: boolean;
}

/** Every blueprint of the workspace with its progress and problems (the Blueprints view's data). */
export const WorkspaceSummaryRequest = new RequestType<Record<string, never>, WorkspaceSummary, void>('blueprint/workspaceSummary');

/** Sent by the server when the workspace summary changed (a blueprint added, removed, edited or re-read): ask again. */
export const WorkspaceSummaryChangedNotification = new NotificationType<Record<string, never>>('blueprint/workspaceSummaryChanged');
/** Which diagram: the data model (`classDiagram`) or the states (`stateDiagram-v2`). */
export type DiagramKind = 'data-model' | 'state';

export interface DiagramParams {
  readonly uri: string;
  /** `data-model` when absent. */
  readonly kind?: DiagramKind;
}

export interface Diagram {
  readonly kind: DiagramKind;
  /** The Mermaid text, as "Insert data model diagram" writes it. */
  readonly mermaid: string;
  /**
   * For the data model: each structure drawn, in the order of the diagram, with the id Mermaid
   * knows it by and where it is declared (a view reveals the declaration of the node clicked).
   */
  readonly structures: readonly { readonly name: string; readonly id: string; readonly range: Range }[];
}

/** The Mermaid text of a blueprint's diagram, drawn from its current version; null for documents that are not blueprints. */
export const DiagramRequest = new RequestType<DiagramParams, Diagram | null, void>('blueprint/diagram');
