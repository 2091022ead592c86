-- Hand-offs and notifications: outbound webhooks, their outbox of deliveries
-- with the log of attempts, the trigger that enqueues alert events, and
-- on-call hand-off notes.

CREATE TYPE "WebhookFormat" AS ENUM ('json', 'slack');
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

CREATE TABLE "webhooks" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" "WebhookFormat" NOT NULL DEFAULT 'json',
    "secret_enc" TEXT,
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "webhooks_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "webhook_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "webhook_id" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_http_status" INTEGER,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");
CREATE INDEX "webhook_deliveries_webhook_id_created_at_idx" ON "webhook_deliveries"("webhook_id", "created_at");
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_fkey"
    FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "webhook_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "http_status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_attempts_delivery_id_idx" ON "webhook_attempts"("delivery_id");
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey"
    FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "handoffs" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "team" TEXT,
    "escalation_contact" TEXT,
    "body" TEXT NOT NULL,
    "author_id" TEXT,
    "author" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "handoffs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "handoffs_created_at_idx" ON "handoffs"("created_at");

-- Alerts are written by the poller: the database enqueues their webhook
-- events, in the writer's transaction, so no writer can forget to.
CREATE FUNCTION "webhook_deliveries_from_alert"() RETURNS trigger AS $$
DECLARE
    ev TEXT;
    ev_at TIMESTAMPTZ(3);
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW."resolved_at" IS NOT NULL THEN
            RETURN NULL;
        END IF;
        ev := 'alert.opened';
        ev_at := NEW."opened_at";
    ELSIF OLD."resolved_at" IS NULL AND NEW."resolved_at" IS NOT NULL THEN
        ev := 'alert.resolved';
        ev_at := NEW."resolved_at";
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO "webhook_deliveries" ("webhook_id", "event", "payload")
    SELECT w."id", ev,
           jsonb_build_object(
               'event', ev,
               'at', to_char(ev_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'incident', NULL,
               'data', jsonb_build_object(
                   'alert', jsonb_build_object('id', NEW."id", 'key', NEW."key", 'level', NEW."level", 'peakLevel', NEW."peak_level",
                                               'message', NEW."message", 'value', NEW."value", 'threshold', NEW."threshold",
                                               'endpointId', NEW."endpoint_id"),
                   'service', jsonb_build_object('id', sv."id", 'name', sv."name", 'environment', sv."environment",
                                                 'url', '/services/' || sv."id")))
    FROM "webhooks" w
    JOIN "services" sv ON sv."id" = NEW."service_id"
    WHERE w."enabled" AND ev = ANY (w."events");
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "alerts_webhook_deliveries" AFTER INSERT OR UPDATE OF "resolved_at" ON "alerts"
    FOR EACH ROW EXECUTE FUNCTION "webhook_deliveries_from_alert"();
