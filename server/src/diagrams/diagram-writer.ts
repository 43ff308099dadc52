import type * as MermaidText from './mermaid-text';
import type { AnalysedBlueprint } from '../documents/analysed-document';
import { dataModelOf, stateMachineOf, type DiagramKind } from './diagram-sources';

// The Mermaid writer is loaded on first use: the shipped server keeps it in its own file
// (dist/diagrams.js, see scripts/build.mjs), so starting the server does not compile it.
let writer: typeof MermaidText | undefined;
function mermaidWriter(): typeof MermaidText {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of the bundle's own file, by design (see scripts/build.mjs)
  writer ??= require('./mermaid-text') as typeof MermaidText;
  return writer;
}

/** The Mermaid text of a blueprint's diagram of this kind, kept with the version. */
export function diagramText(analysed: AnalysedBlueprint, kind: DiagramKind): string {
  return kind === 'data-model' ? analysed.derived(dataModelText) : analysed.derived(stateText);
}

function dataModelText(analysed: AnalysedBlueprint): string {
  return mermaidWriter().classDiagramText(dataModelOf(analysed));
}

function stateText(analysed: AnalysedBlueprint): string {
  return mermaidWriter().stateDiagramText(stateMachineOf(analysed));
}

/** The id each structure of the data model has in its class diagram, in the order of `dataModelOf`. */
export function diagramStructureIds(analysed: AnalysedBlueprint): string[] {
  return mermaidWriter().structureIds(dataModelOf(analysed));
}
