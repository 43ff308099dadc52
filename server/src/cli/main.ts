import { nodeFileAccess } from '../project/node-file-access';
import { run } from './run';
import { serveChecksIfWorker } from './worker-pool';

// The `blueprint` command: `blueprint check` for CI and `blueprint new`, with the language server's own model and rules.
// The same bundle is the worker thread that `blueprint check --concurrency N` starts: then it only checks files.
if (!serveChecksIfWorker()) {
  // A reader that stops early (`blueprint check | head`) closes the pipe: that ends the run, quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  void run(process.argv.slice(2), {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    terminal: process.stdout.isTTY === true,
    env: process.env,
    files: nodeFileAccess,
    readStdin,
    workerScript: __filename,
  }).then((code) => {
    process.exitCode = code;
  });
}

/** stdin, whole, unless it holds more than `maxBytes`. */
async function readStdin(maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = chunk as Buffer;
    length += bytes.length;
    if (length > maxBytes) return undefined;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
