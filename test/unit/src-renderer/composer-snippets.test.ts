import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlSnippet, typeScriptSnippet } from '../../../src-renderer/features/composer/snippets';

const body = `{"note":"it's $HOME and \`x\`","lines":"a\\nb"}\nBIZLENS_PAYLOAD`;
const input = {
  url: 'https://abc.live.dynatrace.com/api/v2/bizevents/ingest',
  authKind: 'apiToken' as const,
  contentType: 'application/json',
  body,
};

describe('copy as curl / TypeScript', () => {
  it('puts the credential in as a placeholder and the body byte for byte', () => {
    const curl = curlSnippet(input);
    expect(curl).toContain('-H "Authorization: Api-Token ${DT_API_TOKEN}"');
    expect(curl).toContain("'https://abc.live.dynatrace.com/api/v2/bizevents/ingest'");
    // The shell hands curl exactly the payload: run the heredoc part through sh and compare.
    const heredoc = curl.slice(curl.indexOf("<<'"));
    const echoed = execFileSync('sh', ['-c', `cat ${heredoc}`], { encoding: 'utf8' });
    expect(echoed).toBe(`${body}\n`);
  });

  it('writes a fetch call whose body literal is the payload', () => {
    const ts = typeScriptSnippet({ ...input, authKind: 'oauth' });
    expect(ts).toContain('Authorization: `Bearer ${process.env.DT_ACCESS_TOKEN}`');
    const literal = /body: (".*"),\n/.exec(ts)?.[1];
    expect(JSON.parse(literal!)).toBe(body);
  });
});
