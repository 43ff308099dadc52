import { nodeFileAccess } from '../project/node-file-access';
import { run } from './run';

// The `blueprint` command: `blueprint check` for CI and `blueprint new`, with the language server's own model and rules.
// A reader that stops early (`blueprint check | head`) closes the pipe: that ends the run, quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
}
const colour = process.stdout.isTTY === true && !('NO_COLOR' in process.env) && process.env['TERM'] !== 'dumb';
void run(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  colour,
  files: nodeFileAccess,
}).then((code) => {
  process.exitCode = code;
});
