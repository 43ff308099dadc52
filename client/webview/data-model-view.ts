import { mermaidOnPage, onThemeChange, themedConfig } from './mermaid-page';

// The script of the Show Data Model view: draws the Mermaid text the extension sends, reports how
// many nodes it drew, and sends back clicks on a structure and the toolbar's buttons.

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

type ExtensionMessage = { type: 'diagram'; mermaid: string; ids: string[] } | { type: 'none'; message: string };

const vscode = acquireVsCodeApi();
const container = document.getElementById('diagram')!;
const message = document.getElementById('message')!;
let current: Extract<ExtensionMessage, { type: 'diagram' }> | undefined;
let drawing = 0;

async function draw(): Promise<void> {
  const diagram = current;
  if (!diagram) return;
  const turn = ++drawing;
  const mermaid = mermaidOnPage();
  mermaid.initialize(themedConfig());
  try {
    const { svg } = await mermaid.render(`blueprint-data-model-${turn}`, diagram.mermaid);
    if (turn !== drawing) return;
    container.innerHTML = svg;
    message.textContent = '';
    const nodes = markStructures(diagram.ids);
    vscode.postMessage({ type: 'rendered', nodes });
  } catch (error) {
    if (turn !== drawing) return;
    message.textContent = `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Tags each drawn class with the structure id it shows (Mermaid names its group `classId-<id>-<n>`); returns how many. */
function markStructures(ids: readonly string[]): number {
  const known = new Set(ids);
  let count = 0;
  for (const node of container.querySelectorAll<SVGGElement>('g.node')) {
    const id = /classId-([A-Za-z0-9_]+)-\d+$/.exec(node.id)?.[1];
    if (id === undefined || !known.has(id)) continue;
    node.dataset['structure'] = id;
    count++;
  }
  return count;
}

container.addEventListener('click', (event) => {
  const node = (event.target as Element).closest<SVGGElement>('g.node[data-structure]');
  if (node) vscode.postMessage({ type: 'reveal', id: node.dataset['structure'] });
});
document.getElementById('copy')!.addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
document.getElementById('save')!.addEventListener('click', () => {
  const svg = container.querySelector('svg');
  if (svg) vscode.postMessage({ type: 'save-svg', svg: `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n` });
});

window.addEventListener('message', (event: MessageEvent<ExtensionMessage>) => {
  const data = event.data;
  if (data.type === 'none') {
    current = undefined;
    container.innerHTML = '';
    message.textContent = data.message;
    return;
  }
  current = data;
  void draw();
});
onThemeChange(() => void draw());
// Messages posted before this script ran are lost: the extension sends the diagram once it hears this.
vscode.postMessage({ type: 'ready' });
