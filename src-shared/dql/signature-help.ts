/**
 * Signature help for the function call around the cursor: its synopsis, where each parameter's
 * name sits in it, and which parameter is being typed (by position or by `name:`).
 */
import type { Analysis } from './analyzer';
import type { FunctionSpec } from './catalog';
import { findFunctions } from './catalog';
import { completionSite } from './completion-context';
import { functionDocs } from './hover';

export interface SignatureInfo {
  readonly label: string;
  readonly documentation: string;
  /** [start, end) of each parameter's name within `label`. */
  readonly parameters: readonly { readonly label: readonly [number, number]; readonly detail: string }[];
  readonly activeParameter: number;
}

export function signatureAt(a: Analysis, offset: number): SignatureInfo | undefined {
  const word = a.tokens.find((t) => t.kind === 'identifier' && t.start < offset && offset <= t.end);
  const site = completionSite(a.tokens, word?.start ?? offset, offset);
  if (site.kind !== 'functionArgument') return undefined;
  const spec =
    [...a.calls].find(([c]) => c.nameSpan.start === site.fnStart)?.[1] ?? findFunctions(site.fn)[0];
  if (!spec) return undefined;
  return {
    label: spec.synopsis,
    documentation: functionDocs(spec)[1] ?? '',
    parameters: parameterLabels(spec),
    activeParameter: activeIndex(spec, site.named, site.index - site.namesUsed.length),
  };
}

/** Where each parameter's name appears in the synopsis (`substring(expression [, from] [, to])`). */
function parameterLabels(spec: FunctionSpec): SignatureInfo['parameters'] {
  let at = spec.synopsis.indexOf('(') + 1;
  return spec.params.map((p) => {
    const re = new RegExp(`\\b${p.name}\\b`, 'g');
    re.lastIndex = at;
    const m = re.exec(spec.synopsis);
    const start = m ? m.index : 0;
    const end = m ? start + p.name.length : 0;
    if (m) at = end;
    const types = p.enum ? p.enum.join(' | ') : (p.types ?? ['any']).join(' | ');
    return { label: [start, end] as const, detail: `${p.named ? `${p.name}: ` : ''}${types}` };
  });
}

function activeIndex(spec: FunctionSpec, named: string | undefined, positional: number): number {
  if (named)
    return Math.max(
      0,
      spec.params.findIndex((p) => p.name.toLowerCase() === named.toLowerCase()),
    );
  const p = spec.positional[Math.min(positional, spec.positional.length - 1)];
  return p ? spec.params.indexOf(p) : 0;
}
