import type { MermaidConfig } from 'mermaid';

/** What dist/mermaid.js puts on the page: Mermaid itself (see server/src/diagrams/mermaid-library.ts). */
interface MermaidApi {
  initialize(config: MermaidConfig): void;
  render(id: string, text: string): Promise<{ svg: string; bindFunctions?: (element: Element) => void }>;
}

declare global {
  // Set by dist/mermaid.js, loaded before this script.
  var blueprintMermaid: { mermaid: MermaidApi } | undefined;
}

/** Mermaid as the page loaded it. */
export function mermaidOnPage(): MermaidApi {
  const library = globalThis.blueprintMermaid;
  if (!library) throw new Error('Mermaid did not load');
  return library.mermaid;
}

/**
 * Mermaid's settings for this page: its dark theme in a dark or high-contrast VS Code theme, its
 * default in a light one, and VS Code's editor font; the sanitising `strict` security level, so a
 * diagram can run no script and follow no link.
 */
export function themedConfig(): MermaidConfig {
  const classes = document.body.classList;
  const dark = classes.contains('vscode-dark') || classes.contains('vscode-high-contrast');
  const style = getComputedStyle(document.body);
  const fontFamily = style.getPropertyValue('--vscode-editor-font-family').trim() || style.getPropertyValue('--vscode-font-family').trim();
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: dark ? 'dark' : 'default',
    ...(fontFamily ? { fontFamily } : {}),
  };
}

/** Calls `redraw` when the colour theme changes (VS Code sets the body's classes). */
export function onThemeChange(redraw: () => void): void {
  let kind = document.body.className;
  new MutationObserver(() => {
    if (document.body.className === kind) return;
    kind = document.body.className;
    redraw();
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
