/**
 * A file's bytes as text the way editors open it: a byte order mark chooses UTF-8, UTF-16 LE or
 * UTF-16 BE and is removed (VS Code keeps it out of the text it sends the server, so positions
 * counted on this text match the editor's); without one the bytes are UTF-8, invalid sequences
 * becoming U+FFFD. TextDecoder exists in Node and in browsers alike.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decoder('utf-16be').decode(bytes.subarray(2));
  return decoder('utf-8').decode(bytes);
}

// `ignoreBOM`: the mark is removed above; a second one is text.
function decoder(encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): InstanceType<typeof TextDecoder> {
  return new TextDecoder(encoding, { ignoreBOM: true });
}
