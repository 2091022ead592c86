-- On-call dashboard: deploys reported by pipelines and a log of status changes.

CREATE TABLE "change_events" (
    "id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'deploy',
    "environment" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "description" TEXT,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "change_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "change_events_service_id_at_idx" ON "change_events"("service_id", "at");
CREATE INDEX "change_events_at_idx" ON "change_events"("at");
ALTER TABLE "change_events" ADD CONSTRAINT "change_events_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "status_changes" (
    "id" BIGSERIAL NOT NULL,
    "service_id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "kind" "EndpointKind" NOT NULL,
    "from_status" "ProbeStatus" NOT NULL,
    "to_status" "ProbeStatus" NOT NULL,
    "error" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "status_changes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "status_changes_service_id_at_idx" ON "status_changes"("service_id", "at");
CREATE INDEX "status_changes_at_idx" ON "status_changes"("at");
ALTER TABLE "status_changes" ADD CONSTRAINT "status_changes_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recorded by the database itself, so that every path that changes a status
-- (the poller, a catalog reset) leaves a trace, and none can forget to.
CREATE FUNCTION "endpoints_log_status_change"() RETURNS trigger AS $$
BEGIN
    INSERT INTO "status_changes" ("service_id", "endpoint_id", "kind", "from_status", "to_status", "error", "at")
    VALUES (NEW."service_id", NEW."id", NEW."kind", OLD."status", NEW."status", NEW."last_error",
            COALESCE(NEW."status_changed_at", CURRENT_TIMESTAMP));
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "endpoints_status_change" AFTER UPDATE OF "status" ON "endpoints"
    FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
    EXECUTE FUNCTION "endpoints_log_status_change"();
