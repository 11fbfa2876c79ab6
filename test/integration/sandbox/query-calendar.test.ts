// The request timezone reaches the evaluator over HTTP: `@` alignment and calendar months use
// its wall clock, and a query grouped by local day gives the same counts as the records say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_SCOPES, ingest, manualClock, query, requestToken, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

const clock = manualClock(1_711_886_400_000_000_000n); // 2024-03-31T12:00:00Z, the day DST starts in Vienna
let sb: TestSandbox;
let token: string;

beforeAll(async () => {
  sb = await startTestSandbox({ now: clock.now });
  token = await requestToken(sb.url, READ_SCOPES);
  // 22:30Z and 23:30Z on March 30 are March 30 and March 31 in Vienna (UTC+1 that night).
  const events = ['2024-03-30T22:30:00Z', '2024-03-30T23:30:00Z', '2024-03-31T10:00:00Z'].map(
    (timestamp, i) => ({
      i,
      timestamp,
    }),
  );
  expect((await ingest(sb.url, JSON.stringify(events))).status).toBe(202);
});
afterAll(() => sb.dispose());

describe('calendar in the request timezone', () => {
  it('aligns to the local day, week and month, and renders in that timezone', async () => {
    const r = await query(
      sb.url,
      token,
      'data record(t = toTimestamp("2024-03-31T12:00:00Z")) | fields d = t@d, w = t@w, M = t@M, back = t - 1M',
      { timezone: 'Europe/Vienna' },
    );
    expect(r.result.records).toEqual([
      {
        d: '2024-03-31T00:00:00.000000000+01:00',
        w: '2024-03-25T00:00:00.000000000+01:00',
        M: '2024-03-01T00:00:00.000000000+01:00',
        back: '2024-02-29T14:00:00.000000000+01:00', // the same local time of day
      },
    ]);
  });

  it('groups stored events by local day', async () => {
    const dql = 'fetch bizevents, from: -1d | summarize n = count(), by: {day = timestamp@d} | sort day';
    const vienna = await query(sb.url, token, dql, { timezone: 'Europe/Vienna' });
    expect(vienna.result.records).toEqual([
      { day: '2024-03-30T00:00:00.000000000+01:00', n: '1' },
      { day: '2024-03-31T00:00:00.000000000+01:00', n: '2' },
    ]);
    const utc = await query(sb.url, token, dql);
    expect(utc.result.records).toEqual([
      { day: '2024-03-30T00:00:00.000000000Z', n: '2' },
      { day: '2024-03-31T00:00:00.000000000Z', n: '1' },
    ]);
  });
});
