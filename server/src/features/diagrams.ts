import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { diagramBlocks, markerText, type DiagramBlock } from '../diagrams/diagram-blocks';
import { dataModelOf, dataModelPlace, stateMachineOf, transitionPlace, type DiagramKind } from '../diagrams/diagram-sources';
import { diagramStructureIds, diagramText } from '../diagrams/diagram-writer';
import type { Diagram } from '../protocol';
import { toRange } from '../lsp-ranges';
import type { Span } from '../model/span';
import { insertBlock, replaceSpan } from './document-edits';

/**
 * The diagrams kept in a blueprint: "Insert data model diagram" / "Insert state diagram" (a source
 * action each, while the blueprint has none of that kind and something to draw), `stale-diagram`
 * findings for a kept diagram that no longer draws what the blueprint declares, and its fix.
 */

/** The source actions that put a diagram in the blueprint. */
export const INSERT_DIAGRAM_KIND = `${CodeActionKind.Source}.insertDiagram.blueprint`;

const TITLES: Record<DiagramKind, string> = { 'data-model': 'data model diagram', state: 'state diagram' };

/** The diagrams this version keeps, found once per version. */
export function keptDiagrams(analysed: AnalysedBlueprint): readonly DiagramBlock[] {
  return analysed.derived(findKeptDiagrams);
}

function findKeptDiagrams(analysed: AnalysedBlueprint): DiagramBlock[] {
  return diagramBlocks(analysed.document.getText(), analysed.model);
}

/** The kept diagrams that do not draw what the blueprint declares now (or that have no block under their marker). */
export function staleDiagrams(analysed: AnalysedBlueprint): DiagramBlock[] {
  return keptDiagrams(analysed).filter(
    (block) => block.fence?.text.replace(/\r\n?/g, '\n').trimEnd() !== diagramText(analysed, block.kind),
  );
}

export function staleMessage(block: DiagramBlock): string {
  return block.fence
    ? `The ${TITLES[block.kind]} no longer matches the blueprint: update it`
    : `The ${TITLES[block.kind]} marker has no mermaid block under it`;
}

/** "Update diagram": the block rewritten from the blueprint (added under its marker when it has none). */
export function updateDiagramEdits(analysed: AnalysedBlueprint, block: DiagramBlock): TextEdit[] {
  const { document } = analysed;
  const text = diagramText(analysed, block.kind);
  if (block.fence) return [replaceSpan(document, block.fence.body, text)];
  return [insertBlock(document, block.marker.end, fencedBlock(text))];
}

/** The insert actions, one per kind the blueprint does not keep yet and has something to draw for. */
/** What an insert-diagram action sent without its edit carries, for `codeAction/resolve` to add the edit. */
export interface InsertDiagramData {
  readonly uri: string;
  readonly version: number;
  readonly diagram: DiagramKind;
}

/**
 * "Insert data model diagram" and "Insert state diagram", for the diagrams the blueprint does not keep
 * yet. The edit holds the whole diagram (100 KB for a blueprint of 350 structures), so for a client
 * that resolves code actions' edits (`withEdits` false) each action carries only `data`, and
 * `resolveInsertDiagram` adds the edit when the user picks it.
 */
export function insertDiagramActions(analysed: AnalysedBlueprint, withEdits = true): CodeAction[] {
  const kept = new Set(keptDiagrams(analysed).map((b) => b.kind));
  const actions: CodeAction[] = [];
  for (const kind of ['data-model', 'state'] as const) {
    if (kept.has(kind)) continue;
    const at = insertionPoint(analysed, kind);
    if (at === undefined) continue;
    const action: CodeAction = { title: `Insert ${TITLES[kind]}`, kind: INSERT_DIAGRAM_KIND };
    if (withEdits) action.edit = insertDiagramEdit(analysed, kind, at);
    else action.data = { uri: analysed.document.uri, version: analysed.document.version, diagram: kind } satisfies InsertDiagramData;
    actions.push(action);
  }
  return actions;
}

/** The action with its edit, at the version `analysed` is; unchanged when that diagram can no longer be inserted. */
export function resolveInsertDiagram(analysed: AnalysedBlueprint, action: CodeAction, data: InsertDiagramData): CodeAction {
  if (keptDiagrams(analysed).some((b) => b.kind === data.diagram)) return action;
  const at = insertionPoint(analysed, data.diagram);
  return at === undefined ? action : { ...action, edit: insertDiagramEdit(analysed, data.diagram, at) };
}

/** Whether a code action's `data` is an insert-diagram action's, as a client sends it back. */
export function isInsertDiagramData(data: unknown): data is InsertDiagramData {
  if (typeof data !== 'object' || data === null) return false;
  const { uri, version, diagram } = data as Partial<Record<keyof InsertDiagramData, unknown>>;
  return typeof uri === 'string' && typeof version === 'number' && (diagram === 'data-model' || diagram === 'state');
}

function insertDiagramEdit(analysed: AnalysedBlueprint, kind: DiagramKind, at: number): WorkspaceEdit {
  return {
    changes: {
      [analysed.document.uri]: [insertBlock(analysed.document, at, `${markerText(kind)}\n\n${fencedBlock(diagramText(analysed, kind))}`)],
    },
  };
}

/** The end of the (sub)section where the template puts what the diagram draws; undefined when there is nothing to draw. */
function insertionPoint(analysed: AnalysedBlueprint, kind: DiagramKind): number | undefined {
  if (kind === 'data-model') {
    if (dataModelOf(analysed).structures.length === 0) return undefined;
    return dataModelPlace(analysed)?.contentEnd;
  }
  if (stateMachineOf(analysed).initial === undefined) return undefined;
  return transitionPlace(analysed)?.subsection.contentEnd;
}

function fencedBlock(text: string): string {
  // A block written with `\n`: the edit helpers give it the document's line breaks.
  return `\`\`\`mermaid\n${text}\n\`\`\``;
}

/** Where a stale diagram is reported: its marker. */
export function staleSpan(block: DiagramBlock): Span {
  return block.marker;
}

/** The diagram of a blueprint as the `blueprint/diagram` request answers it. */
export function diagramOf(analysed: AnalysedBlueprint, kind: DiagramKind): Diagram {
  const mermaid = diagramText(analysed, kind);
  if (kind === 'state') return { kind, mermaid, structures: [] };
  const model = dataModelOf(analysed);
  const ids = diagramStructureIds(analysed);
  return {
    kind,
    mermaid,
    structures: model.structures.map((s, i) => ({ name: s.name, id: ids[i]!, range: toRange(analysed.document, model.declarations[i]!) })),
  };
}
