// Prometheus expositions in the shapes real exporters produce, with counters that can be
// advanced between two scrapes.

export interface AppCounters {
  ok: number; // 2xx requests
  clientErrors: number; // 4xx
  serverErrors: number; // 5xx
  /** Cumulative latency buckets (seconds), exposed once per method label, so the sums double. */
  buckets: [le: string, count: number][];
  cpuSeconds: number;
  startTime?: number;
}

/** A Node.js service instrumented with prom-client. */
export function nodeApp(c: AppCounters): string {
  const lines = [
    '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
    '# TYPE process_cpu_seconds_total counter',
    `process_cpu_seconds_total ${c.cpuSeconds}`,
    '# HELP process_start_time_seconds Start time of the process since unix epoch in seconds.',
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${c.startTime ?? 1700000000}`,
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    'process_resident_memory_bytes 52428800',
    '# HELP http_requests_total Total HTTP requests',
    '# TYPE http_requests_total counter',
    `http_requests_total{method="GET",route="/api/orders",code="200"} ${c.ok}`,
    `http_requests_total{method="GET",route="/api/orders",code="404"} ${c.clientErrors}`,
    `http_requests_total{method="POST",route="/api/orders",code="503"} ${c.serverErrors}`,
    '# HELP http_request_duration_seconds Duration of HTTP requests in seconds',
    '# TYPE http_request_duration_seconds histogram',
  ];
  for (const route of ['GET', 'POST']) {
    for (const [le, count] of c.buckets) {
      lines.push(`http_request_duration_seconds_bucket{le="${le}",method="${route}"} ${count}`);
    }
    const total = c.buckets[c.buckets.length - 1][1];
    lines.push(`http_request_duration_seconds_sum{method="${route}"} ${total * 0.1}`);
    lines.push(`http_request_duration_seconds_count{method="${route}"} ${total}`);
  }
  return `${lines.join('\n')}\n`;
}

/** node_exporter: CPU per mode for two CPUs, memory, filesystems. */
export function nodeExporter(cpu: { idle: number; user: number; system: number; iowait: number }): string {
  const lines = ['# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.', '# TYPE node_cpu_seconds_total counter'];
  for (const n of ['0', '1']) {
    for (const [mode, v] of Object.entries(cpu)) lines.push(`node_cpu_seconds_total{cpu="${n}",mode="${mode}"} ${v / 2}`);
  }
  lines.push(
    '# HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.',
    '# TYPE node_memory_MemAvailable_bytes gauge',
    'node_memory_MemAvailable_bytes 2.5e+09',
    '# HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.',
    '# TYPE node_memory_MemTotal_bytes gauge',
    'node_memory_MemTotal_bytes 1e+10',
    '# HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.',
    '# TYPE node_filesystem_avail_bytes gauge',
    'node_filesystem_avail_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 4e+10',
    'node_filesystem_avail_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/var/lib/postgresql"} 1.5e+10',
    'node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+06',
    'node_filesystem_avail_bytes{device="overlay",fstype="overlay",mountpoint="/var/lib/docker/overlay2/x/merged"} 0',
    'node_filesystem_avail_bytes{device="/dev/sdc1",fstype="ext4",mountpoint="/run/media/usb"} 0',
    '# HELP node_filesystem_size_bytes Filesystem size in bytes.',
    '# TYPE node_filesystem_size_bytes gauge',
    'node_filesystem_size_bytes{device="/dev/sda1",fstype="ext4",mountpoint="/"} 1e+11',
    'node_filesystem_size_bytes{device="/dev/sdb1",fstype="xfs",mountpoint="/var/lib/postgresql"} 1e+11',
    'node_filesystem_size_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 1e+09',
    'node_filesystem_size_bytes{device="overlay",fstype="overlay",mountpoint="/var/lib/docker/overlay2/x/merged"} 1e+11',
    'node_filesystem_size_bytes{device="/dev/sdc1",fstype="ext4",mountpoint="/run/media/usb"} 1e+09',
  );
  return `${lines.join('\n')}\n`;
}

/** Spring Boot / Micrometer: a summary-typed timer with outcome and status labels. */
export function springApp(okCount: number, errorCount: number): string {
  return [
    '# HELP http_server_requests_seconds',
    '# TYPE http_server_requests_seconds summary',
    `http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/orders",} ${okCount}`,
    `http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/orders",} ${okCount * 0.05}`,
    `http_server_requests_seconds_count{error="IOException",exception="IOException",method="GET",outcome="SERVER_ERROR",status="500",uri="/api/orders",} ${errorCount}`,
    `http_server_requests_seconds_sum{error="IOException",exception="IOException",method="GET",outcome="SERVER_ERROR",status="500",uri="/api/orders",} ${errorCount * 0.5}`,
    '# HELP http_server_requests_seconds_max',
    '# TYPE http_server_requests_seconds_max gauge',
    'http_server_requests_seconds_max{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/orders",} 0.25',
    '# HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process',
    '# TYPE process_cpu_usage gauge',
    'process_cpu_usage 0.0123',
    '',
  ].join('\n');
}
