/**
 * Starter payloads, copied from Dynatrace's "Ingest business events via API" page
 * (docs: observe/business-observability/bo-api-ingest).
 */
import type { IngestContentType } from '../../../src-shared/grail/wire';

export interface PayloadTemplate {
  id: string;
  label: string;
  contentType: IngestContentType;
  body: string;
}

const pretty = (value: unknown): string => JSON.stringify(value, null, 2);

export const PAYLOAD_TEMPLATES: readonly PayloadTemplate[] = [
  {
    id: 'json-single',
    label: 'Pure JSON — single event',
    contentType: 'application/json',
    body: pretty({
      id: '2',
      paymentType: 'paypal',
      plannedDeliveryDate: '01.01.2024',
      'event.type': 'com.bizevent.single',
      'event.provider': 'custom.provider',
      total: 234,
      customer: { firstName: 'John', lastName: 'Doe' },
      orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
    }),
  },
  {
    id: 'json-multiple',
    label: 'Pure JSON — several events',
    contentType: 'application/json',
    body: pretty(
      [1, 2].map(() => ({
        id: '1',
        paymentType: 'paypal',
        plannedDeliveryDate: '01.01.2021',
        'event.provider': 'custom.provider.array',
        total: 234,
        customer: { firstName: 'John', lastName: 'Doe' },
        orderItemsProductIDs: ['PR-102002002', 'QZ-123232'],
      })),
    ),
  },
  {
    id: 'cloudevent',
    label: 'CloudEvent',
    contentType: 'application/cloudevents+json',
    body: pretty({
      specversion: '1.0',
      id: '8d8c6e5d-829d-4629-86fb-23cda5496fa9',
      source: 'ba.dt.local',
      type: 'com.dynatrace.business',
      time: '2023-08-07T07:07:13.532Z',
      data: {
        paymentId: '110',
        orderId: '5117',
        person: { firstName: 'Max', lastName: 'Meyer' },
      },
    }),
  },
  {
    id: 'cloudevents-batch',
    label: 'CloudEvents batch',
    contentType: 'application/cloudevents-batch+json',
    body: pretty([
      {
        specversion: '1.0',
        id: '8d8c6e5d-829d-4629-86fb-23cda5496fa9',
        source: 'ba.dt.local',
        type: 'com.dynatrace.business',
        time: '2023-08-07T07:07:13.532Z',
        data: { paymentId: '110', orderId: '5717' },
      },
      {
        specversion: '1.0',
        id: '37d9df29-ba57-4526-8ac7-6baa6ccbc9c4',
        source: 'ba.dt.local',
        type: 'com.dynatrace.business',
        time: '2023-08-07T07:07:14.532Z',
        data: { paymentId: '111', orderId: '5718' },
      },
    ]),
  },
];

/** What a fresh composer holds: the pure-JSON single event. */
export const DEFAULT_PAYLOAD = PAYLOAD_TEMPLATES[0]!.body;
