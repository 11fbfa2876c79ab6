/**
 * "Copy as curl" and "Copy as TypeScript": the exact request the composer would send, with the
 * credential as an environment-variable placeholder — the real secret never reaches the renderer,
 * so it cannot leak into a snippet (no DOM; unit-tested).
 */
import type { AuthKind } from '../../../src-shared/ipc/contract';

export interface SnippetInput {
  url: string;
  authKind: AuthKind;
  contentType: string;
  body: string;
}

/** Placeholder variable and Authorization scheme per credential kind. */
export function credentialPlaceholder(authKind: AuthKind): { scheme: string; variable: string } {
  switch (authKind) {
    case 'apiToken':
      return { scheme: 'Api-Token', variable: 'DT_API_TOKEN' };
    case 'platformToken':
      return { scheme: 'Bearer', variable: 'DT_PLATFORM_TOKEN' };
    case 'oauth':
      return { scheme: 'Bearer', variable: 'DT_ACCESS_TOKEN' };
  }
}

const HEREDOC = 'BIZLENS_PAYLOAD';

/** A POSIX-shell curl command; the body goes through a quoted heredoc, so nothing in it is expanded. */
export function curlSnippet(input: SnippetInput): string {
  const { scheme, variable } = credentialPlaceholder(input.authKind);
  let delimiter = HEREDOC;
  while (input.body.split('\n').includes(delimiter)) delimiter += '_';
  return [
    `curl -sS -X POST ${shellQuote(input.url)} \\`,
    `  -H "Authorization: ${scheme} \${${variable}}" \\`,
    `  -H ${shellQuote(`Content-Type: ${input.contentType}`)} \\`,
    `  --data-binary @- <<'${delimiter}'`,
    input.body,
    delimiter,
    '',
  ].join('\n');
}

/** A Node 18+/browser `fetch` call with the payload as an exact string literal. */
export function typeScriptSnippet(input: SnippetInput): string {
  const { scheme, variable } = credentialPlaceholder(input.authKind);
  return [
    `const response = await fetch(${JSON.stringify(input.url)}, {`,
    `  method: 'POST',`,
    `  headers: {`,
    `    Authorization: \`${scheme} \${process.env.${variable}}\`,`,
    `    'Content-Type': ${JSON.stringify(input.contentType)},`,
    `  },`,
    `  body: ${JSON.stringify(input.body)},`,
    `});`,
    `// 202: all accepted · 400: partial success, see errors[].index · 413: over 5 MiB`,
    `console.log(response.status, await response.text());`,
    '',
  ].join('\n');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
