-- A hub's type (STATIC or DYNAMIC) is fixed when it is created (SoftEther: "the type cannot be
-- changed"). The repository refuses a change; this trigger makes the database refuse it too, so
-- that no other writer can break the rule. Creating a trigger needs the TRIGGER privilege (and on
-- MySQL with binary logging, log_bin_trust_function_creators=1): see docs/architecture.md.
DELIMITER //
CREATE TRIGGER hubs_type_fixed_at_creation BEFORE UPDATE ON hubs
FOR EACH ROW
BEGIN
    IF NEW.hub_type <> OLD.hub_type THEN
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'hub type is fixed at creation';
    END IF;
END//
DELIMITER ;
