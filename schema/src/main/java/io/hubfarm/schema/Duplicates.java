package io.hubfarm.schema;

import java.sql.SQLException;

/** Recognises a unique-key violation, which MySQL and MariaDB both report as error 1062. */
public final class Duplicates {
    private static final int ER_DUP_ENTRY = 1062;

    private Duplicates() {
    }

    public static boolean isDuplicateKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException e && (e.getErrorCode() == ER_DUP_ENTRY
                    || (e.getErrorCode() == 0 && "23000".equals(e.getSQLState())))) {
                return true;
            }
        }
        return false;
    }
}
