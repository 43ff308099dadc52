/**
 * A file's bytes as text the way editors open it: a byte order mark chooses UTF-8, UTF-16 LE or
 * UTF-16 BE and is removed (VS Code keeps it out of the text it sends the server, so positions
 * counted on this text match the editor's); without one the bytes are UTF-8, invalid sequences
 * becoming U+FFFD. TextDecoder exists in Node and in browsers alike.
 */
export function decodeText(bytes: Uint8Array): string {
  const encoding = textEncodingOf(bytes);
  return decoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding).decode(bytes.subarray(BOM_LENGTHS[encoding]));
}

/** How a file's bytes hold its text, as its byte order mark says: what a file written back must keep. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

const BOM_LENGTHS: Record<TextEncoding, number> = { 'utf-8': 0, 'utf-8-bom': 3, 'utf-16le': 2, 'utf-16be': 2 };

export function textEncodingOf(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Text as bytes in an encoding, its byte order mark first: `decodeText` gives the text back. */
export function encodeText(text: string, encoding: TextEncoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8-bom') return new TextEncoder().encode(`\uFEFF${text}`);
  const bytes = new Uint8Array(2 + 2 * text.length);
  const view = new DataView(bytes.buffer);
  const littleEndian = encoding === 'utf-16le';
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return bytes;
}

// `ignoreBOM`: the mark is removed above; a second one is text.
function decoder(encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): InstanceType<typeof TextDecoder> {
  return new TextDecoder(encoding, { ignoreBOM: true });
}
