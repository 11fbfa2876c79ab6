import { describe, expect, it } from 'vitest';
import { costWarning, estimateBytes, ownScanLimits } from '../../../../src-shared/dql/cost-guard';
import { parse } from '../../../../src-shared/dql/parser';

const ast = (q: string) => parse(q).ast;
const GB = 1_000_000_000;
const HOUR = 3_600_000;

describe('cost guard', () => {
  it('reads scanLimitGBytes from fetch commands only', () => {
    expect(ownScanLimits(ast('fetch logs, scanLimitGBytes: 20 | limit 1'))).toEqual([20]);
    expect(ownScanLimits(ast('fetch logs, scanLimitGBytes: 2.5'))).toEqual([2.5]);
    expect(ownScanLimits(ast('fetch logs, scanLimitGBytes: -1'))).toEqual([-1]);
    expect(ownScanLimits(ast('fetch logs | filter scanLimitGBytes > 3'))).toEqual([]);
  });

  it('warns when the query lifts the limit or sets one above the budget', () => {
    expect(costWarning(ast('fetch logs, scanLimitGBytes: -1'), 500, HOUR, [])).toMatchObject({
      reason: 'unlimited',
      mayScanGBytes: Infinity,
    });
    const above = costWarning(ast('fetch logs, scanLimitGBytes: 800'), 500, HOUR, []);
    expect(above).toMatchObject({ reason: 'own-limit-above-budget', mayScanGBytes: 800, budgetGBytes: 500 });
    expect(above?.message).toBe(
      "The query may scan up to 800 GB (its own scanLimitGBytes), more than this environment's budget of 500 GB.",
    );
    expect(costWarning(ast('fetch logs, scanLimitGBytes: 400'), 500, HOUR, [])).toBeUndefined();
  });

  it('scales earlier scans to this timeframe and warns above the budget', () => {
    const past = [{ scannedBytes: 30 * GB, timeframeMs: 2 * HOUR }];
    // 2 h → 30 GB, so 24 h → 360 GB: within 500, above 100.
    expect(costWarning(ast('fetch logs'), 500, 24 * HOUR, past)).toBeUndefined();
    const w = costWarning(ast('fetch logs'), 100, 24 * HOUR, past);
    expect(w?.reason).toBe('estimate-above-budget');
    expect(w?.mayScanGBytes).toBeCloseTo(360);
  });

  it('does not scale when the query sets its own timeframe', () => {
    const past = [{ scannedBytes: 30 * GB, timeframeMs: 2 * HOUR }];
    expect(costWarning(ast('fetch logs, from: -2h'), 100, 24 * HOUR, past)).toBeUndefined();
  });

  it('estimates from the largest earlier run, unscaled when a length is unknown', () => {
    expect(estimateBytes([], HOUR)).toBeUndefined();
    expect(estimateBytes([{ scannedBytes: 5 }, { scannedBytes: 9 }], undefined)).toBe(9);
    expect(estimateBytes([{ scannedBytes: 10, timeframeMs: HOUR }, { scannedBytes: 12 }], 2 * HOUR)).toBe(20);
  });
});
