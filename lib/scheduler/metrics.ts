import client from 'prom-client';
import { metric } from '@/lib/metrics/registry';

// The poller's own health, on /api/metrics: if these stop moving, nobody is watching.
export const pollerMetrics = {
  probes: () =>
    metric('opsdeck_probes_total', (registers) => new client.Counter({ name: 'opsdeck_probes_total', help: 'Probes executed, by result status', labelNames: ['status'], registers })),
  lag: () =>
    metric(
      'opsdeck_probe_schedule_lag_seconds',
      (registers) =>
        new client.Histogram({
          name: 'opsdeck_probe_schedule_lag_seconds',
          help: 'Actual start of a probe minus its due time',
          buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
          registers,
        }),
    ),
  persisted: () =>
    metric('opsdeck_results_persisted_total', (registers) => new client.Counter({ name: 'opsdeck_results_persisted_total', help: 'Probe results written to Postgres', registers })),
  dropped: () =>
    metric(
      'opsdeck_results_dropped_total',
      (registers) => new client.Counter({ name: 'opsdeck_results_dropped_total', help: 'Probe results dropped because the write buffer was full (database unavailable too long)', registers }),
    ),
  buffered: () =>
    metric('opsdeck_results_buffered', (registers) => new client.Gauge({ name: 'opsdeck_results_buffered', help: 'Probe results waiting to be written', registers })),
  inFlight: () =>
    metric('opsdeck_probes_in_flight', (registers) => new client.Gauge({ name: 'opsdeck_probes_in_flight', help: 'Probes currently running in this process', registers })),
  writeErrors: () =>
    metric('opsdeck_result_write_errors_total', (registers) => new client.Counter({ name: 'opsdeck_result_write_errors_total', help: 'Failed attempts to write a batch of results', registers })),
};
