/**
 * Catalogue functions of value types event records never hold in the sandbox (binary, ip, uid,
 * Smartscape ids): they answer NOT_AVAILABLE_IN_SANDBOX (DQL2090) naming what they work on,
 * rather than "not supported yet" — the sandbox will not grow these types.
 */
const BINARY = 'binary values';
const IP = 'IP address values';
const UID = 'UID values';
const SMARTSCAPE = 'Smartscape IDs';

const UNAVAILABLE: ReadonlyMap<string, string> = new Map(
  Object.entries({
    asBinary: BINARY,
    decodeBase16ToBinary: BINARY,
    decodeBase64ToBinary: BINARY,
    asIp: IP,
    toIp: IP,
    ip: IP,
    ipMask: IP,
    getHighBits: `${UID} or ${IP}`,
    getLowBits: `${UID} or ${IP}`,
    asUid: UID,
    toUid: UID,
    uid64: UID,
    uid128: UID,
    uuid: UID,
    isUid64: UID,
    isUid128: UID,
    isUuid: UID,
    asSmartscapeId: SMARTSCAPE,
    toSmartscapeId: SMARTSCAPE,
    smartscapeId: SMARTSCAPE,
  }).map(([name, reads]) => [name.toLowerCase(), reads]),
);

/** What the function works on when the sandbox cannot offer it, else undefined. */
export function unavailableFunction(name: string): string | undefined {
  return UNAVAILABLE.get(name.toLowerCase());
}
