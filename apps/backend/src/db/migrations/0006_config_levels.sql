ALTER TABLE "tenancies" ADD COLUMN "branch_config_override" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenancies" ADD COLUMN "environment_config_override" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tenancies" ADD COLUMN "config_source" jsonb DEFAULT '{"type":"unlinked"}'::jsonb NOT NULL;--> statement-breakpoint
-- Settings written before the config had levels were all environment settings (domains, the email server,
-- OAuth credentials among them): they move to the main branch's environment level.
UPDATE "tenancies" SET "environment_config_override" = "projects"."config_override"
FROM "projects" WHERE "tenancies"."project_id" = "projects"."id" AND "tenancies"."branch_id" = 'main';--> statement-breakpoint
UPDATE "projects" SET "config_override" = '{}'::jsonb;
