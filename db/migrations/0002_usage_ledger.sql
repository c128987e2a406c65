CREATE TABLE "usage_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"object_name" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"bucket" text NOT NULL,
	"epoch" bigint NOT NULL,
	"user_id" text NOT NULL,
	"tag" text NOT NULL,
	"ops_put" bigint NOT NULL,
	"ops_get" bigint NOT NULL,
	"ops_list" bigint NOT NULL,
	"ops_other" bigint NOT NULL,
	"bytes_uploaded" bigint NOT NULL,
	"bytes_downloaded" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_objects" (
	"name" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"nominal_period" integer NOT NULL,
	"period" integer,
	"items" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"collected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "usage_items" ADD CONSTRAINT "usage_items_object_name_usage_objects_name_fk" FOREIGN KEY ("object_name") REFERENCES "public"."usage_objects"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_items_user" ON "usage_items" USING btree ("user_id","start_at");--> statement-breakpoint
CREATE INDEX "usage_items_bucket" ON "usage_items" USING btree ("bucket","epoch","start_at");--> statement-breakpoint
CREATE INDEX "usage_items_object" ON "usage_items" USING btree ("object_name");