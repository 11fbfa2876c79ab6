/**
 * Headless bulk sender (the outbox and sender without the UI), for CI loads and for the tests and
 * benchmark that must run the sender as its own process:
 *
 *   tsx src-main/services/bulk/headless.ts --url <BASE> --data-dir <DIR> --generate <N>
 *       [--batch-events N] [--concurrency N] [--seed N]
 *   tsx src-main/services/bulk/headless.ts --url <BASE> --data-dir <DIR> --resume
 *
 * The API token (scope bizevents.ingest) comes from BIZLENS_BULK_API_TOKEN, never from argv.
 * Optional BIZLENS_BULK_CLIENT_ID / BIZLENS_BULK_CLIENT_SECRET (an OAuth client of the same base
 * with storage:bizevents:read) let a resumed job ask which unacknowledged batches are stored.
 * stdout: one JSON line per progress report ({"progress": view}) and a last line
 * {"done": view, "ms": …, "maxRssMB": …}. Exit code 0 when every job finished, 1 otherwise.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BulkJobView } from '../../../src-shared/ipc/domains/ingest';
import { sendHttp } from '../../platform/http';
import type { Connection } from '../connection';
import { QueryService } from '../query-service';
import { BulkService } from './bulk-service';
import { Outbox } from './outbox';

/** A seed-shaped order event; ids are added per event by the job. */
export const HEADLESS_TEMPLATE = JSON.stringify({
  'event.provider': 'bizlens.bulk',
  'event.type': 'com.bizevent.generated',
  paymentType: 'card',
  total: 0,
  'customer.tier': 'gold',
});

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      generate: { type: 'string' },
      resume: { type: 'boolean' },
      'batch-events': { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const token = process.env.BIZLENS_BULK_API_TOKEN;
  if (!values.url || !values['data-dir'] || !token) {
    process.stderr.write('bulk: --url, --data-dir and BIZLENS_BULK_API_TOKEN are required\n');
    return 2;
  }
  const base = values.url.replace(/\/$/, '');
  const conn: Connection = {
    environmentId: 'headless',
    platformBaseUrl: base,
    classicBaseUrl: base,
    ingestPath: '/api/v2/bizevents/ingest',
    authorization: async () => `Api-Token ${token}`,
    onUnauthorized: () => {},
  };
  const clientId = process.env.BIZLENS_BULK_CLIENT_ID;
  const clientSecret = process.env.BIZLENS_BULK_CLIENT_SECRET;
  const queries =
    clientId && clientSecret
      ? new QueryService(async () => queryConnection(base, clientId, clientSecret), sendHttp)
      : undefined;
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const bulk = new BulkService({
    outbox: new Outbox(resolve(values['data-dir'], 'outbox')),
    connect: async () => conn,
    http: sendHttp,
    emit: (view) => print({ progress: view }),
    assertWriteAllowed: () => {},
    ...(queries ? { queries } : {}),
  });
  const started = performance.now();
  let ids: string[];
  if (values.resume) ids = await bulk.resumePending();
  else {
    const count = Number(values.generate);
    const job = await bulk.create(
      {
        environmentId: 'headless',
        source: {
          kind: 'generator',
          template: HEADLESS_TEMPLATE,
          count,
          seed: Number(values.seed ?? 1),
          fields: [
            { field: 'total', kind: 'randomNumber', min: 1, max: 500, decimals: 2 },
            { field: 'paymentType', kind: 'pick', values: ['card', 'paypal', 'invoice'] },
            { field: 'order.number', kind: 'sequence', start: 1, step: 1, prefix: 'ORD-' },
          ],
        },
        batchEvents: Number(values['batch-events'] ?? 5000),
        concurrency: Number(values.concurrency ?? 4),
      },
      false,
    );
    print({ created: job.jobId });
    await bulk.start(job.jobId);
    ids = [job.jobId];
  }
  const views: BulkJobView[] = [];
  for (const id of ids) views.push(await bulk.settledJob(id));
  const ms = performance.now() - started;
  const maxRssMB = Math.round((await peakRssKiB()) / 1024);
  for (const view of views) print({ done: view, ms: Math.round(ms), maxRssMB });
  return views.every((v) => v.state === 'done') ? 0 : 1;
}

/**
 * This process's peak RSS in KiB. VmHWM where /proc exists: getrusage's maxRSS survives exec on
 * Linux, so a sender spawned by a big parent (the bench holding the sandbox) would report the
 * parent's size at fork, not its own.
 */
async function peakRssKiB(): Promise<number> {
  try {
    const status = await readFile('/proc/self/status', 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (hwm) return Number(hwm[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}

/** Bearer tokens from the base's token endpoint (client credentials), renewed 30 s before expiry. */
function queryConnection(base: string, clientId: string, clientSecret: string): Connection {
  let token: { value: string; until: number } | undefined;
  return {
    environmentId: 'headless',
    platformBaseUrl: base,
    ingestPath: '/platform/classic/environment-api/v2/bizevents/ingest',
    authorization: async () => {
      if (!token || Date.now() > token.until) {
        const res = await sendHttp({
          method: 'POST',
          url: `${base}/sso/oauth2/token`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret,
            scope: 'storage:bizevents:read storage:buckets:read',
          }).toString(),
          maxBytes: 1024 * 1024,
        });
        if (res.status !== 200) throw new Error(`the token endpoint answered ${res.status}`);
        const body = JSON.parse(res.text) as { access_token: string; expires_in: number };
        token = { value: body.access_token, until: Date.now() + (body.expires_in - 30) * 1000 };
      }
      return `Bearer ${token.value}`;
    },
    onUnauthorized: () => {
      token = undefined;
    },
  };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bulk: ${err instanceof Error ? err.message : 'failed'}\n`);
    process.exit(1);
  },
);
