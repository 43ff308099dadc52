import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';

// The floor of `blueprint check` and markdownlint-cli2 alike, run as a process of its own by the
// bench: every Markdown file under the folder read and parsed by micromark with GFM into its
// events, as both tools parse it, and nothing else done with them.

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name));
}

let events = 0;
for (const file of markdownFiles(process.argv[2] ?? '.')) {
  const text = readFileSync(file, 'utf8');
  events += postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(text, undefined, true)),
  ).length;
}
if (events === 0) process.exitCode = 2;
