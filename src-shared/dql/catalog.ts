/**
 * Names from the DQL 1.0 catalogue (reference §1.7, generated from the IntelliJ plugin's dql.json).
 * Lets the planner tell "there's no such command" (a typo) from "the sandbox doesn't do this yet".
 * Command and function names are case-insensitive (`summarize Count()` canonicalizes to `count()`).
 */

function names(list: string): ReadonlyMap<string, string> {
  return new Map(
    list
      .trim()
      .split(/\s+/)
      .map((n) => [n.toLowerCase(), n]),
  );
}

/** All 34 DQL commands, lower-case → canonical spelling. */
export const DQL_COMMANDS = names(`
  append data dedup describe expand experimentalSave failIf fetch fields fieldsAdd fieldsFlatten
  fieldsKeep fieldsRemove fieldsRename fieldsSnapshot fieldsSummary filter filterOut join joinNested
  jsonExtract limit load lookup makeTimeseries metrics parse search smartscapeEdges smartscapeNodes
  sort summarize timeseries traverse
`);

/** Commands that must start a query (reference §1.1). */
export const DATA_SOURCE_COMMANDS: ReadonlySet<string> = new Set(
  [
    'data',
    'describe',
    'fetch',
    'fieldsSnapshot',
    'load',
    'metrics',
    'smartscapeEdges',
    'smartscapeNodes',
    'timeseries',
  ].map((n) => n.toLowerCase()),
);

/** DQL function names (all categories), lower-case → canonical spelling. */
export const DQL_FUNCTIONS = names(`
  abs acos array arrayAvg arrayConcat arrayCumulativeSum arrayDelta arrayDiff arrayDistinct
  arrayElement arrayFirst arrayFlatten arrayIndexOf arrayLast arrayLastIndexOf arrayMax arrayMedian
  arrayMin arrayMovingAvg arrayMovingMax arrayMovingMin arrayMovingSum arrayPercentile
  arrayRemoveNulls arrayReverse arraySize arraySlice arraySort arraySum arrayToString asArray asBinary
  asBoolean asDouble asDuration asGeopoint asIp asLong asNumber asRecord asSmartscapeId asString
  asTimeframe asTimestamp asUid asin atan atan2 avg bin bitwiseAnd bitwiseCountOnes bitwiseNot
  bitwiseOr bitwiseShiftLeft bitwiseShiftRight bitwiseXor cbrt ceil classicEntitySelector coalesce
  collectArray collectDistinct concat contains correlation cos cosh count countDistinct
  countDistinctApprox countDistinctExact countIf decodeBase16ToBinary decodeBase16ToString
  decodeBase64ToBinary decodeBase64ToString decodeUrl degreeToRadian duration e encodeBase16
  encodeBase64 encodeUrl end endsWith entityAttr entityName escape exists exp floor forecast
  formatTimestamp getCharacter getDayOfMonth getDayOfWeek getDayOfYear getEnd getHighBits getHour
  getLowBits getMinute getMonth getNodeField getNodeName getRecordField getSecond getStart
  getWeekOfYear getYear hashCrc32 hashMd5 hashSha1 hashSha256 hashSha512 hashXxHash32 hashXxHash64
  hexStringToNumber hypotenuse iAny iAvg iCollectArray iIndex iMax iMin iSum if impute in indexOf ip
  ipIn ipIsLinkLocal ipIsLoopback ipIsPrivate ipIsPublic ipMask isFalseOrNull isFinite isInfinite isIp
  isIpV4 isIpV6 isNaN isNotNull isNull isTrueOrNull isUid128 isUid64 isUuid jsonField jsonPath
  lastIndexOf levenshteinDistance like log log10 log1p lookup lower matchesPattern matchesPhrase
  matchesRegex matchesValue max median min now numberToHexString parse parseAll percentRank percentile
  percentileFromSamples percentiles pi power punctuation radianToDegree random range record
  replacePattern replaceString round signum sin sinh smartscapeId splitByPattern splitString sqrt
  start startsWith stddev stringLength substring sum takeAny takeFirst takeLast takeMax takeMin tan
  tanh timeframe timestamp timestampFromUnixMillis timestampFromUnixNanos timestampFromUnixSeconds
  toArray toBoolean toDouble toDuration toGeopoint toIp toLong toSmartscapeId toString toTimeframe
  toTimestamp toUid toVariant trim type uid128 uid64 unescape unescapeHtml unixMillisFromTimestamp
  unixNanosFromTimestamp unixSecondsFromTimestamp upper uuid variance vectorCosineDistance
  vectorInnerProductDistance vectorL1Distance vectorL2Distance
`);

/** Grail data objects `fetch` knows; the sandbox stores only `bizevents` so far. */
export const KNOWN_DATA_OBJECTS: ReadonlySet<string> = new Set([
  'bizevents',
  'logs',
  'events',
  'spans',
  'metrics',
  'dt.system.events',
  'dt.system.buckets',
  'dt.entity.host',
  'security.events',
  'user.events',
  'user.sessions',
  'application.snapshots',
]);

export function canonicalCommandName(name: string): string | undefined {
  return DQL_COMMANDS.get(name.toLowerCase());
}

export function canonicalFunctionName(name: string): string | undefined {
  return DQL_FUNCTIONS.get(name.toLowerCase());
}
