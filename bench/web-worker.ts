import { statSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWorkerClient } from '../test/support/browser-worker-client';
import { repoRoot } from '../test/support/documents';
import type { Figure } from './report';
import { ServerSession } from './server-session';
import { median } from './statistics';

/** Opens of each document per side; the median is kept. */
const RUNS = 7;

/**
 * The web build against the Node server, side by side in one run: each corpus opened in a fresh
 * document `RUNS` times, alternately in dist/server.js over stdio and in dist/web/server.js in a
 * Chromium web worker (timed inside the page, from posting `didOpen` to the first diagnostics), both
 * with the same settings and file scheme; and the web bundle's size.
 */
export async function webWorker(
  log: (message: string) => void,
  corpora: ReadonlyArray<{ readonly name: string; readonly text: string }>,
): Promise<Figure[]> {
  const figures: Figure[] = [webBundleSize()];
  let browser: BrowserWorkerClient;
  try {
    browser = await BrowserWorkerClient.launch();
  } catch (error) {
    const note = `Chromium could not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return [
      ...figures,
      ...corpora.map((c) => ({
        name: `Open to first diagnostics in a web worker, ${c.name}`,
        value: undefined,
        unit: 'ms' as const,
        note,
      })),
    ];
  }
  const node = await ServerSession.start();
  try {
    // As ServerSession starts the Node server: settings pushed, the size limit out of the way.
    await browser.initialize({ configuration: false, initializationOptions: { settings: { maxDocumentSize: Number.MAX_SAFE_INTEGER } } });
    for (const corpus of corpora) {
      log(`web worker and Node side by side: ${RUNS} opens of the ${corpus.name}`);
      const inNode: number[] = [];
      const inBrowser: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const uri = `file:///bench/web-${run}-${corpus.name.replace(/\W+/g, '-')}.md`;
        inNode.push(await node.open(uri, corpus.text));
        await node.client.notify('textDocument/didClose', { textDocument: { uri } });
        inBrowser.push(await browser.openTimed(uri, corpus.text));
        await browser.notify('textDocument/didClose', { textDocument: { uri } });
      }
      figures.push({
        name: `Open to first diagnostics in a web worker (Chromium), ${corpus.name}`,
        value: median(inBrowser),
        unit: 'ms',
        baseline: { name: 'Node server, same run', value: median(inNode) },
        atMost: 1.5,
      });
    }
  } finally {
    await Promise.all([node.stop(), browser.stop()]);
  }
  return figures;
}

function webBundleSize(): Figure {
  const bundle = join(repoRoot, 'dist', 'web', 'server.js');
  return { name: 'dist/web/server.js (minified in every build)', value: statSync(bundle).size, unit: 'bytes', atMost: 1024 * 1024 };
}
