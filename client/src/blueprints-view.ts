import * as vscode from 'vscode';
import type { BlueprintSummary, WorkspaceSummary } from '../../server/src/protocol';

export const BLUEPRINTS_VIEW = 'blueprint.blueprints';
/** What a blueprint with no status (or one the template does not have) is grouped under, after the template's status values. */
const UNFILLED = 'unfilled';

type Node = { readonly kind: 'group'; readonly status: string; readonly blueprints: readonly BlueprintSummary[] } | BlueprintNode;
interface BlueprintNode {
  readonly kind: 'blueprint';
  readonly summary: BlueprintSummary;
}

/**
 * The Blueprints view in the Explorer: every blueprint of the workspace, open or not, grouped by
 * its Blueprint Status in the template's order (the values come from the server, never from here),
 * then "unfilled". Its data is one request, `blueprint/workspaceSummary`; it asks again when the
 * server says the workspace changed. Empty, it shows the welcome content (package.json `viewsWelcome`).
 */
export class BlueprintsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private summary: Promise<WorkspaceSummary> | undefined;

  constructor(private readonly ask: () => Promise<WorkspaceSummary>) {}

  /** The server said the workspace changed: the tree asks again. */
  refresh(): void {
    this.summary = undefined;
    this.changes.fire(undefined);
  }

  /** The summary the tree shows now (for the tests and the commands). */
  current(): Promise<WorkspaceSummary> {
    this.summary ??= this.ask().catch(() => ({ statuses: [], blueprints: [], indexing: false }));
    return this.summary;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node?.kind === 'blueprint') return [];
    if (node?.kind === 'group') return node.blueprints.map((summary) => ({ kind: 'blueprint', summary }));
    const { statuses, blueprints } = await this.current();
    return [...statuses, UNFILLED]
      .map((status) => ({
        kind: 'group' as const,
        status,
        blueprints: blueprints.filter((b) => (b.status ?? UNFILLED) === status && (b.status !== null || status === UNFILLED)),
      }))
      .filter((group) => group.blueprints.length > 0);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.status, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.blueprints.length);
      item.contextValue = 'blueprintStatus';
      item.id = `status:${node.status}`;
      return item;
    }
    const { summary } = node;
    const uri = vscode.Uri.parse(summary.uri);
    const item = new vscode.TreeItem(summary.path.split('/').pop() ?? summary.path, vscode.TreeItemCollapsibleState.None);
    item.id = summary.uri;
    item.resourceUri = uri;
    item.description = describe(summary);
    item.tooltip = `${summary.path}\n${summary.kind || 'Blueprint'} · ${summary.status ?? UNFILLED}\n${describe(summary)}`;
    item.iconPath = progressIcon(summary);
    item.contextValue = 'blueprint';
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }

  dispose(): void {
    this.changes.dispose();
  }
}

/** `7/9 sections · 3 placeholders · 1 error`: what is left, in the words of the status bar. */
export function describe(summary: BlueprintSummary): string {
  if (summary.tooLarge) return 'too large to check';
  const parts = [`${summary.sectionsPresent}/${summary.sectionsTotal} sections`];
  parts.push(
    summary.placeholders === 0 ? 'no placeholders' : `${summary.placeholders} placeholder${summary.placeholders === 1 ? '' : 's'}`,
  );
  if (summary.errors > 0) parts.push(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
  if (summary.warnings > 0) parts.push(`${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

/** Done (every section, no placeholder, no error), errors, or how far along: a quarter, half or most of the sections written. */
function progressIcon(summary: BlueprintSummary): vscode.ThemeIcon {
  if (summary.errors > 0 || summary.tooLarge) return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  const complete = summary.sectionsPresent === summary.sectionsTotal && summary.placeholders === 0;
  if (complete) return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  const done = summary.sectionsTotal === 0 ? 0 : summary.sectionsPresent / summary.sectionsTotal;
  return new vscode.ThemeIcon(done < 0.5 ? 'circle-large-outline' : 'circle-large-filled');
}

/** The blueprint a context-menu command was run on. */
export function blueprintOf(node: unknown): BlueprintSummary | undefined {
  return typeof node === 'object' && node !== null && (node as Node).kind === 'blueprint' ? (node as BlueprintNode).summary : undefined;
}
