-- The audit log is append-only: no entry may be deleted or rewritten. The one change allowed is
-- the foreign keys' ON DELETE SET NULL (an organisation or a user is deleted; their entries stay).
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'AuditLog is append-only: entries cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.id = OLD.id
     AND NEW."actorKind" = OLD."actorKind"
     AND NEW.action = OLD.action
     AND NEW."targetType" = OLD."targetType"
     AND NEW."targetId" = OLD."targetId"
     AND NEW.data IS NOT DISTINCT FROM OLD.data
     AND NEW.ip IS NOT DISTINCT FROM OLD.ip
     AND NEW."createdAt" = OLD."createdAt"
     AND (NEW."organizationId" IS NOT DISTINCT FROM OLD."organizationId" OR NEW."organizationId" IS NULL)
     AND (NEW."actorId" IS NOT DISTINCT FROM OLD."actorId" OR NEW."actorId" IS NULL) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditLog is append-only: entries cannot be changed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
