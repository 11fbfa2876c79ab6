/** The benchmarks' events, shaped like the seed document's pure JSON example (../shared/seeds). */
export function seedEvent(i: number) {
  return {
    id: String(i),
    paymentType: i % 2 ? 'paypal' : 'card',
    'event.type': 'com.bizevent.single',
    'event.provider': `custom.provider.${i % 7}`,
    total: i,
    customer: { firstName: 'John', lastName: 'Doe', tier: i % 3 },
    orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
  };
}
