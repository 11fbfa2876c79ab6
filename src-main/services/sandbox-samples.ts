/**
 * Sample data sets for the local sandbox, generated deterministically (seeded) with timestamps in
 * the last 90 minutes so the default query timeframe (last 2 hours) sees all of them.
 * - bike-rental: completed rentals shaped like the seed notebook's `RENT_NM` example
 *   (`summarize popular = count(), by: {RENT_NM}`), with return station, bike, duration, distance
 * - checkout-funnel: e-commerce sessions stepping through cart → checkout → payment → order, with
 *   drop-off at each step, so funnel queries have something to find
 */
import type { SampleDataSetId } from '../../src-shared/ipc/domains/sandbox';
import { seededRandom } from '../../src-shared/seeded-random';

type SampleEvent = Record<string, string | number | boolean>;

const STATIONS = [
  'Yeouido Park',
  'Ttukseom Resort',
  'Hapjeong Station Exit 1',
  'Gwanghwamun Square',
  'Seoul Forest',
  'Banpo Hangang Park',
  'Hongik Univ. Station',
  'Jamsil Sports Complex',
  'Gangnam Station Exit 10',
  'Mangwon Hangang Park',
  'City Hall Plaza',
  'Dongdaemun Design Plaza',
];

const PRODUCTS = [
  { sku: 'SKU-1001', name: 'Trail running shoes', price: 129.9 },
  { sku: 'SKU-1002', name: 'Rain jacket', price: 89.5 },
  { sku: 'SKU-1003', name: 'Water bottle', price: 14.99 },
  { sku: 'SKU-1004', name: 'Headlamp', price: 39 },
  { sku: 'SKU-1005', name: 'Daypack 20L', price: 74.25 },
];

const WINDOW_MS = 90 * 60_000;

export const SAMPLE_SIZES: Record<SampleDataSetId, number> = { 'bike-rental': 2000, 'checkout-funnel': 600 };

export function sampleEvents(id: SampleDataSetId, nowMs: number): SampleEvent[] {
  return id === 'bike-rental' ? bikeRentals(nowMs) : checkoutFunnel(nowMs);
}

function bikeRentals(nowMs: number): SampleEvent[] {
  const r = seededRandom(20_240_601);
  // Skewed popularity: a few stations see most rentals, as in a real city.
  const pick = () => STATIONS[Math.min(STATIONS.length - 1, Math.floor(r() * r() * STATIONS.length))]!;
  return Array.from({ length: SAMPLE_SIZES['bike-rental'] }, (_, i) => {
    const minutes = 3 + Math.floor(r() * 57);
    return {
      timestamp: new Date(
        nowMs - WINDOW_MS + Math.floor((i / SAMPLE_SIZES['bike-rental']) * WINDOW_MS),
      ).toISOString(),
      'event.provider': 'bizlens.sample.bike-rental',
      'event.type': 'bike.rental.completed',
      RENT_ID: `ST-${100 + STATIONS.indexOf(pick())}`,
      RENT_NM: pick(),
      RTN_NM: pick(),
      BIKE_ID: `SPB-${String(10_000 + Math.floor(r() * 5000))}`,
      USE_MIN: minutes,
      USE_DST: Math.round(minutes * (120 + r() * 180)),
      member: r() < 0.7,
    };
  });
}

const FUNNEL = [
  { type: 'shop.cart.viewed', keep: 1 },
  { type: 'shop.checkout.started', keep: 0.6 },
  { type: 'shop.payment.submitted', keep: 0.75 },
  { type: 'shop.order.completed', keep: 0.9 },
];

function checkoutFunnel(nowMs: number): SampleEvent[] {
  const r = seededRandom(7_770_001);
  const out: SampleEvent[] = [];
  let session = 0;
  while (out.length < SAMPLE_SIZES['checkout-funnel']) {
    session++;
    const start = nowMs - WINDOW_MS + Math.floor(r() * (WINDOW_MS - 10 * 60_000));
    const product = PRODUCTS[Math.floor(r() * PRODUCTS.length)]!;
    const quantity = 1 + Math.floor(r() * 3);
    const channel = r() < 0.55 ? 'web' : 'mobile';
    let at = start;
    for (const [step, stage] of FUNNEL.entries()) {
      if (r() >= stage.keep || out.length >= SAMPLE_SIZES['checkout-funnel']) break;
      // Each step comes 20 s to 2 min after the one before.
      if (step > 0) at += 20_000 + Math.floor(r() * 100_000);
      out.push({
        timestamp: new Date(at).toISOString(),
        'event.provider': 'bizlens.sample.shop',
        'event.type': stage.type,
        'session.id': `S-${String(session).padStart(5, '0')}`,
        step: step + 1,
        channel,
        sku: product.sku,
        product: product.name,
        quantity,
        amount: Math.round(product.price * quantity * 100) / 100,
        currency: 'EUR',
      });
    }
  }
  return out;
}
