/**
 * The DQL that reads a value inside a JSON-holding string field: `jsonField(f, "k")` for a
 * top-level key, `jsonPath(f, "$.a[0]['b c']")` deeper down (reference: jsonField/jsonPath).
 */
import { dqlFieldName, dqlStringLiteral } from './dql-filter';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type JsonPathStep = string | number;

export function jsonPathText(path: readonly JsonPathStep[]): string {
  return (
    '$' +
    path
      .map((step) =>
        typeof step === 'number'
          ? `[${step}]`
          : PLAIN_KEY.test(step)
            ? `.${step}`
            : `['${step.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`,
      )
      .join('')
  );
}

/** The expression for `path` inside the JSON text of `field`; undefined for the empty path. */
export function jsonValueExpression(field: string, path: readonly JsonPathStep[]): string | undefined {
  if (path.length === 0) return undefined;
  const name = dqlFieldName(field);
  const [first] = path;
  if (path.length === 1 && typeof first === 'string') return `jsonField(${name}, ${dqlStringLiteral(first)})`;
  return `jsonPath(${name}, ${dqlStringLiteral(jsonPathText(path))})`;
}
