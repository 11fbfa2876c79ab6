/** UTF-8 size of a JavaScript string without encoding it (the 5 MiB limit counts bytes). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 bytes for each half. A lone surrogate is
    // written as U+FFFD (3 bytes) by TextEncoder; counting it as 2 is close enough for a limit.
    else if (c >= 0xd800 && c <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}
