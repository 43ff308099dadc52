import * as vscode from 'vscode';
import type { DocumentStatus } from '../../server/src/protocol';

/** Asks the server how complete a document is; null for documents that are not blueprints. */
export type StatusSource = (document: vscode.TextDocument) => Promise<DocumentStatus | null>;

const NEXT_PLACEHOLDER = 'blueprint.nextPlaceholder';

/**
 * How complete the active blueprint is, from the server's `blueprint/documentStatus`: sections present of
 * the template's and placeholders left. Clicking goes to the next placeholder. Hidden for anything else.
 */
export class BlueprintStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('blueprint.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private shown = false;
  /** Answers may arrive out of order; only the latest request's answer is shown. */
  private latest = 0;
  private pendingChange: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly statusOf: StatusSource) {
    this.item.name = 'Blueprint Status';
    this.item.command = NEXT_PLACEHOLDER;
    const active = () => vscode.window.activeTextEditor?.document;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      // Diagnostics arrive once the server has analysed a version: the status is then current too.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const document = active();
        if (document && e.uris.some((uri) => uri.toString() === document.uri.toString())) void this.update();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === active()) this.updateSoon();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === active()) void this.update();
      }),
    );
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  /** What clicking the item runs. */
  get command(): string | undefined {
    return typeof this.item.command === 'string' ? this.item.command : this.item.command?.command;
  }

  get visible(): boolean {
    return this.shown;
  }

  /** Asks the server about the active editor's document and shows (or hides) the item accordingly. */
  async update(): Promise<void> {
    const request = ++this.latest;
    const document = vscode.window.activeTextEditor?.document;
    let status: DocumentStatus | null = null;
    if (document && document.languageId === 'markdown') {
      try {
        status = await this.statusOf(document);
      } catch {
        status = null; // the server is restarting or stopped: nothing to say
      }
    }
    if (request !== this.latest) return;
    this.show(status);
  }

  private updateSoon(): void {
    if (this.pendingChange) clearTimeout(this.pendingChange);
    this.pendingChange = setTimeout(() => {
      this.pendingChange = undefined;
      void this.update();
    }, 300);
  }

  private show(status: DocumentStatus | null): void {
    if (!status) {
      this.item.hide();
      this.shown = false;
      return;
    }
    const { text, tooltip } = describe(status);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: tooltip };
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    if (this.pendingChange) clearTimeout(this.pendingChange);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `$(checklist) 7/9 sections · 12 placeholders`, and a sentence saying the same for the tooltip. */
export function describe(status: DocumentStatus): { text: string; tooltip: string } {
  if (status.tooLarge) {
    return {
      text: '$(warning) Blueprint not checked',
      tooltip: 'This blueprint is larger than blueprint.maxDocumentSize, so it is not checked.',
    };
  }
  const left = status.placeholders.length;
  const complete = left === 0 && status.sectionsPresent >= status.sectionsTotal;
  const sections = `${status.sectionsPresent}/${status.sectionsTotal} sections`;
  const placeholders = left === 0 ? 'no placeholders' : count(left, 'placeholder');
  return {
    text: `${complete ? '$(pass)' : '$(checklist)'} ${sections} · ${placeholders}`,
    tooltip:
      `${status.kind}: ${status.sectionsPresent} of ${count(status.sectionsTotal, 'section')} present, ${left === 0 ? 'no placeholders' : count(left, 'placeholder')} left.` +
      (left > 0 ? ' Click to go to the next placeholder.' : ''),
  };
}
