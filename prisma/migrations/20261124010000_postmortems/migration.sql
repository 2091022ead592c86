-- Postmortems: one per incident, drafted from its record, with review
-- comments and action items; a `postmortem` event type for the timeline.

ALTER TYPE "IncidentEventType" ADD VALUE 'postmortem';

CREATE TYPE "PostmortemStatus" AS ENUM ('draft', 'in_review', 'approved');
CREATE TYPE "ActionItemStatus" AS ENUM ('open', 'in_progress', 'done', 'wont_do');

CREATE TABLE "postmortems" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "status" "PostmortemStatus" NOT NULL DEFAULT 'draft',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "draft" JSONB NOT NULL DEFAULT '{}',
    "summary" TEXT NOT NULL DEFAULT '',
    "root_cause" TEXT NOT NULL DEFAULT '',
    "contributing_factors" TEXT NOT NULL DEFAULT '',
    "went_well" TEXT NOT NULL DEFAULT '',
    "went_badly" TEXT NOT NULL DEFAULT '',
    "got_lucky" TEXT NOT NULL DEFAULT '',
    "lessons" TEXT NOT NULL DEFAULT '',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3),
    "submitted_by" TEXT,
    "approved_at" TIMESTAMPTZ(3),
    "approved_by_id" TEXT,
    "approved_by" TEXT,
    CONSTRAINT "postmortems_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "postmortems_incident_id_key" ON "postmortems"("incident_id");
CREATE INDEX "postmortems_status_due_at_idx" ON "postmortems"("status", "due_at");
ALTER TABLE "postmortems" ADD CONSTRAINT "postmortems_incident_id_fkey"
    FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "postmortem_comments" (
    "id" UUID NOT NULL,
    "postmortem_id" UUID NOT NULL,
    "section" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author_id" TEXT,
    "author" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "postmortem_comments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "postmortem_comments_postmortem_id_at_idx" ON "postmortem_comments"("postmortem_id", "at");
ALTER TABLE "postmortem_comments" ADD CONSTRAINT "postmortem_comments_postmortem_id_fkey"
    FOREIGN KEY ("postmortem_id") REFERENCES "postmortems"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "action_items" (
    "id" UUID NOT NULL,
    "postmortem_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "owner_id" UUID,
    "due_date" DATE,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'open',
    "link" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    CONSTRAINT "action_items_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "action_items_postmortem_id_idx" ON "action_items"("postmortem_id");
CREATE INDEX "action_items_owner_id_idx" ON "action_items"("owner_id");
CREATE INDEX "action_items_status_due_date_idx" ON "action_items"("status", "due_date");
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_postmortem_id_fkey"
    FOREIGN KEY ("postmortem_id") REFERENCES "postmortems"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_id_fkey"
    FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
