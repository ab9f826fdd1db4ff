package io.chitchat.client;

/**
 * The optional parts of a {@code join}: a password, the recovery point ({@code since} and {@code epoch}) and a
 * resume token. Start from {@link #none()} and add what is needed:
 * <pre>{@code
 * client.join("team-blue", "ada", JoinOptions.none().withSince(room.lastSeq(), room.epoch()).withResume(room.resume()));
 * }</pre>
 *
 * @param password the room's password, or null
 * @param since the last {@code seq} seen in the room, or null
 * @param epoch the room's {@code epoch} when {@code since} was seen, or null
 * @param resume a resume token from an earlier {@code joined} of the room, or null
 */
public record JoinOptions(String password, Long since, String epoch, String resume) {
    private static final JoinOptions NONE = new JoinOptions(null, null, null, null);

    public JoinOptions {
        if (since != null && since < 0) {
            throw new IllegalArgumentException("since must not be negative, was " + since);
        }
        if (epoch != null && since == null) {
            throw new IllegalArgumentException("epoch is only meaningful with since");
        }
    }

    /** No password, no recovery, no resume. */
    public static JoinOptions none() {
        return NONE;
    }

    /** A copy with the given password (null: none). */
    public JoinOptions withPassword(String newPassword) {
        return new JoinOptions(newPassword, since, epoch, resume);
    }

    /** A copy that recovers the entries after {@code lastSeq} of the room's run {@code roomEpoch} (null: any). */
    public JoinOptions withSince(long lastSeq, String roomEpoch) {
        return new JoinOptions(password, lastSeq, roomEpoch, resume);
    }

    /** A copy with the given resume token (null: none). */
    public JoinOptions withResume(String token) {
        return new JoinOptions(password, since, epoch, token);
    }

    @Override
    public String toString() {
        // never print secrets
        return "JoinOptions[password=" + (password == null ? "none" : "***") + ", since=" + since + ", epoch="
                + epoch + ", resume=" + (resume == null ? "none" : "***") + "]";
    }
}
