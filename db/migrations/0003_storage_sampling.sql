CREATE TABLE "storage_daily" (
	"day" date NOT NULL,
	"bucket" text NOT NULL,
	"epoch" bigint NOT NULL,
	"owner_id" text NOT NULL,
	"byte_seconds" numeric(40, 0) NOT NULL,
	CONSTRAINT "storage_daily_day_bucket_epoch_pk" PRIMARY KEY("day","bucket","epoch")
);
--> statement-breakpoint
CREATE TABLE "storage_rounds" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"buckets" integer NOT NULL,
	CONSTRAINT "storage_rounds_at_unique" UNIQUE("at")
);
--> statement-breakpoint
CREATE TABLE "storage_samples" (
	"round_id" bigint NOT NULL,
	"bucket" text NOT NULL,
	"epoch" bigint NOT NULL,
	"owner_id" text NOT NULL,
	"size" bigint NOT NULL,
	"h_integral" numeric(40, 0) NOT NULL,
	"hmax" numeric(40, 0) NOT NULL,
	CONSTRAINT "storage_samples_round_id_bucket_epoch_pk" PRIMARY KEY("round_id","bucket","epoch")
);
--> statement-breakpoint
ALTER TABLE "storage_samples" ADD CONSTRAINT "storage_samples_round_id_storage_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."storage_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "storage_daily_owner" ON "storage_daily" USING btree ("owner_id","day");--> statement-breakpoint
CREATE INDEX "storage_daily_bucket" ON "storage_daily" USING btree ("bucket","epoch","day");--> statement-breakpoint
CREATE INDEX "storage_samples_bucket" ON "storage_samples" USING btree ("bucket","epoch");--> statement-breakpoint
CREATE INDEX "usage_items_start" ON "usage_items" USING btree ("start_at");