CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"user_quota_gb" integer DEFAULT 0 NOT NULL,
	"bucket_quota_gb" integer DEFAULT 0 NOT NULL,
	"ops_default" double precision DEFAULT 0 NOT NULL,
	"ops_get" double precision DEFAULT 0 NOT NULL,
	"ops_put" double precision DEFAULT 0 NOT NULL,
	"ops_list" double precision DEFAULT 0 NOT NULL,
	"ops_delete" double precision DEFAULT 0 NOT NULL,
	"bandwidth_out" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "user_plans" (
	"user_id" text PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" text NOT NULL,
	"steps" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_plans" ADD CONSTRAINT "user_plans_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_plans_plan" ON "user_plans" USING btree ("plan_id");