package io.chitchat.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script from this package's resources, run by its SHA-1 digest; when Redis does not know it (first use,
 * or Redis restarted) it is sent in full once. Thread-safe and immutable.
 */
final class Script {
    static final Script SEQUENCE = load("sequence");
    static final Script LEAVE = load("leave");
    static final Script READ = load("read");
    static final Script BOUNDS = load("bounds");
    static final Script CREATE = load("create");
    static final Script REMOVE = load("remove");
    static final Script ADD_MEMBER = load("add_member");
    static final Script ADOPT_MEMBER = load("adopt_member");
    static final Script REMOVE_MEMBER = load("remove_member");
    static final Script HEARTBEAT = load("heartbeat");
    static final Script FORGET_NODE = load("forget_node");
    static final Script REMOVE_EMPTY = load("remove_empty");
    static final Script RESTORE_ROOM = load("restore_room");

    private final String name;
    private final String source;
    private final String sha;

    private Script(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    private static Script load(String name) {
        try (InputStream in = Script.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new Script(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + name + ".lua", e);
        }
    }

    /** Runs the script and returns its integer reply. */
    long integer(RedisCommands<String, String> redis, String[] keys, String... args) {
        Long result = run(redis, ScriptOutputType.INTEGER, keys, args);
        return result == null ? 0 : result;
    }

    /** Runs the script and returns its array reply. */
    <T> T multi(RedisCommands<String, String> redis, String[] keys, String... args) {
        return run(redis, ScriptOutputType.MULTI, keys, args);
    }

    private <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(source, type, keys, args);
        }
    }

    @Override
    public String toString() {
        return name + ".lua";
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
