-- Every console instance keeps the plans and who is on which (what the users list shows beside
-- each user) in memory. Any statement that changes either table, whoever runs it (a console, a
-- plan job, plain SQL), tells every instance on the channel they listen to, as '<origin>|plans'.
-- Once per statement: a job that records drift for many users sends one notice per statement.
CREATE FUNCTION "staas_plans_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('staas_invalidate', 'database----|plans');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "plans_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "plans" FOR EACH STATEMENT EXECUTE FUNCTION "staas_plans_changed"();
--> statement-breakpoint
CREATE TRIGGER "user_plans_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user_plans" FOR EACH STATEMENT EXECUTE FUNCTION "staas_plans_changed"();
