/**
 * A schema exercising what the real one will grow into (composite primary
 * keys, multi-column uniques, Float/Int/BigInt/Decimal/Json/Bytes, String[]
 * and enum[] lists, mapped enums and values, custom constraint names,
 * implicit many-to-many, self relations, identifiers Prisma truncates), and
 * the SQL Prisma Migrate generates for it on PostgreSQL. The comparer must
 * find no difference between the two: that proves it understands Prisma's
 * conventions beyond the models the project has today.
 */
export const FIXTURE_SCHEMA = `
datasource db {
  provider = "postgresql"
}

enum Severity {
  info
  warning
  critical @map("CRITICAL")

  @@map("severity")
}

model Service {
  id        Int        @id @default(autoincrement())
  slug      String     @unique @db.VarChar(64)
  name      String
  weight    Float      @default(1.5)
  budget    Decimal?   @db.Decimal(10, 2)
  price     Decimal    @default(0)
  meta      Json       @default("{}")
  tags      String[]   @default([])
  levels    Severity[] @default([info, critical])
  severity  Severity   @default(critical)
  isActive  Boolean    @default(true) @map("is_active")
  hits      BigInt     @default(0)
  retries   Int        @default(-1)
  createdAt DateTime   @default(now()) @map("created_at")
  checkedAt DateTime?  @map("checked_at") @db.Timestamptz(6)
  note      String     @default("it's")
  blob      Bytes?
  ownerId   String?    @map("owner_id") @db.Uuid
  owner     Owner?     @relation(fields: [ownerId], references: [id])
  windows   MaintenanceWindow[]
  labels    Label[]
  entries   AuditTrailEntryWithAnExtremelyLongName[]

  @@index([name, createdAt(sort: Desc)])
  @@index([meta], type: Gin)
  @@map("services")
}

model Owner {
  id       String    @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  email    String
  tenant   Int
  services Service[]

  @@unique([tenant, email])
  @@map("owners")
}

model MaintenanceWindow {
  serviceId Int      @map("service_id")
  startsAt  DateTime @map("starts_at") @db.Timestamptz(3)
  endsAt    DateTime @map("ends_at") @db.Timestamptz(3)
  reason    String?
  service   Service  @relation(fields: [serviceId], references: [id], onDelete: Cascade, onUpdate: NoAction, map: "mw_service_fk")

  @@id([serviceId, startsAt])
  @@unique([serviceId, endsAt], map: "mw_service_end_unique")
  @@map("maintenance_windows")
}

model Label {
  id       Int       @id @default(autoincrement())
  name     String    @unique
  services Service[]
}

model AuditTrailEntryWithAnExtremelyLongName {
  id                          Int     @id @default(autoincrement())
  serviceId                   Int     @map("service_id")
  someRatherLongColumnName    Int     @map("some_rather_long_column_name")
  anotherRatherLongColumnName Int     @map("another_rather_long_column_name")
  parentIdentifierOfTheEntry  Int?    @map("parent_identifier_of_the_entry")
  service                     Service @relation(fields: [serviceId], references: [id])
  parent                      AuditTrailEntryWithAnExtremelyLongName?  @relation("EntryTree", fields: [parentIdentifierOfTheEntry], references: [id])
  children                    AuditTrailEntryWithAnExtremelyLongName[] @relation("EntryTree")

  @@index([someRatherLongColumnName, anotherRatherLongColumnName])
}
`;

/** What \`prisma migrate diff --from-empty --to-schema\` produces for FIXTURE_SCHEMA (Prisma 6/7 conventions). */
export const FIXTURE_SQL = `
-- CreateEnum
CREATE TYPE "severity" AS ENUM ('info', 'warning', 'CRITICAL');

-- CreateTable
CREATE TABLE "services" (
    "id" SERIAL NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "name" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "budget" DECIMAL(10,2),
    "price" DECIMAL(65,30) NOT NULL DEFAULT 0,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "levels" "severity"[] DEFAULT ARRAY['info', 'CRITICAL']::"severity"[],
    "severity" "severity" NOT NULL DEFAULT 'CRITICAL',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "hits" BIGINT NOT NULL DEFAULT 0,
    "retries" INTEGER NOT NULL DEFAULT -1,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checked_at" TIMESTAMPTZ(6),
    "note" TEXT NOT NULL DEFAULT 'it''s',
    "blob" BYTEA,
    "owner_id" UUID,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "owners" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "tenant" INTEGER NOT NULL,

    CONSTRAINT "owners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_windows" (
    "service_id" INTEGER NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,

    CONSTRAINT "maintenance_windows_pkey" PRIMARY KEY ("service_id","starts_at")
);

-- CreateTable
CREATE TABLE "Label" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Label_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditTrailEntryWithAnExtremelyLongName" (
    "id" SERIAL NOT NULL,
    "service_id" INTEGER NOT NULL,
    "some_rather_long_column_name" INTEGER NOT NULL,
    "another_rather_long_column_name" INTEGER NOT NULL,
    "parent_identifier_of_the_entry" INTEGER,

    CONSTRAINT "AuditTrailEntryWithAnExtremelyLongName_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_LabelToService" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL,

    CONSTRAINT "_LabelToService_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "services_slug_key" ON "services"("slug");

-- CreateIndex
CREATE INDEX "services_name_created_at_idx" ON "services"("name", "created_at" DESC);

-- CreateIndex
CREATE INDEX "services_meta_idx" ON "services" USING GIN ("meta");

-- CreateIndex
CREATE UNIQUE INDEX "owners_tenant_email_key" ON "owners"("tenant", "email");

-- CreateIndex
CREATE UNIQUE INDEX "mw_service_end_unique" ON "maintenance_windows"("service_id", "ends_at");

-- CreateIndex
CREATE UNIQUE INDEX "Label_name_key" ON "Label"("name");

-- CreateIndex
CREATE INDEX "AuditTrailEntryWithAnExtremelyLongName_some_rather_long_col_idx" ON "AuditTrailEntryWithAnExtremelyLongName"("some_rather_long_column_name", "another_rather_long_column_name");

-- CreateIndex
CREATE INDEX "_LabelToService_B_index" ON "_LabelToService"("B");

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "owners"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "mw_service_fk" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "AuditTrailEntryWithAnExtremelyLongName" ADD CONSTRAINT "AuditTrailEntryWithAnExtremelyLongName_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditTrailEntryWithAnExtremelyLongName" ADD CONSTRAINT "AuditTrailEntryWithAnExtremelyLongName_parent_identifier_o_fkey" FOREIGN KEY ("parent_identifier_of_the_entry") REFERENCES "AuditTrailEntryWithAnExtremelyLongName"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_LabelToService" ADD CONSTRAINT "_LabelToService_A_fkey" FOREIGN KEY ("A") REFERENCES "Label"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_LabelToService" ADD CONSTRAINT "_LabelToService_B_fkey" FOREIGN KEY ("B") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
`;
