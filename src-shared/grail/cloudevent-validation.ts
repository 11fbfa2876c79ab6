/**
 * CloudEvent checks by the official CloudEvents JavaScript SDK (`cloudevents`): its compiled
 * JSON Schema validator for spec version 1.0 (what `CloudEvent.validate()` runs) plus the SDK's
 * attribute-name rule. Why the schema module and not the package root: the root also loads the
 * SDK's HTTP/Kafka/MQTT transports (Node's http, https, events, util), which src-shared — used by
 * the renderer and the sandbox alike — must not depend on.
 */
// With its extension: the package has no export map, and Node's ESM resolver (Electron's main
// bundle keeps node_modules external) does not add one.
import validateV1 from 'cloudevents/dist/schema/v1.js';

/** The compiled validator reports its last run's problems on itself (an ajv convention untyped here). */
const lastErrors = (): readonly SchemaError[] =>
  (validateV1 as unknown as { errors?: SchemaError[] | null }).errors ?? [];

/** Attribute names "MUST consist of lower-case letters or digits" (the SDK's check, spec §3.1.1). */
const ATTRIBUTE_NAME = /^[a-z0-9]+$/;

export interface CloudEventFinding {
  /** The attribute concerned, when there is one. */
  attribute?: string;
  message: string;
}

/**
 * What the SDK finds wrong with one CloudEvent envelope (attributes as plain JSON values). An
 * empty list means the SDK accepts it. Only spec version 1.0 has a schema in the SDK.
 */
export function checkCloudEvent(attributes: Record<string, unknown>): CloudEventFinding[] {
  const findings: CloudEventFinding[] = [];
  if (attributes.specversion !== '1.0') {
    findings.push({
      attribute: 'specversion',
      message: `'specversion' is ${JSON.stringify(attributes.specversion) ?? 'missing'}; the CloudEvents SDK validates version "1.0"`,
    });
  } else if (!validateV1(attributes)) {
    for (const e of lastErrors()) findings.push(schemaFinding(e));
  }
  for (const name of Object.keys(attributes)) {
    if (!ATTRIBUTE_NAME.test(name) && name !== 'data_base64') {
      findings.push({
        attribute: name,
        message: `'${name}' is not a valid CloudEvent attribute name (lower-case letters and digits only)`,
      });
    }
  }
  return findings;
}

interface SchemaError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function schemaFinding(e: SchemaError): CloudEventFinding {
  if (e.keyword === 'required' && typeof e.params?.missingProperty === 'string') {
    const attribute = e.params.missingProperty;
    return { attribute, message: `the required attribute '${attribute}' is missing` };
  }
  const attribute = (e.instancePath ?? '').replace(/^\//, '').split('/')[0] ?? '';
  const what = e.message ?? 'is invalid';
  return attribute ? { attribute, message: `'${attribute}' ${what}` } : { message: `the event ${what}` };
}
