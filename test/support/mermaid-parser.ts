import { JSDOM } from 'jsdom';
import type MermaidModule from 'mermaid';

/**
 * Mermaid's own parser, to check the diagrams we write. Mermaid sanitises labels with DOMPurify,
 * which needs a window: jsdom gives it one (a test-only dev dependency, kept out of the bundles).
 */
const { window } = new JSDOM('');
Object.assign(globalThis, { window, document: window.document });

type Mermaid = typeof MermaidModule;
let mermaid: Mermaid | undefined;

/** Parses Mermaid text as Mermaid does before drawing it; throws Mermaid's parse error. */
export async function parseMermaid(text: string): Promise<string> {
  mermaid ??= (await import('mermaid')).default;
  const result = await mermaid.parse(text);
  if (!result) throw new Error('mermaid.parse returned false');
  return result.diagramType;
}
