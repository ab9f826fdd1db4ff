package io.chitchat.bench.scenario;

import io.chitchat.bench.client.BenchClient;
import java.util.concurrent.CompletableFuture;

/**
 * One bench connection as a chat member: its room, its identity once joined, and the ordering state of what it
 * received. The receive-side fields are written only by the connection's receive path (one thread at a time).
 */
final class Member {
    final int index;
    final int room;
    final String roomId;
    final String name;
    BenchClient client;

    /** Completes with the {@code welcome} (ChitChat) or at open (bare). */
    volatile CompletableFuture<Void> welcomed = new CompletableFuture<>();
    /** Completes when {@code joined} arrives; fails with the error code of a refused join. */
    volatile CompletableFuture<Void> joined = new CompletableFuture<>();
    volatile String memberId;
    volatile String resume;
    volatile String epoch;
    volatile long joinedSeq = -1;
    volatile long joinedAtNanos;
    /** Bytes received by this connection when its join request was sent. */
    volatile long bytesAtJoin;

    /** The last room seq received in order; -1 before {@code joined}. */
    volatile long lastSeq = -1;
    /** Seqs of entries that arrived before {@code joined} (the protocol does not order them). */
    long[] early = new long[0];
    /** Per sender of the room: the last bench message number received (bare ordering); -1 before the first. */
    long[] lastNumber;
    /** Bench messages received. */
    volatile long messages;
    /** Joins of this member refused with {@code rate_limited} and retried. */
    int retries;
    /** Churn: acks still expected for the messages sent, and the futures of the acks and of {@code left}. */
    final java.util.concurrent.atomic.AtomicInteger acksPending = new java.util.concurrent.atomic.AtomicInteger();
    volatile CompletableFuture<Void> acked = new CompletableFuture<>();
    volatile CompletableFuture<Void> left = new CompletableFuture<>();

    Member(int index, int room, String roomId, String name, int senders) {
        this.index = index;
        this.room = room;
        this.roomId = roomId;
        this.name = name;
        this.lastNumber = new long[Math.max(1, senders)];
        java.util.Arrays.fill(lastNumber, -1);
    }

    /** Starts a new membership on the same or a new connection (churn, resume). */
    void resetForJoin() {
        joined = new CompletableFuture<>();
        lastSeq = -1;
        joinedSeq = -1;
        early = new long[0];
    }

    @Override
    public String toString() {
        return "member " + name + " of " + roomId;
    }
}
