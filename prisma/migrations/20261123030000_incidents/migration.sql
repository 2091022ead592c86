-- Incidents: the severity policy (seeded with the defaults), incidents with
-- their services and responders, and the append-only timeline.

CREATE TYPE "IncidentSeverity" AS ENUM ('P1', 'P2', 'P3');
CREATE TYPE "IncidentStatus" AS ENUM ('investigating', 'identified', 'mitigated', 'resolved', 'closed');
CREATE TYPE "IncidentEventType" AS ENUM ('declared', 'status', 'severity', 'role', 'acknowledged', 'note', 'update', 'correction', 'alert_opened', 'alert_resolved', 'deploy');

CREATE TABLE "severity_levels" (
    "level" "IncidentSeverity" NOT NULL,
    "rank" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "criteria" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "response_minutes" INTEGER,
    "response_text" TEXT NOT NULL,
    "escalate_after_minutes" INTEGER,
    "postmortem_required" BOOLEAN NOT NULL DEFAULT false,
    "postmortem_due_business_days" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "severity_levels_pkey" PRIMARY KEY ("level")
);
CREATE UNIQUE INDEX "severity_levels_rank_key" ON "severity_levels"("rank");

CREATE TABLE "incidents" (
    "id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "severity" "IncidentSeverity" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'investigating',
    "idempotency_key" TEXT,
    "declared_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "declared_by_id" TEXT,
    "declared_by" TEXT NOT NULL,
    "severity_set_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "identified_at" TIMESTAMPTZ(3),
    "mitigated_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "closed_at" TIMESTAMPTZ(3),
    "commander_id" UUID,
    "communications_lead_id" UUID,
    "scribe_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "incidents_number_key" ON "incidents"("number");
CREATE UNIQUE INDEX "incidents_idempotency_key_key" ON "incidents"("idempotency_key");
CREATE INDEX "incidents_status_declared_at_idx" ON "incidents"("status", "declared_at");
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_commander_id_fkey"
    FOREIGN KEY ("commander_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_communications_lead_id_fkey"
    FOREIGN KEY ("communications_lead_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_scribe_id_fkey"
    FOREIGN KEY ("scribe_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "incident_services" (
    "incident_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "incident_services_pkey" PRIMARY KEY ("incident_id", "service_id")
);
CREATE INDEX "incident_services_service_id_idx" ON "incident_services"("service_id");
ALTER TABLE "incident_services" ADD CONSTRAINT "incident_services_incident_id_fkey"
    FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident_services" ADD CONSTRAINT "incident_services_service_id_fkey"
    FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "incident_responders" (
    "incident_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "incident_responders_pkey" PRIMARY KEY ("incident_id", "user_id")
);
CREATE INDEX "incident_responders_user_id_idx" ON "incident_responders"("user_id");
ALTER TABLE "incident_responders" ADD CONSTRAINT "incident_responders_incident_id_fkey"
    FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "incident_responders" ADD CONSTRAINT "incident_responders_user_id_fkey"
    FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "incident_events" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" "IncidentEventType" NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_id" TEXT,
    "body" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "corrects_id" BIGINT,
    CONSTRAINT "incident_events_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "incident_events_incident_id_at_idx" ON "incident_events"("incident_id", "at");
CREATE INDEX "incident_events_corrects_id_idx" ON "incident_events"("corrects_id");
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_incident_id_fkey"
    FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "incident_events" ADD CONSTRAINT "incident_events_corrects_id_fkey"
    FOREIGN KEY ("corrects_id") REFERENCES "incident_events"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The timeline is evidence: nothing in it is deleted or rewritten. Only the
-- `pinned` flag may change; a correction is a new event referencing the original.
CREATE FUNCTION "incident_events_append_only"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'incident_events is append-only (DELETE refused)';
    END IF;
    IF (NEW."id", NEW."incident_id", NEW."at", NEW."type", NEW."actor", NEW."actor_id", NEW."body", NEW."data", NEW."corrects_id")
       IS DISTINCT FROM
       (OLD."id", OLD."incident_id", OLD."at", OLD."type", OLD."actor", OLD."actor_id", OLD."body", OLD."data", OLD."corrects_id") THEN
        RAISE EXCEPTION 'incident_events is append-only (only "pinned" may change)';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "incident_events_no_rewrite" BEFORE UPDATE OR DELETE ON "incident_events"
    FOR EACH ROW EXECUTE FUNCTION "incident_events_append_only"();

-- Alerts opening and resolving, and deploys, of a service that an open
-- incident covers go on that incident's timeline. Written by the database so
-- that every writer (the poller, the deploys API, a script) leaves the trace
-- and none can forget to.
CREATE FUNCTION "incident_events_from_alert"() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO "incident_events" ("incident_id", "at", "type", "actor", "body", "data")
        SELECT i."id", NEW."opened_at", 'alert_opened', 'system',
               format('%s alert opened on %s (%s): %s', NEW."level", sv."name", sv."environment", NEW."message"),
               jsonb_build_object('alertId', NEW."id", 'serviceId', NEW."service_id", 'endpointId', NEW."endpoint_id",
                                  'key', NEW."key", 'level', NEW."level", 'message', NEW."message")
        FROM "incident_services" s
        JOIN "incidents" i ON i."id" = s."incident_id"
        JOIN "services" sv ON sv."id" = s."service_id"
        WHERE s."service_id" = NEW."service_id" AND i."status" NOT IN ('resolved', 'closed');
    ELSIF OLD."resolved_at" IS NULL AND NEW."resolved_at" IS NOT NULL THEN
        INSERT INTO "incident_events" ("incident_id", "at", "type", "actor", "body", "data")
        SELECT i."id", NEW."resolved_at", 'alert_resolved', 'system',
               format('Alert resolved on %s (%s): %s', sv."name", sv."environment", NEW."message"),
               jsonb_build_object('alertId', NEW."id", 'serviceId', NEW."service_id", 'endpointId', NEW."endpoint_id",
                                  'key', NEW."key", 'level', NEW."peak_level", 'message', NEW."message")
        FROM "incident_services" s
        JOIN "incidents" i ON i."id" = s."incident_id"
        JOIN "services" sv ON sv."id" = s."service_id"
        WHERE s."service_id" = NEW."service_id" AND i."status" NOT IN ('resolved', 'closed');
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "alerts_incident_events" AFTER INSERT OR UPDATE OF "resolved_at" ON "alerts"
    FOR EACH ROW EXECUTE FUNCTION "incident_events_from_alert"();

CREATE FUNCTION "incident_events_from_change"() RETURNS trigger AS $$
BEGIN
    INSERT INTO "incident_events" ("incident_id", "at", "type", "actor", "body", "data")
    SELECT i."id", NEW."at", 'deploy', 'system',
           format('%s %s of %s (%s) by %s%s', NEW."kind", NEW."version", sv."name", NEW."environment", NEW."actor",
                  CASE WHEN NEW."description" IS NULL THEN '' ELSE ': ' || NEW."description" END),
           jsonb_build_object('changeId', NEW."id", 'serviceId', NEW."service_id", 'kind', NEW."kind",
                              'version', NEW."version", 'environment', NEW."environment", 'by', NEW."actor")
    FROM "incident_services" s
    JOIN "incidents" i ON i."id" = s."incident_id"
    JOIN "services" sv ON sv."id" = s."service_id"
    WHERE s."service_id" = NEW."service_id" AND i."status" NOT IN ('resolved', 'closed');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "change_events_incident_events" AFTER INSERT ON "change_events"
    FOR EACH ROW EXECUTE FUNCTION "incident_events_from_change"();

-- The default policy, from the reference runbooks' severity table.
INSERT INTO "severity_levels"
    ("level", "rank", "name", "criteria", "question", "response_minutes", "response_text", "escalate_after_minutes", "postmortem_required", "postmortem_due_business_days")
VALUES
    ('P1', 1, 'Critical',
     'The service is down for everyone: every request, or nearly every one, fails.',
     'Is the service unusable for everyone: do all (or nearly all) requests fail?',
     0, 'Immediately', 15, true, 5),
    ('P2', 2, 'Major',
     'Users feel it: more than 5 % of requests fail, or responses take longer than 5 seconds.',
     'Do more than 5 % of requests fail, or do responses take longer than 5 seconds?',
     15, 'Within 15 minutes', 60, false, NULL),
    ('P3', 3, 'Minor',
     'A resource threshold (CPU, memory, disk) is breached before users notice anything.',
     'Has a resource (CPU, memory or disk) crossed its threshold, while users are not affected yet?',
     NULL, 'Next business day', NULL, false, NULL);
