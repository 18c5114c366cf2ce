-- Guards on what must not disappear: the city's last administrator and an organisation's
-- last admin. The services check first and answer with a clear error; these triggers make
-- the database refuse whatever slips past them (a race, a script, a future code path).
--
-- Both are constraint triggers deferred to commit, so that a transaction may first appoint a
-- new administrator and then step down. Each takes an advisory transaction lock before it
-- counts: transactions that take the role away then commit one after the other, and as
-- READ COMMITTED gives every statement of the function a fresh snapshot, the second counts
-- after the first has committed. Two administrators demoting each other at once therefore
-- cannot both succeed.

-- "lkca" in ASCII: the lock that serialises the removal of city administrators.
CREATE FUNCTION users_keep_city_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(x'6c6b6361'::int, 0);
    IF NOT EXISTS (SELECT 1 FROM users WHERE city_admin) THEN
        RAISE EXCEPTION 'the last city administrator cannot be removed or demoted'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'users_last_city_admin';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER users_last_city_admin_update
    AFTER UPDATE OF city_admin ON users DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.city_admin AND NOT NEW.city_admin)
    EXECUTE FUNCTION users_keep_city_admin();

CREATE CONSTRAINT TRIGGER users_last_city_admin_delete
    AFTER DELETE ON users DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.city_admin)
    EXECUTE FUNCTION users_keep_city_admin();

-- "lkad" in ASCII, with the organisation: the lock that serialises the removal of one
-- organisation's admins. The person's erasure (their row deleted, the membership with it)
-- and the organisation's own deletion are allowed: erasure is a right, and a city
-- administrator can appoint a new admin.
CREATE FUNCTION memberships_keep_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(x'6c6b6164'::int, (OLD.organisation_id % 2147483647)::int);
    IF EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id)
       AND EXISTS (SELECT 1 FROM organisations WHERE id = OLD.organisation_id)
       AND NOT EXISTS (SELECT 1 FROM memberships WHERE organisation_id = OLD.organisation_id AND role = 'admin') THEN
        RAISE EXCEPTION 'the organisation''s last admin cannot be removed or demoted'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_last_admin';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER memberships_last_admin_update
    AFTER UPDATE ON memberships DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.role = 'admin' AND (NEW.role <> 'admin' OR NEW.organisation_id <> OLD.organisation_id))
    EXECUTE FUNCTION memberships_keep_admin();

CREATE CONSTRAINT TRIGGER memberships_last_admin_delete
    AFTER DELETE ON memberships DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.role = 'admin')
    EXECUTE FUNCTION memberships_keep_admin();
