package io.chitchat;

import java.time.Duration;

/**
 * Every limit and timing of an engine, immutable, validated by {@link ChitChatBuilder#build()}. The defaults are
 * the values documented in {@code docs/configuration.md}.
 *
 * @param maxRooms rooms in total (default 10,000)
 * @param maxMembersPerRoom members of one room (default 1,000)
 * @param maxRoomsPerConnection rooms one connection may be a member of at once (default 16)
 * @param maxConnectionsPerAddress open connections from one remote address (default 1,000)
 * @param maxTextLength code points of a message text (default 4,000)
 * @param maxFrameBytes bytes of a frame from a client; over it the transport closes with 1009 (default 65,536)
 * @param historyRetention entries retained per room (default 200)
 * @param joinHistory entries carried by {@code joined} without {@code since} (default 50)
 * @param emptyRoomTtl how long an empty room lives before it is removed (default 60 s)
 * @param gracePeriod how long a dropped connection keeps its memberships (default 10 s)
 * @param resumeTokenTtl how long a resume token is valid (default 24 h)
 * @param sendRate messages a member may send per second, sustained (default 10)
 * @param sendBurst messages a member may send in a burst (default 20)
 * @param typingInterval minimum time between two re-broadcast typing notices of a member (default 2 s)
 * @param presenceInterval minimum time between two presence diffs of a room (default 100 ms)
 * @param outboundMaxBytes bytes queued to one connection before it is closed with 4001 (default 4 MiB)
 * @param outboundMaxFrames frames queued to one connection before it is closed with 4001 (default 4,096)
 * @param idleTimeout a connection with no traffic for this long is closed (transports; default 120 s)
 * @param pingInterval transports ping an idle connection this often (default 30 s)
 * @param maxPendingRequests requests of one connection waiting to be processed (default 64)
 * @param passwordThreads threads hashing and verifying passwords (default: the number of cores)
 * @param passwordQueue password checks waiting for a thread; when full, joins get {@code rate_limited} (default 64)
 * @param passwordFailures failed password attempts per minute, per connection and per room and address (default 5)
 * @param abuseLimit protocol or rate-limit violations a connection may commit in a burst before it is closed
 *     with 4002; one is forgiven per second (default 30)
 * @param workerThreads threads running room and connection logic (default: the number of cores, at least 2)
 * @param serverName the {@code server} field of {@code welcome}
 */
public record ChitChatConfig(
        int maxRooms,
        int maxMembersPerRoom,
        int maxRoomsPerConnection,
        int maxConnectionsPerAddress,
        int maxTextLength,
        int maxFrameBytes,
        int historyRetention,
        int joinHistory,
        Duration emptyRoomTtl,
        Duration gracePeriod,
        Duration resumeTokenTtl,
        double sendRate,
        int sendBurst,
        Duration typingInterval,
        Duration presenceInterval,
        long outboundMaxBytes,
        int outboundMaxFrames,
        Duration idleTimeout,
        Duration pingInterval,
        int maxPendingRequests,
        int passwordThreads,
        int passwordQueue,
        int passwordFailures,
        int abuseLimit,
        int workerThreads,
        String serverName) {

    /** The protocol's {@code name} limit: 32 code points. */
    public static final int MAX_NAME_LENGTH = 32;
    /** The protocol's room id limit: 64 characters. */
    public static final int MAX_ROOM_ID_LENGTH = 64;
    /** The protocol's password limit: 128 code points. */
    public static final int MAX_PASSWORD_LENGTH = 128;
    /** The protocol's {@code cid} limit: 64 characters. */
    public static final int MAX_CID_LENGTH = 64;
    /** The most entries one {@code history} request may ask for. */
    public static final int MAX_HISTORY_PAGE = 100;
    /** The default {@code history} page. */
    public static final int DEFAULT_HISTORY_PAGE = 50;
}
