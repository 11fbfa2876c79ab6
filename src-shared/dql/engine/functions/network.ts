/**
 * Network functions over IP addresses written as strings (the sandbox has no `ip` value type:
 * toIp()/ipMask() stay unimplemented). isIp/isIpV4/isIpV6 say whether a string is an address
 * (false for other strings, null for non-strings); the ipIs* tests and ipIn give null for
 * anything that is not an address. ipIn's haystack holds addresses or CIDR ranges
 * (`10.0.0.0/8`), or arrays of them. Ranges: private 10/8, 172.16/12, 192.168/16, fc00::/7;
 * loopback 127/8, ::1; link-local 169.254/16, fe80::/10. ⚠ ipIsPublic is "an address that is
 * none of private, loopback, link-local, unspecified (0.0.0.0/8, ::) or multicast" — Grail does
 * not document its list.
 */
import type { Value } from '../../../grail/values';
import { scalarFunctions, str } from './function-types';
import type { Args } from './function-types';

interface Address {
  readonly v6: boolean;
  /** 32 or 128 bits. */
  readonly bits: bigint;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): bigint | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let n = 0n;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return undefined; // no octal-looking octets
    const o = Number(part);
    if (o > 255) return undefined;
    n = (n << 8n) | BigInt(o);
  }
  return n;
}

export function parseV6(s: string): bigint | undefined {
  let text = s;
  // An embedded IPv4 address in the last 32 bits (::ffff:1.2.3.4) becomes two hex groups.
  const v4 = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)?.[1];
  if (v4 !== undefined) {
    const n = parseV4(v4);
    if (n === undefined) return undefined;
    text = `${text.slice(0, -v4.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt('0x' + g));
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined;
  const all = [...head, ...Array<bigint>(8 - given).fill(0n), ...rest];
  return all.reduce((n, g) => (n << 16n) | g, 0n);
}

/**
 * An IPv6 address in its canonical text (RFC 5952: lower case, no leading zeros, the longest run
 * of two or more zero groups as `::`), as an ip value prints (docs.dynatrace.com, DPL Network Data).
 */
export function canonicalIpV6(text: string): string | undefined {
  const bits = parseV6(text);
  if (bits === undefined) return undefined;
  const groups = Array.from({ length: 8 }, (_, i) => Number((bits >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = (from: number, to: number): string =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  return best.at < 0 ? hex(0, 8) : `${hex(0, best.at)}::${hex(best.at + best.length, 8)}`;
}

function parseAddress(v: Value | undefined): Address | undefined {
  const s = str(v)?.trim();
  if (s === undefined) return undefined;
  const v4 = parseV4(s);
  if (v4 !== undefined) return { v6: false, bits: v4 };
  const v6 = s.includes(':') ? parseV6(s.replace(/^\[|\]$/g, '')) : undefined;
  return v6 === undefined ? undefined : { v6: true, bits: v6 };
}

interface Range {
  readonly v6: boolean;
  readonly base: bigint;
  readonly prefix: number;
}

function parseRange(s: string): Range | undefined {
  const [addr, len, extra] = s.trim().split('/');
  if (extra !== undefined) return undefined;
  const a = parseAddress(addr);
  if (!a) return undefined;
  const width = a.v6 ? 128 : 32;
  const prefix = len === undefined ? width : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= width)) return undefined;
  return { v6: a.v6, base: a.bits, prefix };
}

function inRange(a: Address, r: Range): boolean {
  if (a.v6 !== r.v6) return false;
  const shift = BigInt((a.v6 ? 128 : 32) - r.prefix);
  return a.bits >> shift === r.base >> shift;
}

const ranges = (...specs: string[]): Range[] => specs.map((s) => parseRange(s) as Range);
const PRIVATE = ranges('10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7');
const LOOPBACK = ranges('127.0.0.0/8', '::1/128');
const LINK_LOCAL = ranges('169.254.0.0/16', 'fe80::/10');
const NOT_PUBLIC = [
  ...PRIVATE,
  ...LOOPBACK,
  ...LINK_LOCAL,
  ...ranges('0.0.0.0/8', '::/128', '224.0.0.0/4', 'ff00::/8'),
];

function isString(a: Args, test: (addr: Address | undefined) => boolean): Value {
  return typeof a[0] === 'string' ? test(parseAddress(a[0])) : null;
}

function inAny(list: readonly Range[]) {
  return (a: Args): Value => {
    const addr = parseAddress(a[0]);
    return addr ? list.some((r) => inRange(addr, r)) : null;
  };
}

/** Haystack entries: addresses or ranges, or arrays of them (other values are skipped). */
function haystack(values: readonly (Value | undefined)[]): Range[] {
  return values.flatMap((v): Range[] => {
    if (Array.isArray(v)) return haystack(v as readonly Value[]);
    const r = typeof v === 'string' ? parseRange(v) : undefined;
    return r ? [r] : [];
  });
}

export const NETWORK_FUNCTIONS = scalarFunctions({
  isIp: (a) => isString(a, (x) => x !== undefined),
  isIpV4: (a) => isString(a, (x) => x !== undefined && !x.v6),
  isIpV6: (a) => isString(a, (x) => x !== undefined && x.v6),
  ipIsPrivate: inAny(PRIVATE),
  ipIsLoopback: inAny(LOOPBACK),
  ipIsLinkLocal: inAny(LINK_LOCAL),
  ipIsPublic: (a) => {
    const addr = parseAddress(a[0]);
    return addr ? !NOT_PUBLIC.some((r) => inRange(addr, r)) : null;
  },
  /** Any needle (an address or an array of them) in any haystack range. */
  ipIn: (a) => {
    const needles = Array.isArray(a[0]) ? (a[0] as readonly Value[]) : [a[0] ?? null];
    const addrs = needles.map(parseAddress).filter((x): x is Address => x !== undefined);
    if (addrs.length === 0) return null;
    const hay = haystack(a.slice(1));
    return addrs.some((x) => hay.some((r) => inRange(x, r)));
  },
});
