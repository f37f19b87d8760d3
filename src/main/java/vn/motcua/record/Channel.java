package vn.motcua.record;

import java.util.Optional;

/** How an application reached the unit (kênh nộp hồ sơ). */
public enum Channel {
    IN_PERSON(1), ONLINE(2), POSTAL(3);

    private final int code;

    Channel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<Channel> ofCode(int code) {
        for (Channel channel : values()) {
            if (channel.code == code) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
