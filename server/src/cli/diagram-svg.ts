import { parseHTML } from 'linkedom';
import type * as MermaidLibrary from '../diagrams/mermaid-library';

/**
 * `blueprint diagram --format svg`: Mermaid's own renderer, in Node, on a small DOM (linkedom)
 * instead of a browser. Mermaid lays a diagram out from the sizes the browser measures for its
 * text; here those sizes are estimated (average glyph widths of a 16px sans-serif font, CJK twice
 * as wide), so boxes can be a little wider or narrower than a browser would draw them. Loaded only
 * by that command (dist/diagram-svg.js, and Mermaid from dist/mermaid.js).
 */

/** What the renderer reads of an element (linkedom's elements have it). */
interface SvgNode {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly children: Iterable<SvgNode>;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): Iterable<SvgNode>;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const FONT_SIZE = 16;
const EMPTY: Box = { x: 0, y: 0, width: 0, height: 0 };

/** Renders Mermaid text to a standalone SVG document. */
export async function renderSvg(text: string): Promise<string> {
  const mermaid = loadMermaid();
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false, theme: 'default' });
  const { svg } = await mermaid.render('blueprint-diagram', text);
  // Without HTML labels Mermaid writes an entity code's character reference escaped once more; drawn as text it would show as `&#60;`.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg.replace(/&amp;#(\d+);/g, '&#$1;')}\n`;
}

let library: typeof MermaidLibrary.mermaid | undefined;

function loadMermaid(): typeof MermaidLibrary.mermaid {
  if (library) return library;
  installDom();
  // Required after the DOM is in place: Mermaid's sanitiser looks for a window as it loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, the bundle's own file (see scripts/build.mjs)
  library = (require('../diagrams/mermaid-library') as typeof MermaidLibrary).mermaid;
  return library;
}

/** The browser globals Mermaid reads, from linkedom, with estimated text metrics. */
function installDom(): void {
  // linkedom's types name the DOM library's, which the server's TypeScript settings leave out.
  const { window, document } = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as {
    window: Record<string, unknown>;
    document: unknown;
  };
  const globals = globalThis as Record<string, unknown>;
  const browser = window;
  globals['window'] = window;
  globals['document'] = document;
  for (const name of ['Element', 'HTMLElement', 'SVGElement', 'Node', 'DocumentFragment', 'DOMParser', 'XMLSerializer']) {
    if (browser[name] !== undefined && globals[name] === undefined) globals[name] = browser[name];
  }
  // Mermaid builds its styles through the CSS object model; a list of rule texts is all it reads back.
  globals['CSSStyleSheet'] ??= class {
    readonly cssRules: { cssText: string }[] = [];
    insertRule(rule: string, index: number): number {
      this.cssRules.splice(index, 0, { cssText: rule });
      return index;
    }
  };
  const computedStyle = (element: SvgNode) => ({ getPropertyValue: () => '', textAnchor: element.getAttribute('text-anchor') ?? '' });
  browser['getComputedStyle'] = computedStyle;
  globals['getComputedStyle'] = computedStyle;
  const prototype = browser['Element'] as { prototype: Record<string, unknown> };
  prototype.prototype['getBBox'] = function (this: SvgNode) {
    return boxOf(this) ?? EMPTY;
  };
  prototype.prototype['getComputedTextLength'] = function (this: SvgNode) {
    return (boxOf(this) ?? EMPTY).width;
  };
  prototype.prototype['getBoundingClientRect'] = function (this: SvgNode) {
    const b = boxOf(this) ?? EMPTY;
    return { ...b, top: b.y, left: b.x, right: b.x + b.width, bottom: b.y + b.height };
  };
}

/** The bounding box of an SVG element: text estimated, shapes from their attributes, groups as the union of their children. */
function boxOf(element: SvgNode): Box | undefined {
  const tag = element.tagName.toLowerCase();
  const number = (name: string) => Number(element.getAttribute(name)) || 0;
  if (tag === 'text' || tag === 'tspan') {
    const rows = [...element.querySelectorAll('tspan.text-outer-tspan')].map((row) => row.textContent ?? '');
    if (rows.length === 0) rows.push(element.textContent ?? '');
    const width = Math.max(0, ...rows.map(textWidth));
    return {
      x: element.getAttribute('text-anchor') === 'middle' ? -width / 2 : 0,
      y: number('y') - FONT_SIZE * 0.8,
      width,
      height: rows.length * FONT_SIZE * 1.1,
    };
  }
  if (tag === 'rect') return { x: number('x'), y: number('y'), width: number('width'), height: number('height') };
  if (tag === 'circle' || tag === 'ellipse') {
    const rx = number('r') || number('rx');
    const ry = number('r') || number('ry');
    return { x: number('cx') - rx, y: number('cy') - ry, width: 2 * rx, height: 2 * ry };
  }
  if (tag === 'path' || tag === 'polygon' || tag === 'polyline' || tag === 'line') {
    const points =
      element.getAttribute('d') ?? element.getAttribute('points') ?? `${number('x1')},${number('y1')} ${number('x2')},${number('y2')}`;
    const numbers = (points.match(/-?\d*\.?\d+(?:e-?\d+)?/gi) ?? []).map(Number);
    let box: Box | undefined;
    for (let i = 0; i + 1 < numbers.length; i += 2) box = union(box, { x: numbers[i]!, y: numbers[i + 1]!, width: 0, height: 0 });
    return box;
  }
  let box: Box | undefined;
  for (const child of element.children) {
    const inner = boxOf(child);
    if (!inner) continue;
    const [dx, dy] = translation(child);
    box = union(box, { ...inner, x: inner.x + dx, y: inner.y + dy });
  }
  return box;
}

function textWidth(text: string): number {
  let ems = 0;
  for (const ch of text) ems += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.55;
  return ems * FONT_SIZE;
}

function translation(element: SvgNode): [number, number] {
  const match = /translate\(\s*(-?[\d.e]+)[\s,]*(-?[\d.e]+)?/.exec(element.getAttribute('transform') ?? '');
  return match ? [Number(match[1]), Number(match[2] ?? 0)] : [0, 0];
}

function union(a: Box | undefined, b: Box): Box {
  if (!a) return b;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
