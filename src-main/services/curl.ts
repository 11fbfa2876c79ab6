/**
 * "Copy as curl" with placeholders instead of secrets: the token comes from an environment
 * variable the user sets themselves, so the copied command is safe to paste into a ticket.
 */
export interface CurlInput {
  method: string;
  url: string;
  authKind: 'oauth' | 'apiToken' | 'platformToken';
  body?: string;
  contentType?: string;
}

/** POSIX single-quoting: the only character needing care inside '…' is ' itself. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function curlFor(input: CurlInput): string {
  const auth =
    input.authKind === 'apiToken'
      ? 'Authorization: Api-Token $DT_API_TOKEN'
      : 'Authorization: Bearer $DT_TOKEN';
  const lines = [
    ...(input.authKind === 'oauth'
      ? [
          '# DT_TOKEN: an access token from your token endpoint (client credentials); never paste the secret here.',
        ]
      : input.authKind === 'platformToken'
        ? ['# DT_TOKEN: your platform token.']
        : ['# DT_API_TOKEN: your API token.']),
    `curl -X ${input.method} ${shellQuote(input.url)} \\`,
    // Double quotes so the shell expands the variable; the header text has no other specials.
    `  -H "${auth}" \\`,
    `  -H 'Accept: application/json'${input.body !== undefined ? ' \\' : ''}`,
  ];
  if (input.body !== undefined) {
    lines.push(`  -H ${shellQuote(`Content-Type: ${input.contentType ?? 'application/json'}`)} \\`);
    lines.push(`  --data-raw ${shellQuote(input.body)}`);
  }
  return lines.join('\n');
}
