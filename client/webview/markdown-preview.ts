import { mermaidOnPage, onThemeChange, themedConfig } from './mermaid-page';

// The Markdown preview's script: draws the `mermaid` blocks of blueprints, which the extension's
// markdown-it plugin writes as `<div class="blueprint-mermaid">` (other documents' blocks stay
// code), and styles the placeholders it marks. Mermaid (dist/mermaid.js) is loaded only when a
// page has such a block, with this script's own nonce, from beside this script.

const DIAGRAMS = 'div.blueprint-mermaid';
const scriptElement = document.currentScript as HTMLScriptElement | null;
const mermaidUrl = scriptElement ? new URL('mermaid.js', scriptElement.src).toString() : undefined;
let loading: Promise<void> | undefined;
let drawn = 0;

function loadMermaid(): Promise<void> {
  loading ??= new Promise<void>((resolve, reject) => {
    if (globalThis.blueprintMermaid || !mermaidUrl) return resolve();
    const script = document.createElement('script');
    script.src = mermaidUrl;
    if (scriptElement?.nonce) script.nonce = scriptElement.nonce;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Mermaid did not load'));
    document.head.append(script);
  });
  return loading;
}

async function drawAll(): Promise<void> {
  const blocks = [...document.querySelectorAll<HTMLElement>(DIAGRAMS)];
  if (blocks.length === 0) return;
  await loadMermaid();
  const mermaid = mermaidOnPage();
  mermaid.initialize(themedConfig());
  for (const block of blocks) {
    const source = block.dataset['source'] ?? block.textContent ?? '';
    block.dataset['source'] = source;
    try {
      const { svg } = await mermaid.render(`blueprint-preview-${++drawn}`, source);
      block.innerHTML = svg;
    } catch (error) {
      block.textContent = `${source}\n\n(${error instanceof Error ? error.message : String(error)})`;
    }
  }
}

function addStyles(): void {
  const style = document.createElement('style');
  style.textContent = [
    'span.blueprint-placeholder { background: var(--vscode-editorWarning-foreground, #b89500); color: var(--vscode-editor-background, #fff); border-radius: 3px; padding: 0 2px; }',
    `${DIAGRAMS} { white-space: pre; margin: 1em 0; }`,
    `${DIAGRAMS} svg { max-width: 100%; height: auto; white-space: normal; }`,
  ].join('\n');
  document.head.append(style);
}

addStyles();
void drawAll();
// The preview replaces its content as the document changes, without reloading this script.
window.addEventListener('vscode.markdown.updateContent', () => void drawAll());
onThemeChange(() => void drawAll());
