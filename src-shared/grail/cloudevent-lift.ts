/**
 * CloudEvents → stored fields (reference §3.4): `source`→`event.provider`, `type`→`event.type`,
 * `id`→`event.id`, `time`→`timestamp`, `data` members lifted to the top level; the consumed
 * attributes are not stored under their own names. Precedence and ⚠ choices: ingest-rules.ts.
 */
import { checkCloudEvent } from './cloudevent-validation';
import { warningText } from './flatten-warnings';
import type { Flattening } from './flattening';
import { CLOUDEVENT_CONSUMED, CLOUDEVENT_DATA_MUST_BE_OBJECT, CLOUDEVENT_REQUIRED } from './ingest-rules';
import type { JsonMember, JsonObjectNode } from './json-document';
import { plainValue } from './stored-value';

export function liftCloudEvent(run: Flattening, ce: JsonObjectNode): void {
  const attrs = new Map<string, JsonMember>();
  for (const m of ce.members) attrs.set(m.key, m); // the last duplicate wins
  const text = (name: string): string | undefined => {
    const v = attrs.get(name)?.value;
    return v?.kind === 'string' ? v.value : undefined;
  };
  const id = text('id');
  const source = text('source');
  const reject = (message: string): void => {
    run.rejected.push({
      index: run.index,
      message,
      ...(id !== undefined ? { id } : {}),
      ...(source !== undefined ? { source } : {}),
    });
  };
  for (const attr of CLOUDEVENT_REQUIRED) {
    const v = attrs.get(attr)?.value;
    if (v === undefined || v.kind === 'null')
      return reject(`The CloudEvent is missing the required attribute '${attr}'.`);
    if (v.kind !== 'string' || v.value === '')
      return reject(`The CloudEvent attribute '${attr}' must be a non-empty string.`);
  }
  const dataMember = attrs.get('data');
  const data = dataMember?.value.kind === 'null' ? undefined : dataMember?.value;
  if (data !== undefined && data.kind !== 'object' && CLOUDEVENT_DATA_MUST_BE_OBJECT)
    return reject("The CloudEvent attribute 'data' must be a JSON object.");
  checkWithSdk(run, attrs);

  const fields = run.fields.reset(true);
  const extras = ce.members.filter((m) => !CLOUDEVENT_CONSUMED.has(m.key));
  const envelopeTimestamp = run.putMembers(fields, extras);
  const dataTimestamp = data?.kind === 'object' ? run.putMembers(fields, data.members) : undefined;
  fields.set('event.id', id as string);
  fields.set('event.provider', source as string);
  fields.set('event.type', text('type') as string);

  // `time` is the CloudEvents timestamp; a `timestamp` member in data (or as an extension) is the fallback.
  const time = attrs.get('time');
  const timestampNs = time
    ? run.resolveTimestamp(time, 'time')
    : run.resolveTimestamp(dataTimestamp ?? envelopeTimestamp, 'timestamp');
  run.finish(fields, timestampNs);
}

/** The CloudEvents SDK's verdict on the envelope (data excluded: any JSON value is valid there). */
function checkWithSdk(run: Flattening, attrs: Map<string, JsonMember>): void {
  const envelope: Record<string, unknown> = {};
  for (const [name, m] of attrs) {
    if (name === 'data') continue;
    Object.defineProperty(envelope, name, { value: plainValue(m.value), enumerable: true });
  }
  for (const f of checkCloudEvent(envelope)) {
    const at = f.attribute === undefined ? undefined : attrs.get(f.attribute)?.keyStart;
    run.warn('cloudevent-invalid', f.attribute, at, () => warningText.cloudEvent(f.message));
  }
}
