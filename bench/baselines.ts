import MarkdownIt from 'markdown-it';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  createLanguageService,
  githubSlugifier,
  LogLevel,
  type IMdLanguageService,
  type IWorkspace,
} from 'vscode-markdown-languageservice';

/** What the issue measures against: remark-parse alone, markdown-it, and VS Code's own Markdown language service. */

const remark = unified().use(remarkParse);

export function remarkParseAlone(text: string): void {
  remark.parse(text);
}

const markdownIt = new MarkdownIt({ html: true });

export function markdownItParse(text: string): void {
  markdownIt.parse(text, {});
}

const noEvent = () => ({ dispose: () => undefined });

// The language service reads other files through a workspace; a single document needs none.
const emptyWorkspace: IWorkspace = {
  workspaceFolders: [],
  onDidChangeMarkdownDocument: noEvent,
  onDidCreateMarkdownDocument: noEvent,
  onDidDeleteMarkdownDocument: noEvent,
  getAllMarkdownDocuments: () => Promise.resolve([]),
  hasMarkdownDocument: () => false,
  openMarkdownDocument: () => Promise.resolve(undefined),
  stat: () => Promise.resolve(undefined),
  readDirectory: () => Promise.resolve([]),
};

const notCancelled = { isCancellationRequested: false, onCancellationRequested: noEvent };

/** vscode-markdown-languageservice with markdown-it as its engine, as VS Code's Markdown extension runs it. */
export class MarkdownLanguageService {
  private readonly service: IMdLanguageService = createLanguageService({
    workspace: emptyWorkspace,
    parser: { slugifier: githubSlugifier, tokenize: (document) => Promise.resolve(markdownIt.parse(document.getText(), {})) },
    logger: { level: LogLevel.Off, log: () => undefined },
  });
  private documents = 0;

  /** A fresh document each time, so that nothing is served from the service's caches. */
  private fresh(text: string): TextDocument {
    this.documents++;
    return TextDocument.create(`file:///bench/document-${this.documents}.md`, 'markdown', 1, text);
  }

  async symbols(text: string): Promise<void> {
    await this.service.getDocumentSymbols(this.fresh(text), {}, notCancelled);
  }

  async symbolsAndFolding(text: string): Promise<void> {
    const document = this.fresh(text);
    await this.service.getDocumentSymbols(document, {}, notCancelled);
    await this.service.getFoldingRanges(document, notCancelled);
  }
}
