import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { forTerminal, type FileReport } from './report';

/**
 * What `--fix` would change, as one unified diff (`--- a/path`, `+++ b/path`, three lines of
 * context) that `git apply` or `patch -p1` takes. Control characters of the text are escaped as
 * everywhere the CLI prints a document (a tab, and the CR of a CRLF line break, stay as they are).
 */
export function formatFixDiff(reports: readonly FileReport[]): string {
  return reports
    .filter((r) => r.fixed)
    .map(({ path, fixed }) => {
      const name = forTerminal(path);
      const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, fixed!.before, fixed!.after, undefined, undefined, {
        context: 3,
        headerOptions: FILE_HEADERS_ONLY,
      });
      return patch
        .split('\n')
        .map((line) => safeDiffLine(line))
        .join('\n');
    })
    .join('');
}

function safeDiffLine(line: string): string {
  const crlf = line.endsWith('\r');
  const body = crlf ? line.slice(0, -1) : line;
  return body.split('\t').map(forTerminal).join('\t') + (crlf ? '\r' : '');
}
