package vn.motcua.security;

import java.util.Locale;
import java.util.Optional;

/** The roles a unit's staff work in; the second half of a {@code <unit>:<role>} group id. */
public enum Role {
    /** Cán bộ một cửa: receives records and returns results. */
    CLERK,
    /** Chuyên viên: appraises records. */
    SPECIALIST,
    /** Lãnh đạo: approves and signs; receives escalations. */
    LEADER,
    /** Văn thư: numbers and seals issued documents. */
    RECORDS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromId(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
