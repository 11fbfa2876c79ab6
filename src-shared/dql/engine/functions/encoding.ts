/**
 * Text encodings of the string category: Base64 (RFC 4648, padded), Base16 and URL encoding, all
 * over the string's UTF-8 bytes. Decoding input that is not valid in the encoding (or whose bytes
 * are not UTF-8) gives null. ⚠ Grail's exact spellings are undocumented: Base16 is written in
 * lower case (either case decodes) and URL encoding follows Java's URLEncoder (space as `+`,
 * `*-._` and letters/digits kept), as a Java engine would.
 */
import type { Value } from '../../../grail/values';
import { scalarFunctions, str } from './function-types';
import { utf8Decode, utf8Encode } from './utf8-bytes';
import type { Args } from './function-types';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Encode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

function base64Decode(text: string): number[] | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const body = text.replace(/=+$/, '');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of body) {
    acc = (acc << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

function base16Decode(text: string): number[] | undefined {
  if (text.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(text)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 2) out.push(parseInt(text.slice(i, i + 2), 16));
  return out;
}

/** Java URLEncoder: letters, digits and `.-*_` stay, space is `+`, the rest %XX of UTF-8. */
function urlEncode(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Java URLDecoder: `+` is a space, %XX a UTF-8 byte; a broken escape gives undefined. */
function urlDecode(s: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i] as string;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 3;
    } else {
      bytes.push(...utf8Encode(c === '+' ? ' ' : c));
      i += c.length;
    }
  }
  return utf8Decode(bytes);
}

function onString(f: (s: string) => string | undefined) {
  return (a: Args): Value => {
    const s = str(a[0]);
    return s === undefined ? null : (f(s) ?? null);
  };
}

function decodedText(bytes: number[] | undefined): string | undefined {
  return bytes === undefined ? undefined : utf8Decode(bytes);
}

export const ENCODING_FUNCTIONS = scalarFunctions({
  encodeBase64: onString((s) => base64Encode(utf8Encode(s))),
  decodeBase64ToString: onString((s) => decodedText(base64Decode(s))),
  encodeBase16: onString((s) =>
    utf8Encode(s)
      .map((b) => b.toString(16).padStart(2, '0'))
      .join(''),
  ),
  decodeBase16ToString: onString((s) => decodedText(base16Decode(s))),
  encodeUrl: onString(urlEncode),
  decodeUrl: onString(urlDecode),
});
