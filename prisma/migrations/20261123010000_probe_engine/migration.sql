-- Probe engine: service catalog, endpoints with their scheduling and latest
-- state, raw probe results, per-minute and per-hour rollups, alerts, workers.

CREATE TYPE "EndpointKind" AS ENUM ('health', 'liveness', 'readiness', 'migration', 'metrics', 'telemetry');
CREATE TYPE "ProbeStatus" AS ENUM ('up', 'degraded', 'down', 'unknown');
CREATE TYPE "AlertLevel" AS ENUM ('warning', 'critical');

CREATE TABLE "services" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT 'production',
    "team" TEXT,
    "description" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "links" JSONB NOT NULL DEFAULT '[]',
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "failures_before_down" INTEGER NOT NULL DEFAULT 2,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "services_name_environment_key" ON "services"("name", "environment");
CREATE INDEX "services_team_idx" ON "services"("team");

CREATE TABLE "endpoints" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "kind" "EndpointKind" NOT NULL,
    "url" TEXT NOT NULL,
    "header_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "headers_enc" TEXT,
    "interval_seconds" INTEGER NOT NULL DEFAULT 30,
    "timeout_ms" INTEGER NOT NULL DEFAULT 5000,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "telemetry_paths" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "next_due_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "check_now" BOOLEAN NOT NULL DEFAULT false,
    "status" "ProbeStatus" NOT NULL DEFAULT 'unknown',
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "failing_since" TIMESTAMPTZ(3),
    "status_changed_at" TIMESTAMPTZ(3),
    "last_checked_at" TIMESTAMPTZ(3),
    "last_http_status" INTEGER,
    "last_latency_ms" INTEGER,
    "last_error" TEXT,
    "last_summary" JSONB,
    "metrics_snapshot" JSONB,
    CONSTRAINT "endpoints_pkey" PRIMARY KEY ("id"),
    -- Bounds the API also enforces; here so that no path can bypass them.
    CONSTRAINT "endpoints_interval_min" CHECK ("interval_seconds" >= 5),
    CONSTRAINT "endpoints_timeout_range" CHECK ("timeout_ms" BETWEEN 100 AND 60000)
);
CREATE INDEX "endpoints_service_id_idx" ON "endpoints"("service_id");
CREATE INDEX "endpoints_enabled_next_due_at_idx" ON "endpoints"("enabled", "next_due_at");
ALTER TABLE "endpoints" ADD CONSTRAINT "endpoints_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "probe_results" (
    "id" BIGSERIAL NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "kind" "EndpointKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "status" "ProbeStatus" NOT NULL,
    "http_status" INTEGER,
    "latency_ms" INTEGER,
    "error" TEXT,
    "summary" JSONB,
    CONSTRAINT "probe_results_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "probe_results_endpoint_id_at_idx" ON "probe_results"("endpoint_id", "at");
CREATE INDEX "probe_results_service_id_at_idx" ON "probe_results"("service_id", "at");
CREATE INDEX "probe_results_at_idx" ON "probe_results"("at");
ALTER TABLE "probe_results" ADD CONSTRAINT "probe_results_endpoint_id_fkey"
    FOREIGN KEY ("endpoint_id") REFERENCES "endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "probe_rollups_minute" (
    "endpoint_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "degraded" INTEGER NOT NULL,
    "latency_p50" DOUBLE PRECISION,
    "latency_p95" DOUBLE PRECISION,
    "latency_max" DOUBLE PRECISION,
    "kpis" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "probe_rollups_minute_pkey" PRIMARY KEY ("endpoint_id", "bucket")
);
CREATE INDEX "probe_rollups_minute_service_id_bucket_idx" ON "probe_rollups_minute"("service_id", "bucket");
CREATE INDEX "probe_rollups_minute_bucket_idx" ON "probe_rollups_minute"("bucket");

CREATE TABLE "probe_rollups_hour" (
    "endpoint_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "degraded" INTEGER NOT NULL,
    "latency_p50" DOUBLE PRECISION,
    "latency_p95" DOUBLE PRECISION,
    "latency_max" DOUBLE PRECISION,
    "kpis" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "probe_rollups_hour_pkey" PRIMARY KEY ("endpoint_id", "bucket")
);
CREATE INDEX "probe_rollups_hour_service_id_bucket_idx" ON "probe_rollups_hour"("service_id", "bucket");
CREATE INDEX "probe_rollups_hour_bucket_idx" ON "probe_rollups_hour"("bucket");

CREATE TABLE "rollup_watermarks" (
    "name" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rollup_watermarks_pkey" PRIMARY KEY ("name")
);

CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "endpoint_id" UUID,
    "key" TEXT NOT NULL,
    "open_key" TEXT,
    "level" "AlertLevel" NOT NULL,
    "peak_level" "AlertLevel" NOT NULL,
    "message" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "threshold" DOUBLE PRECISION,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "alerts_open_key_key" ON "alerts"("open_key");
CREATE INDEX "alerts_service_id_opened_at_idx" ON "alerts"("service_id", "opened_at");
CREATE INDEX "alerts_endpoint_id_idx" ON "alerts"("endpoint_id");
CREATE INDEX "alerts_resolved_at_idx" ON "alerts"("resolved_at");
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "poller_workers" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "probes_total" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "poller_workers_pkey" PRIMARY KEY ("id")
);
