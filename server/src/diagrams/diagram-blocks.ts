import type { Blueprint } from '../model/blueprint';
import type { Span } from '../model/span';
import { DIAGRAM_KINDS, type DiagramKind } from './diagram-sources';

/**
 * The diagrams a blueprint keeps: a `<!-- blueprint:diagram data-model -->` (or `state`) comment,
 * then, after blank lines, a fenced `mermaid` block. Found by one scan for the marker text (a
 * blueprint without one costs an `indexOf`); a marker inside a code block is code, not a marker.
 */
export interface DiagramBlock {
  readonly kind: DiagramKind;
  /** The marker comment. */
  readonly marker: Span;
  /** The fenced block after it; undefined when the marker has none (yet). */
  readonly fence: { readonly span: Span; readonly body: Span; readonly text: string } | undefined;
}

export const MARKER_PREFIX = '<!-- blueprint:diagram ';

export function markerText(kind: DiagramKind): string {
  return `${MARKER_PREFIX}${kind} -->`;
}

const MARKER = /<!--[ \t]*blueprint:diagram[ \t]+([a-z-]+)[ \t]*-->/y;
const OPENING_FENCE = /([ \t]{0,3})(`{3,}|~{3,})[ \t]*mermaid[ \t]*(?:\r\n?|\n)/y;
const BLANK_LINES = /(?:[ \t]*(?:\r\n?|\n))*/y;

export function diagramBlocks(text: string, model: Blueprint): DiagramBlock[] {
  const blocks: DiagramBlock[] = [];
  for (let at = text.indexOf('<!--'); at >= 0; at = text.indexOf('<!--', at + 4)) {
    MARKER.lastIndex = at;
    const marker = MARKER.exec(text);
    if (!marker) continue;
    const kind = DIAGRAM_KINDS.find((k) => k === marker[1]);
    if (!kind || insideCode(model, at)) continue;
    const end = at + marker[0].length;
    blocks.push({ kind, marker: { start: at, end }, fence: fenceAfter(text, end) });
  }
  return blocks;
}

function fenceAfter(text: string, from: number): DiagramBlock['fence'] {
  const lineEnd = /[ \t]*(?:\r\n?|\n)/y;
  lineEnd.lastIndex = from;
  if (!lineEnd.test(text)) return undefined;
  BLANK_LINES.lastIndex = lineEnd.lastIndex;
  BLANK_LINES.test(text);
  const start = BLANK_LINES.lastIndex;
  OPENING_FENCE.lastIndex = start;
  const opening = OPENING_FENCE.exec(text);
  if (!opening) return undefined;
  const mark = opening[2]!;
  const bodyStart = OPENING_FENCE.lastIndex;
  const closing = new RegExp(`^[ \\t]{0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}[ \\t]*$`, 'm');
  const rest = text.slice(bodyStart);
  const found = closing.exec(rest);
  const bodyEnd = found ? bodyStart + found.index : text.length;
  const end = found ? bodyEnd + found[0].length : text.length;
  const body = text.slice(bodyStart, bodyEnd).replace(/(?:\r\n?|\n)$/, '');
  return { span: { start, end }, body: { start: bodyStart, end: bodyStart + body.length }, text: body };
}

/** Whether an offset is inside a fenced or indented code block (binary search: blocks are in document order). */
function insideCode(model: Blueprint, offset: number): boolean {
  const blocks = model.codeBlocks;
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  const block = blocks[lo];
  return block !== undefined && block.start <= offset;
}
