CREATE TABLE "usage_daily" (
	"day" date NOT NULL,
	"bucket" text NOT NULL,
	"epoch" bigint NOT NULL,
	"user_id" text NOT NULL,
	"ops_put" numeric(40, 0) NOT NULL,
	"ops_get" numeric(40, 0) NOT NULL,
	"ops_list" numeric(40, 0) NOT NULL,
	"ops_other" numeric(40, 0) NOT NULL,
	"bytes_uploaded" numeric(40, 0) NOT NULL,
	"bytes_downloaded" numeric(40, 0) NOT NULL,
	CONSTRAINT "usage_daily_day_bucket_epoch_user_id_pk" PRIMARY KEY("day","bucket","epoch","user_id")
);
--> statement-breakpoint
CREATE INDEX "usage_daily_user" ON "usage_daily" USING btree ("user_id","day");--> statement-breakpoint
CREATE INDEX "usage_daily_day" ON "usage_daily" USING btree ("day");--> statement-breakpoint
INSERT INTO "usage_daily" ("day", "bucket", "epoch", "user_id", "ops_put", "ops_get", "ops_list", "ops_other", "bytes_uploaded", "bytes_downloaded")
SELECT ("start_at" AT TIME ZONE 'UTC')::date, "bucket", "epoch", "user_id", sum("ops_put"), sum("ops_get"), sum("ops_list"), sum("ops_other"), sum("bytes_uploaded"), sum("bytes_downloaded")
FROM "usage_items" GROUP BY 1, 2, 3, 4;
