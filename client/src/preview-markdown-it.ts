import type MarkdownIt from 'markdown-it';

/** A blueprint's placeholders as written (`[Name]`), by line (0-based), as the server reported them. */
export type PlaceholdersByLine = ReadonlyMap<number, ReadonlySet<string>>;

type Token = ReturnType<MarkdownIt['parseInline']>[number];

/**
 * The Markdown preview's markdown-it plugin: in a blueprint (`blueprintOf(env)` gives its
 * placeholders; undefined for any other document), `mermaid` blocks are written as
 * `<div class="blueprint-mermaid">` for the preview script to draw, and each placeholder the
 * server reported is wrapped in `<span class="blueprint-placeholder">`. It parses nothing itself,
 * and works when rendering only: VS Code's preview keeps a version's parse, so what the server
 * says later must not depend on parsing again.
 */
export function blueprintMarkdownIt(md: MarkdownIt, blueprintOf: (env: unknown) => PlaceholdersByLine | undefined): MarkdownIt {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    if (token.info.trim().split(/\s+/)[0] === 'mermaid' && blueprintOf(env))
      return `<div class="blueprint-mermaid">${md.utils.escapeHtml(token.content)}</div>\n`;
    return fence ? fence(tokens, index, options, env, self) : self.renderToken(tokens, index, options);
  };

  // The lines of the block each run of inline tokens comes from: text tokens carry none of their own.
  const linesOf = new WeakMap<Token[], readonly [number, number]>();
  const render = md.renderer.render.bind(md.renderer);
  md.renderer.render = (tokens, options, env) => {
    for (const token of tokens) if (token.type === 'inline' && token.map && token.children) linesOf.set(token.children, token.map);
    return render(tokens, options, env);
  };
  const text = md.renderer.rules.text;
  md.renderer.rules.text = (tokens, index, options, env, self) => {
    const html = text ? text(tokens, index, options, env, self) : md.utils.escapeHtml(tokens[index]!.content);
    const placeholders = blueprintOf(env);
    const lines = linesOf.get(tokens);
    if (!placeholders || !lines) return html;
    const wanted = new Set<string>();
    for (let line = lines[0]; line < lines[1]; line++) for (const p of placeholders.get(line) ?? []) wanted.add(md.utils.escapeHtml(p));
    if (wanted.size === 0) return html;
    const pattern = new RegExp([...wanted].map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    return html.replace(pattern, (p) => `<span class="blueprint-placeholder" title="Unfilled placeholder">${p}</span>`);
  };
  return md;
}
