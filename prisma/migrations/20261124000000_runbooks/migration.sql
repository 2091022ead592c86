-- Runbooks: versioned definitions, checklist runs pinned to a version, one
-- row per run and step (concurrent ticks of different steps never collide),
-- each run's history, and the `checklist` event type of incident timelines.

ALTER TYPE "IncidentEventType" ADD VALUE 'checklist';

CREATE TYPE "ChecklistStepStatus" AS ENUM ('pending', 'done', 'skipped', 'failed', 'verified', 'not_applicable');

CREATE TABLE "runbooks" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "schedule" TEXT,
    "builtin_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "runbooks_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "runbooks_slug_key" ON "runbooks"("slug");

CREATE TABLE "runbook_versions" (
    "id" UUID NOT NULL,
    "runbook_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" TEXT NOT NULL,
    CONSTRAINT "runbook_versions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "runbook_versions_runbook_id_version_key" ON "runbook_versions"("runbook_id", "version");
ALTER TABLE "runbook_versions" ADD CONSTRAINT "runbook_versions_runbook_id_fkey"
    FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "checklist_runs" (
    "id" UUID NOT NULL,
    "runbook_id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "incident_id" UUID,
    "service_id" UUID,
    "started_by_id" TEXT,
    "started_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),
    "schedule_occurrence" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "checklist_runs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "checklist_runs_incident_id_idx" ON "checklist_runs"("incident_id");
CREATE INDEX "checklist_runs_runbook_id_schedule_occurrence_idx" ON "checklist_runs"("runbook_id", "schedule_occurrence");
CREATE INDEX "checklist_runs_completed_at_idx" ON "checklist_runs"("completed_at");
ALTER TABLE "checklist_runs" ADD CONSTRAINT "checklist_runs_runbook_id_fkey"
    FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "checklist_runs" ADD CONSTRAINT "checklist_runs_version_id_fkey"
    FOREIGN KEY ("version_id") REFERENCES "runbook_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "checklist_runs" ADD CONSTRAINT "checklist_runs_incident_id_fkey"
    FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "checklist_runs" ADD CONSTRAINT "checklist_runs_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "checklist_step_states" (
    "run_id" UUID NOT NULL,
    "step_key" TEXT NOT NULL,
    "state" "ChecklistStepStatus" NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "link" TEXT,
    "branch" TEXT,
    "evidence" JSONB,
    "by_id" TEXT,
    "by" TEXT,
    "at" TIMESTAMPTZ(3),
    "overridden" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "checklist_step_states_pkey" PRIMARY KEY ("run_id", "step_key")
);
ALTER TABLE "checklist_step_states" ADD CONSTRAINT "checklist_step_states_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "checklist_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "checklist_run_events" (
    "id" BIGSERIAL NOT NULL,
    "run_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "step_key" TEXT,
    "state" "ChecklistStepStatus",
    "actor" TEXT NOT NULL,
    "actor_id" TEXT,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "checklist_run_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "checklist_run_events_run_id_at_idx" ON "checklist_run_events"("run_id", "at");
ALTER TABLE "checklist_run_events" ADD CONSTRAINT "checklist_run_events_run_id_fkey"
    FOREIGN KEY ("run_id") REFERENCES "checklist_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
