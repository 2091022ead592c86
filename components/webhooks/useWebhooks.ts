'use client';

import { useQuery } from '@tanstack/react-query';
import { api } from '@/components/api/client';
import type { DeliveryOut, WebhookOut } from '@/lib/webhooks/manage';

export type { DeliveryOut, WebhookOut };

export const webhooksKey = ['webhooks'] as const;
export const deliveriesKey = (id: string) => ['webhooks', id, 'deliveries'] as const;

export function useWebhooks() {
  return useQuery({ queryKey: webhooksKey, queryFn: () => api<{ webhooks: WebhookOut[] }>('/api/v1/webhooks').then((r) => r.webhooks) });
}

export function useDeliveries(id: string) {
  return useQuery({
    queryKey: deliveriesKey(id),
    queryFn: () => api<{ deliveries: DeliveryOut[] }>(`/api/v1/webhooks/${id}/deliveries?limit=50`).then((r) => r.deliveries),
    // Pending deliveries move on in the background: keep the log fresh while it is open.
    refetchInterval: 5_000,
  });
}
