import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagramText } from '../diagrams/diagram-writer';
import { BlueprintStore } from '../documents/blueprint-store';
import { classifyDocument } from '../documents/classification';
import { builtinTemplates } from '../template/builtin-templates';
import { Project } from '../project/project';
import { repositoryRoots } from '../project/roots';
import type * as DiagramSvg from './diagram-svg';
import type { Console } from './run';
import type { DiagramCommand } from './usage';

/** As much as `blueprint check` reads of one document. */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

/**
 * `blueprint diagram FILE`: the blueprint's diagram as Mermaid text (what "Insert data model
 * diagram" writes), or rendered as SVG. The file is read and classified as `blueprint check` reads
 * it (the same rc files and templates). Exit code 2 for a file that cannot be read or is not a blueprint.
 */
export async function printDiagram(command: DiagramCommand, io: Console): Promise<number> {
  const path = resolve(io.cwd, command.file);
  const project = new Project({ files: io.files, rootOf: repositoryRoots(io.files, io.cwd) });
  const context = await project.contextForFile(path);
  const read = await io.files.readText(path, Math.min(MAX_DOCUMENT_BYTES, 3 * context.settings.maxDocumentSize + 3));
  if (read.kind !== 'text') {
    const problem = read.kind === 'missing' ? 'does not exist' : read.kind === 'too-large' ? 'is too large' : read.problem;
    io.err(`blueprint: ${command.file} ${problem}\n`);
    return 2;
  }
  const document = TextDocument.create(pathToFileURL(path).href, 'markdown', 1, read.text);
  const classified = classifyDocument(document, { path, context }, new BlueprintStore(builtinTemplates, { chunked: false }));
  if (classified.kind !== 'blueprint') {
    io.err(`blueprint: ${command.file} is not a blueprint\n`);
    return 2;
  }
  const text = diagramText(classified.analysed, command.kind);
  if (command.format === 'mermaid') {
    io.out(`${text}\n`);
    return 0;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the renderer and Mermaid load only for SVG (see scripts/build.mjs)
  const { renderSvg } = require('./diagram-svg') as typeof DiagramSvg;
  io.out(await renderSvg(text));
  return 0;
}
