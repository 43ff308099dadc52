/**
 * What a snippet inserts when every tab stop keeps its default: `${1:[Name]}` becomes `[Name]`,
 * `$0`/`$1` disappear, escapes are undone. Throws on text that is not valid snippet syntax, so a
 * test that expands a snippet also checks it.
 */
export function expandSnippet(snippet: string): string {
  let i = 0;
  const read = (closing: boolean): string => {
    let text = '';
    while (i < snippet.length) {
      const c = snippet[i]!;
      if (c === '\\') {
        const next = snippet[i + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          i += 2;
          continue;
        }
        text += c;
        i++;
        continue;
      }
      if (c === '}' && closing) return text;
      if (c === '}') throw new Error(`unescaped } at ${i} in snippet`);
      if (c === '$') {
        const simple = /^\$(\d+)/.exec(snippet.slice(i));
        if (simple) {
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{(\d+):/.exec(snippet.slice(i));
        if (!open) throw new Error(`unescaped $ at ${i} in snippet`);
        i += open[0].length;
        text += read(true);
        if (snippet[i] !== '}') throw new Error(`unclosed tab stop in snippet`);
        i++;
        continue;
      }
      text += c;
      i++;
    }
    if (closing) throw new Error('unclosed tab stop in snippet');
    return text;
  };
  return read(false);
}

/** The tab stop numbers and their defaults, in order of appearance. */
export function tabStops(snippet: string): Array<[number, string]> {
  return [...snippet.matchAll(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g)].map((m) => [Number(m[1]), m[2]!.replace(/\\(.)/g, '$1')]);
}
