import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { BlueprintFacts } from './blueprint-facts';
import { STRUCTURE_KINDS } from './document-symbols';

/** As many symbols as a Ctrl+T list is worth: the client filters and ranks them further as the user types. */
const MAX_SYMBOLS = 1000;

/** The heading levels as the outline shows them (document-symbols.ts). */
const HEADING_KINDS: Record<number, SymbolKind> = { 1: SymbolKind.File, 2: SymbolKind.Module, 3: SymbolKind.Namespace };

/**
 * `workspace/symbol`: every blueprint (its title), section, subsection and structure of the indexed
 * blueprints whose name holds the query's characters in order, case aside (`ordlin` finds
 * `OrderLine`), as VS Code's Ctrl+T matches; each named with its blueprint's path as container.
 */
export function workspaceSymbols(
  files: Iterable<{ readonly facts: BlueprintFacts | undefined }>,
  query: string,
  describe: (uri: string) => string,
): SymbolInformation[] {
  const wanted = query.replace(/\s+/g, '').toLowerCase();
  const found: SymbolInformation[] = [];
  for (const { facts } of files) {
    if (!facts) continue;
    const containerName = describe(facts.uri);
    const add = (name: string, kind: SymbolKind, range: SymbolInformation['location']['range']) => {
      if (found.length < MAX_SYMBOLS && matchesFuzzily(name, wanted))
        found.push({ name, kind, location: { uri: facts.uri, range }, containerName });
    };
    for (const heading of facts.headings) add(heading.text, HEADING_KINDS[heading.level] ?? SymbolKind.String, heading.range);
    for (const place of facts.names)
      if (place.role === 'declaration' && place.kind) add(place.name, STRUCTURE_KINDS[place.kind], place.range);
  }
  return found;
}

/** Whether `name` holds the characters of `wanted` (lower case) in order. */
export function matchesFuzzily(name: string, wanted: string): boolean {
  if (wanted === '') return true;
  const lower = name.toLowerCase();
  let at = 0;
  for (const char of wanted) {
    at = lower.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}
