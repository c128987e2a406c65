-- Every console instance keeps the staff accounts its sessions are checked against in memory. A
-- change that ends or alters sessions (role, name, disabled, sessions revoked, deleted), made by
-- any writer (a console, the create-admin command, plain SQL), is told to every instance on the
-- channel they listen to, as '<origin>|staff:<id>'.
CREATE FUNCTION "staas_staff_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('staas_invalidate', 'database----|staff:' || OLD.id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "staff_changed" AFTER UPDATE OF "role", "name", "disabled_at", "sessions_valid_after", "password_hash" OR DELETE ON "staff" FOR EACH ROW EXECUTE FUNCTION "staas_staff_changed"();
