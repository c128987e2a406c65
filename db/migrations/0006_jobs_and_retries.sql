CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"trigger" text NOT NULL,
	"started_by" text NOT NULL,
	"state" text NOT NULL,
	"progress" jsonb,
	"message" text,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"instance" text,
	"heartbeat_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "usage_objects" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "usage_objects" ADD COLUMN "failed_body_sha256" text;--> statement-breakpoint
CREATE INDEX "job_runs_kind" ON "job_runs" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "job_runs_state" ON "job_runs" USING btree ("state");--> statement-breakpoint
UPDATE "usage_objects" SET "status" = 'failing', "attempts" = 1 WHERE "status" = 'quarantined' AND "reason" IS DISTINCT FROM 'the name is not a statistics object name';
