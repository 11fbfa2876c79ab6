/**
 * Finds the first byte that makes a buffer invalid UTF-8 (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF). Used only after the platform's fatal decoder refused a chunk, to say where.
 */

/** Index of the first invalid byte, `-1` if all valid, or the start of an incomplete tail sequence when `final` is false. */
export function firstInvalidUtf8(
  bytes: Uint8Array,
  final: boolean,
): { invalidAt: number; incompleteAt?: number } {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return { invalidAt: i };
    if (i + need >= n) {
      // The sequence runs past the end of the buffer: invalid at the end of the file, else carried over.
      for (let k = i + 1; k < n; k++) if (((bytes[k] as number) & 0xc0) !== 0x80) return { invalidAt: i };
      return final ? { invalidAt: i } : { invalidAt: -1, incompleteAt: i };
    }
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return { invalidAt: i };
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { invalidAt: i };
    i += need + 1;
  }
  return { invalidAt: -1 };
}
