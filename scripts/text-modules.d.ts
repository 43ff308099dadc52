// esbuild's `text` loader inlines Markdown templates as strings (see scripts/build.mjs).
declare module '*.md' {
  const text: string;
  export default text;
}
