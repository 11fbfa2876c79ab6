/**
 * Headless sandbox: `npm run sandbox -- --port <N|0> --data-dir <DIR> [--host H]
 * [--client-id ID --client-secret S] [--api-token T] [--faults SPEC]` (SPEC: faults-spec.ts). When ready it prints exactly one JSON line
 * to stdout ({url, tokenUrl, clientId, apiTokenId, dataDir}; never a secret); logs go to stderr.
 * Bad flags → one-line error on stderr, exit code 2. SIGINT/SIGTERM → clean shutdown.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FaultSpecError, formatFaultSpec, isInert, parseFaultSpec } from './faults-spec';
import { DEV_API_TOKEN, DEV_CLIENT_ID, SANDBOX_SCOPES, tokenIdentifier } from './dev-credentials';
import { startSandbox } from './server';
import type { SandboxOptions } from './server';

const API_TOKEN_FORMAT = /^dt0[a-zA-Z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/;

function usageError(message: string): never {
  process.stderr.write(
    `sandbox: ${message} (usage: --port <N|0> --data-dir <DIR> [--host H] [--client-id ID --client-secret S] [--api-token T] [--faults SPEC])\n`,
  );
  process.exit(2);
}

function parseOptions(argv: string[]): SandboxOptions & { clientId: string; apiTokenId: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        host: { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'api-token': { type: 'string' },
        faults: { type: 'string' },
      },
    }));
  } catch (err) {
    // parseArgs messages name the flag, never a value.
    usageError(
      err instanceof Error ? (err.message.split('\n')[0] ?? 'invalid arguments') : 'invalid arguments',
    );
  }
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    usageError(`--port must be an integer from 0 to 65535, got '${portText.slice(0, 20)}'`);
  if (!values['data-dir']) usageError('--data-dir is required');
  const hasId = values['client-id'] !== undefined;
  const hasSecret = values['client-secret'] !== undefined;
  if (hasId !== hasSecret) usageError('--client-id and --client-secret must be given together');
  if (hasId && (!values['client-id'] || !values['client-secret']))
    usageError('--client-id and --client-secret must not be empty');
  const apiToken = values['api-token'];
  if (apiToken !== undefined && !API_TOKEN_FORMAT.test(apiToken))
    usageError('--api-token must look like dt0c01.<24 A-Z0-9>.<64 A-Z0-9>');
  const clientId = values['client-id'] ?? DEV_CLIENT_ID;
  let faults;
  try {
    faults = values.faults === undefined ? undefined : parseFaultSpec(values.faults);
  } catch (err) {
    usageError(err instanceof FaultSpecError ? `--faults: ${err.message}` : '--faults is invalid');
  }
  return {
    ...(faults ? { faults } : {}),
    port,
    dataDir: resolve(values['data-dir']),
    ...(values.host ? { host: values.host } : {}),
    ...(hasId
      ? {
          clients: [
            { clientId, clientSecret: values['client-secret'] as string, scopes: [...SANDBOX_SCOPES] },
          ],
        }
      : {}),
    ...(apiToken ? { apiTokens: [{ token: apiToken, scopes: ['bizevents.ingest'] }] } : {}),
    clientId,
    apiTokenId: tokenIdentifier(apiToken ?? DEV_API_TOKEN),
  };
}

async function main(): Promise<void> {
  const { clientId, apiTokenId, ...options } = parseOptions(process.argv.slice(2));
  let sandbox;
  try {
    sandbox = await startSandbox({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
    if (options.faults && !isInert(options.faults))
      process.stderr.write(`sandbox: injecting faults ${formatFaultSpec(options.faults)}\n`);
  } catch (err) {
    process.stderr.write(`sandbox: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  const running = sandbox;
  process.stdout.write(
    `${JSON.stringify({ url: running.url, tokenUrl: `${running.url}/sso/oauth2/token`, clientId, apiTokenId, dataDir: options.dataDir })}\n`,
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) process.exit(130); // a second signal: give up waiting
    stopping = true;
    process.stderr.write(`sandbox: ${signal}, shutting down\n`);
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(
          `sandbox: shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
