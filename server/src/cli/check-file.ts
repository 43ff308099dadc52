import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BlueprintStore } from '../documents/blueprint-store';
import { classifyDocument, classifyUnreadFile, type DocumentClass, type DocumentPlace } from '../documents/classification';
import { blueprintFacts, type BlueprintFacts } from '../features/blueprint-facts';
import { checkedDiagnostics, unresolvedBlueprintDiagnostics } from '../features/checked-diagnostics';
import type { StructureScope } from '../settings';
import { safeFixEdits } from '../features/fix-all';
import { footerValues } from '../template/footer-values';
import { builtinTemplates } from '../template/builtin-templates';
import type { FileAccess } from '../project/file-access';
import type { Project } from '../project/project';
import { systemUserName } from '../project/system-user';
import type { TextEncoding } from '../project/text-decoding';
import { writeTextAtomically } from './atomic-write';
import type { FixMode } from './usage';

/** One file to check: its absolute path, and its text when it comes from stdin rather than the file. */
export interface FileJob {
  readonly path: string;
  readonly text?: string;
  readonly fix: FixMode;
}

export type FileOutcome =
  /** `fixed`: the text before and after the safe fixes, when they changed it (and whether it was written). */
  | {
      readonly kind: 'checked';
      /** Before structures are resolved across the workspace (check.ts resolves them, once every file is read). */
      readonly diagnostics: Diagnostic[];
      /** A blueprint's facts (the structures it declares and uses, its progress); none for one too large to analyse. */
      readonly facts?: BlueprintFacts;
      /** Where its structures are looked for (`structures.scope`). */
      readonly structureScope: StructureScope;
      readonly fixed?: { readonly before: string; readonly after: string; readonly written: boolean };
    }
  | { readonly kind: 'not-a-blueprint' }
  | { readonly kind: 'problem'; readonly problem: string };

/** The most a document read may hold: above it V8 cannot make one string of the text anyway. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * Fixing repeats until nothing is left to fix (a fix can reveal another, such as a section added
 * whose subsections are then seen missing), so that a second run changes nothing; a few passes
 * are plenty, and the bound keeps a run finite whatever the fixes do.
 */
const MAX_FIX_PASSES = 10;

/**
 * Checks one file exactly as the language server checks a document: the same project layer (rc
 * files, settings, templates), classification (documents/classification.ts), store and diagnostics,
 * on a TextDocument made from the file's text read as an editor reads it (BOM removed, UTF-16
 * decoded). With `fix`, applies the safe fixes of the editor's fix-all on save (`safeFixEdits`) and
 * checks what remains. The same in the main thread and in a worker thread (see worker-pool.ts).
 */
export class FileChecker {
  // Each text is parsed whole: the CLI reads a file once, so chunks would never be reused.
  private readonly store = new BlueprintStore(builtinTemplates, { chunked: false });

  constructor(
    private readonly project: Project,
    private readonly files: FileAccess,
  ) {}

  async check(job: FileJob): Promise<FileOutcome> {
    const context = await this.project.contextForFile(job.path);
    const { settings } = context;
    const place: DocumentPlace = { path: job.path, context };
    const uri = pathToFileURL(job.path).href;
    let text: string;
    let encoding: TextEncoding | undefined;
    if (job.text !== undefined) {
      text = job.text;
    } else {
      // Any text of maxDocumentSize characters fits in three bytes a character; a file with more is too large, read or not.
      const read = await this.files.readText(job.path, Math.min(MAX_DOCUMENT_BYTES, 3 * settings.maxDocumentSize + 3));
      if (read.kind === 'missing') return { kind: 'problem', problem: 'no longer exists' };
      if (read.kind === 'problem') return { kind: 'problem', problem: read.problem };
      if (read.kind === 'too-large') {
        const head = TextDocument.create(uri, 'markdown', 1, read.head);
        return outcomeOf(head, classifyUnreadFile(uri, read.head, read.bytes, place), place);
      }
      text = read.text;
      encoding = read.encoding;
    }
    try {
      const document = TextDocument.create(uri, 'markdown', 1, text);
      const classified = classifyDocument(document, place, this.store);
      const checked = outcomeOf(document, classified, place);
      if (checked.kind !== 'checked' || classified.kind !== 'blueprint' || job.fix === 'none') return checked;
      const fixedDocument = this.fixed(document, place);
      const after = fixedDocument.getText();
      if (after === text) return checked;
      const remaining = outcomeOf(fixedDocument, classifyDocument(fixedDocument, place, this.store), place);
      if (job.fix === 'write') {
        const written = await writeTextAtomically(job.path, after, encoding ?? 'utf-8');
        if (written !== undefined) return { kind: 'problem', problem: `cannot be fixed: ${written}` };
      }
      return {
        ...(remaining.kind === 'checked' ? remaining : { kind: 'checked', diagnostics: [], structureScope: settings.structures.scope }),
        fixed: { before: text, after, written: job.fix === 'write' },
      };
    } finally {
      // Each file is read once: keeping its parse would only grow the memory of a large run.
      this.store.forget(uri);
    }
  }

  /** The document with the safe fixes applied, pass after pass until none is left (at most MAX_FIX_PASSES). */
  private fixed(document: TextDocument, place: DocumentPlace): TextDocument {
    const { settings } = place.context;
    const values = footerValues(settings, new Date(), systemUserName);
    let current = document;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const classified = classifyDocument(current, place, this.store);
      const edits = classified.kind === 'blueprint' ? safeFixEdits(classified.analysed, settings, values) : [];
      if (edits.length === 0) break;
      const text = TextDocument.applyEdits(current, edits);
      if (text === current.getText()) break;
      current = TextDocument.create(current.uri, 'markdown', current.version + 1, text);
    }
    return current;
  }
}

/**
 * A classified document's outcome: a blueprint's diagnostics before structures are resolved, and its
 * facts. Templates are reported from the project's reading of their folder (check.ts), never as
 * documents of their own, so a template here is left out like plain Markdown.
 */
function outcomeOf(document: TextDocument, classified: DocumentClass, place: DocumentPlace): FileOutcome {
  const { settings } = place.context;
  const structureScope = settings.structures.scope;
  if (classified.kind === 'blueprint') {
    const diagnostics = unresolvedBlueprintDiagnostics(classified.analysed, settings);
    return { kind: 'checked', diagnostics, facts: blueprintFacts(classified.analysed, diagnostics), structureScope };
  }
  const diagnostics = classified.kind === 'template' ? undefined : checkedDiagnostics(document, classified, settings);
  return diagnostics ? { kind: 'checked', diagnostics, structureScope } : { kind: 'not-a-blueprint' };
}
