-- The items of collected objects move from a row per item to a row per object, each counter a
-- column of arrays (see lib/db/schema.ts, usageItemSets): storing them was the collector's bound.
-- What was stored is kept as it was, item by item in the order it was stored, and the view
-- usage_items shows it a row an item as before.
CREATE TABLE "usage_item_sets" (
	"object_name" text NOT NULL,
	"part" integer NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"buckets" text[] NOT NULL,
	"epochs" bigint[] NOT NULL,
	"user_ids" text[] NOT NULL,
	"tags" text[] NOT NULL,
	"ops_put" bigint[] NOT NULL,
	"ops_get" bigint[] NOT NULL,
	"ops_list" bigint[] NOT NULL,
	"ops_other" bigint[] NOT NULL,
	"bytes_uploaded" bigint[] NOT NULL,
	"bytes_downloaded" bigint[] NOT NULL,
	CONSTRAINT "usage_item_sets_object_name_part_pk" PRIMARY KEY("object_name","part"),
	CONSTRAINT "usage_item_sets_aligned" CHECK (cardinality("usage_item_sets"."buckets") > 0 and cardinality("usage_item_sets"."epochs") = cardinality("usage_item_sets"."buckets") and cardinality("usage_item_sets"."user_ids") = cardinality("usage_item_sets"."buckets")
        and cardinality("usage_item_sets"."tags") = cardinality("usage_item_sets"."buckets") and cardinality("usage_item_sets"."ops_put") = cardinality("usage_item_sets"."buckets") and cardinality("usage_item_sets"."ops_get") = cardinality("usage_item_sets"."buckets")
        and cardinality("usage_item_sets"."ops_list") = cardinality("usage_item_sets"."buckets") and cardinality("usage_item_sets"."ops_other") = cardinality("usage_item_sets"."buckets")
        and cardinality("usage_item_sets"."bytes_uploaded") = cardinality("usage_item_sets"."buckets") and cardinality("usage_item_sets"."bytes_downloaded") = cardinality("usage_item_sets"."buckets"))
);
--> statement-breakpoint
ALTER TABLE "usage_item_sets" ADD CONSTRAINT "usage_item_sets_object_name_usage_objects_name_fk" FOREIGN KEY ("object_name") REFERENCES "public"."usage_objects"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_item_sets_start" ON "usage_item_sets" USING btree ("start_at");--> statement-breakpoint
INSERT INTO "usage_item_sets" ("object_name", "part", "start_at", "buckets", "epochs", "user_ids", "tags", "ops_put", "ops_get", "ops_list", "ops_other", "bytes_uploaded", "bytes_downloaded")
SELECT "object_name", (row_number() OVER (PARTITION BY "object_name" ORDER BY "start_at") - 1)::integer, "start_at",
       array_agg("bucket" ORDER BY "id"), array_agg("epoch" ORDER BY "id"), array_agg("user_id" ORDER BY "id"), array_agg("tag" ORDER BY "id"),
       array_agg("ops_put" ORDER BY "id"), array_agg("ops_get" ORDER BY "id"), array_agg("ops_list" ORDER BY "id"), array_agg("ops_other" ORDER BY "id"),
       array_agg("bytes_uploaded" ORDER BY "id"), array_agg("bytes_downloaded" ORDER BY "id")
FROM "usage_items" GROUP BY "object_name", "start_at";--> statement-breakpoint
DROP TABLE "usage_items";--> statement-breakpoint
CREATE VIEW "usage_items" AS
SELECT s."object_name", s."start_at", i."bucket", i."epoch", i."user_id", i."tag", i."ops_put", i."ops_get", i."ops_list", i."ops_other", i."bytes_uploaded", i."bytes_downloaded"
FROM "usage_item_sets" s
CROSS JOIN LATERAL unnest(s."buckets", s."epochs", s."user_ids", s."tags", s."ops_put", s."ops_get", s."ops_list", s."ops_other", s."bytes_uploaded", s."bytes_downloaded")
  AS i("bucket", "epoch", "user_id", "tag", "ops_put", "ops_get", "ops_list", "ops_other", "bytes_uploaded", "bytes_downloaded");
