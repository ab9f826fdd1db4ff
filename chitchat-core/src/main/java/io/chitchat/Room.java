package io.chitchat;

import io.chitchat.protocol.Entry;
import io.chitchat.protocol.ErrorCode;
import io.chitchat.protocol.Member;
import io.chitchat.protocol.ProtocolException;
import io.chitchat.protocol.ServerFrame;
import io.chitchat.spi.FilterResult;
import io.chitchat.spi.OutboundFrame;
import io.chitchat.spi.RoomRecord;
import io.chitchat.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room active on this node. All of its state is confined to its serial executor: joins, leaves, sends and
 * deliveries of one room happen one at a time, in order, without locks. Fan-out encodes each entry once and
 * hands the same frame to every local member.
 */
final class Room {
    private static final Logger LOG = LoggerFactory.getLogger(Room.class);
    static final Member SYSTEM = new Member("system", "System");

    final Engine engine;
    final String id;
    final SerialExecutor executor;
    private final RoomRecord record;

    /** Present members of the room on every node, from its join and leave entries. */
    private final LinkedHashMap<String, Member> present = new LinkedHashMap<>();
    /** How many present members have each (lower-cased) name: a name is checked in constant time. */
    private final HashMap<String, Integer> presentNames = new HashMap<>();
    /** Members attached to (or in the grace period of) connections of this node. */
    private final HashMap<String, Membership> local = new HashMap<>();
    /** The latest seq delivered to the local members. */
    private long lastSeq;
    volatile boolean removed;
    private final ConcurrentLinkedQueue<Entry> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    /** Frames staged for the next {@link #fanOut()}, with the seq a member must have joined before. */
    private final ArrayList<OutboundFrame> stagedFrames = new ArrayList<>();
    private long[] stagedSeqs = new long[16];

    private final List<Member> diffJoined = new ArrayList<>();
    private final List<Member> diffLeft = new ArrayList<>();
    private long lastPresenceAt = Long.MIN_VALUE / 2;
    private Scheduler.Cancellable presenceTimer;
    private Scheduler.Cancellable expiryTimer;

    Room(Engine engine, RoomRecord record) {
        this.engine = engine;
        this.id = record.id();
        this.record = record;
        this.executor = new SerialExecutor(engine.workers, "room " + id);
        executor.execute(this::load);
    }

    private void load() {
        lastSeq = engine.history.lastSeq(id);
        for (Member m : engine.registry.members(id)) {
            addPresent(m);
        }
        checkEmpty();
    }

    RoomRecord record() {
        return record;
    }

    /** Runs a task on the room's executor and completes the future with its result or failure. */
    <T> CompletableFuture<T> call(Supplier<T> task) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(task.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    /** Runs a request of a connection on the room's executor; a protocol error is answered to that connection. */
    void run(Session session, String ref, Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                session.fail(e, ref);
            }
        });
    }

    // ---------------------------------------------------------------- membership

    void join(Session s, String ref, String name, Long since, String epoch, ResumeTokens.Claim claim) {
        if (removed) {
            throw new ProtocolException(ErrorCode.ROOM_NOT_FOUND, ref, "room '" + id + "' does not exist");
        }
        if (!s.isOpen()) {
            checkEmpty();
            return;
        }
        if (!engine.registry.find(id).map(r -> r.epoch().equals(record.epoch())).orElse(false)) {
            // removed (and maybe created again) while this join waited, e.g. for its password check
            deactivate();
            throw new ProtocolException(ErrorCode.ROOM_NOT_FOUND, ref, "room '" + id + "' does not exist");
        }
        if (s.memberships.containsKey(id)) {
            throw new ProtocolException(ErrorCode.ALREADY_JOINED, ref, "already a member of room '" + id + "'");
        }
        String chosen = name;
        if (claim != null) {
            Membership m = local.get(claim.memberId());
            if (m != null) {
                takeOver(m, s, ref, since, epoch);
                return;
            }
            Member elsewhere = present.get(claim.memberId());
            if (elsewhere == null) {
                // its join entry may not have reached this node yet: the registry knows
                elsewhere = engine.registry.members(id).stream().filter(p -> p.id().equals(claim.memberId()))
                        .findFirst().orElse(null);
            }
            if (elsewhere != null && engine.registry.adoptMember(id, elsewhere)) {
                adopt(elsewhere, s, ref, since, epoch);
                return;
            }
            if (nameFree(claim.name())) {
                chosen = claim.name();
            }
        }
        if (present.size() >= engine.config.maxMembersPerRoom()) {
            throw new ProtocolException(ErrorCode.ROOM_FULL, ref,
                    "room '" + id + "' is full (" + engine.config.maxMembersPerRoom() + " members)");
        }
        Member member = new Member(engine.rules.opaqueId(), chosen);
        if (!engine.registry.addMember(id, member)) {
            throw new ProtocolException(ErrorCode.NAME_TAKEN, ref,
                    "the name '" + chosen + "' is taken in room '" + id + "'");
        }
        cancelExpiry();
        Membership m = new Membership(member, s, engine.sendBucket());
        if (claim != null) {
            rememberCids(m, claim.memberId());
        }
        local.put(member.id(), m);
        s.memberships.put(id, m);
        Entry entry;
        try {
            entry = engine.broker.sequence(id, new Entry.SystemEvent(id, 0, engine.clock.millis(),
                    Entry.SystemEvent.JOIN, member));
        } catch (RuntimeException e) {
            // nothing was announced: undo the membership so that the name and the slot are free again
            local.remove(member.id());
            s.memberships.remove(id, m);
            engine.registry.removeMember(id, member.id());
            checkEmpty();
            throw e;
        }
        m.joinedSeq = entry.seq();
        sendJoined(s, ref, m, since, epoch, entry.seq());
        engine.listeners.memberJoined(id, member);
        if (!s.isOpen()) {
            detach(s);
        }
    }

    /** A resume of a membership this node holds: attach it to the new connection, silently. */
    private void takeOver(Membership m, Session s, String ref, Long since, String epoch) {
        Session old = m.session;
        if (old != null) {
            old.memberships.remove(id, m);
            old.send(new ServerFrame.Left(null, id, "resumed_elsewhere"));
        }
        if (m.graceTimer != null) {
            m.graceTimer.cancel();
            m.graceTimer = null;
        }
        m.session = s;
        s.memberships.put(id, m);
        long seq = engine.history.lastSeq(id);
        m.joinedSeq = seq;
        sendJoined(s, ref, m, since, epoch, seq);
        if (!s.isOpen()) {
            detach(s);
        }
    }

    /** A resume of a membership another node holds (cluster): it moves here silently, with its cids. */
    private void adopt(Member member, Session s, String ref, Long since, String epoch) {
        cancelExpiry();
        Membership m = new Membership(member, s, engine.sendBucket());
        rememberCids(m, member.id());
        local.put(member.id(), m);
        s.memberships.put(id, m);
        engine.broker.memberAdopted(id, member.id());
        long seq = engine.history.lastSeq(id);
        m.joinedSeq = seq;
        sendJoined(s, ref, m, since, epoch, seq);
        if (!s.isOpen()) {
            detach(s);
        }
    }

    /** Another node adopted one of this node's members: let it go without a leave entry. */
    void release(String memberId) {
        Membership m = local.remove(memberId);
        if (m == null) {
            return;
        }
        if (m.session != null) {
            m.session.memberships.remove(id, m);
            m.session.send(new ServerFrame.Left(null, id, "resumed_elsewhere"));
        }
        if (m.graceTimer != null) {
            m.graceTimer.cancel();
            m.graceTimer = null;
        }
        checkEmpty();
    }

    /** After a resume on another node, the member's earlier cids still de-duplicate resends. */
    private void rememberCids(Membership m, String previousMemberId) {
        for (Entry e : engine.history.before(id, Long.MAX_VALUE, engine.config.historyRetention())) {
            if (e instanceof Entry.Message msg && msg.cid() != null && msg.from().id().equals(previousMemberId)) {
                m.cids.put(msg.cid(), msg.seq());
            }
        }
    }

    private boolean nameFree(String name) {
        return !presentNames.containsKey(nameKey(name));
    }

    private void sendJoined(Session s, String ref, Membership m, Long since, String epoch, long seq) {
        List<Entry> history = null;
        Boolean recovered = null;
        if (since != null) {
            boolean recoverable = (epoch == null || epoch.equals(record.epoch())) && since <= seq
                    && since >= engine.history.firstSeq(id) - 1;
            if (recoverable) {
                history = upTo(engine.history.after(id, since, Integer.MAX_VALUE), seq);
            }
            recovered = recoverable;
        }
        if (history == null) {
            history = engine.history.before(id, seq + 1, engine.config.joinHistory());
        }
        // the registry is the authority on who is present now; entries may still be on their way here
        List<Member> members = new ArrayList<>(engine.registry.members(id));
        if (members.stream().noneMatch(p -> p.id().equals(m.id()))) {
            members.add(m.member);
        }
        String token = engine.tokens.issue(new ResumeTokens.Claim(id, record.epoch(), m.id(), m.member.name(),
                engine.clock.millis() + engine.config.resumeTokenTtl().toMillis()));
        s.send(new ServerFrame.Joined(ref, id, record.isProtected(), m.member, members, members.size(), history, seq,
                record.epoch(), recovered, token));
    }

    private static List<Entry> upTo(List<Entry> entries, long seq) {
        int n = entries.size();
        while (n > 0 && entries.get(n - 1).seq() > seq) {
            n--;
        }
        return n == entries.size() ? entries : entries.subList(0, n);
    }

    void leave(Session s, String ref) {
        Membership m = membership(s, ref);
        s.send(new ServerFrame.Left(ref, id, null));
        remove(m, "leave");
    }

    /** The connection closed: its memberships here enter the grace period. */
    void detach(Session s) {
        Membership m = s.memberships.get(id);
        if (m == null || m.session != s) {
            return;
        }
        s.memberships.remove(id, m);
        m.session = null;
        Duration grace = engine.config.gracePeriod();
        if (grace.isZero()) {
            remove(m, "timeout");
        } else {
            m.graceTimer = engine.scheduler.schedule(() -> executor.execute(() -> graceOver(m)), grace);
        }
    }

    private void graceOver(Membership m) {
        if (m.session == null && local.get(m.id()) == m) {
            remove(m, "timeout");
        }
    }

    boolean kick(String memberId) {
        Membership m = local.get(memberId);
        if (m == null) {
            return false;
        }
        if (m.session != null) {
            m.session.memberships.remove(id, m);
            m.session.send(new ServerFrame.Left(null, id, "kicked"));
        }
        remove(m, "kicked");
        return true;
    }

    private void remove(Membership m, String reason) {
        local.remove(m.id());
        if (m.session != null) {
            m.session.memberships.remove(id, m);
            m.session = null;
        }
        if (m.graceTimer != null) {
            m.graceTimer.cancel();
            m.graceTimer = null;
        }
        engine.registry.removeMember(id, m.id());
        try {
            engine.broker.sequence(id, new Entry.SystemEvent(id, 0, engine.clock.millis(), Entry.SystemEvent.LEAVE,
                    m.member));
        } catch (RuntimeException e) {
            LOG.error("Room {}: the leave entry of member {} could not be sequenced", id, m.id(), e);
        }
        engine.listeners.memberLeft(id, m.member, reason);
        checkEmpty();
    }

    private Membership membership(Session s, String ref) {
        Membership m = s.memberships.get(id);
        if (m == null || m.session != s || local.get(m.id()) != m) {
            throw new ProtocolException(ErrorCode.NOT_JOINED, ref, "not a member of room '" + id + "'");
        }
        return m;
    }

    // ---------------------------------------------------------------- messages

    void send(Session s, String ref, String text, String cid) {
        Membership m = membership(s, ref);
        if (cid != null) {
            Long seq = m.cids.get(cid);
            if (seq != null) {
                s.send(new ServerFrame.Ack(ref, id, seq, cid));
                return;
            }
        }
        if (!m.sendBucket.tryTake(engine.clock.millis())) {
            throw new ProtocolException(ErrorCode.RATE_LIMITED, ref, "sending too fast; slow down");
        }
        String filtered = filter(m.member, text, ref);
        Entry.Message entry = (Entry.Message) engine.broker.sequence(id,
                new Entry.Message(id, 0, engine.clock.millis(), m.member, filtered, cid));
        if (cid != null) {
            m.cids.put(cid, entry.seq());
        }
        s.send(new ServerFrame.Ack(ref, id, entry.seq(), cid));
        engine.listeners.messageSequenced(entry);
    }

    private String filter(Member from, String text, String ref) {
        FilterResult result;
        try {
            result = engine.filter.filter(id, from, text);
        } catch (RuntimeException e) {
            LOG.error("Message filter failed in room {}", id, e);
            throw new ProtocolException(ErrorCode.INTERNAL, ref, "the message could not be checked");
        }
        if (result instanceof FilterResult.Reject r) {
            throw new ProtocolException(ErrorCode.INVALID_TEXT, ref, r.reason());
        }
        if (result instanceof FilterResult.Replace r) {
            return r.text();
        }
        return text;
    }

    /** A message from the application (a bot or the server), not from a member. */
    long post(Member from, String text) {
        if (removed) {
            throw new ChitChatException(ErrorCode.ROOM_NOT_FOUND, "room '" + id + "' does not exist");
        }
        Entry.Message entry = (Entry.Message) engine.broker.sequence(id,
                new Entry.Message(id, 0, engine.clock.millis(), from, text, null));
        engine.listeners.messageSequenced(entry);
        return entry.seq();
    }

    void typing(Session s, String ref) {
        Membership m = membership(s, ref);
        long now = engine.clock.millis();
        if (now - m.lastTypingMillis < engine.config.typingInterval().toMillis()) {
            return;
        }
        m.lastTypingMillis = now;
        broadcastTyping(m.member);
        engine.broker.typing(id, m.member);
    }

    void broadcastTyping(Member member) {
        OutboundFrame frame = OutboundFrame.of(engine.codec.encode(new ServerFrame.TypingNotice(id, member)));
        for (Membership m : local.values()) {
            Session s = m.session;
            if (s != null && !m.id().equals(member.id())) {
                s.send(frame);
            }
        }
    }

    void history(Session s, String ref, Long before, Integer limit) {
        membership(s, ref);
        int n = limit == null ? ChitChatConfig.DEFAULT_HISTORY_PAGE : limit;
        if (n < 1 || n > ChitChatConfig.MAX_HISTORY_PAGE) {
            throw new ProtocolException(ErrorCode.BAD_REQUEST, ref,
                    "limit must be between 1 and " + ChitChatConfig.MAX_HISTORY_PAGE + ", was " + n);
        }
        List<Entry> entries = engine.history.before(id, before == null ? Long.MAX_VALUE : before, n);
        boolean complete = entries.isEmpty() || entries.get(0).seq() <= engine.history.firstSeq(id);
        s.send(new ServerFrame.History(ref, id, entries, complete));
    }

    // ---------------------------------------------------------------- delivery

    /**
     * An entry from the broker (any node, any thread). Entries are queued and delivered in batches: when several
     * arrive while the room is busy, each member gets them in one write instead of one write per entry.
     */
    void offer(Entry entry) {
        arrivals.add(entry);
        if (drainScheduled.compareAndSet(false, true)) {
            executor.execute(this::drainArrivals);
        }
    }

    private void drainArrivals() {
        drainScheduled.set(false); // an entry offered from now on schedules the next drain
        for (Entry e = arrivals.poll(); e != null; e = arrivals.poll()) {
            try {
                onEntry(e);
            } catch (RuntimeException failure) {
                // one entry that cannot be delivered must not hold back the entries behind it
                LOG.error("Room {}: entry {} could not be delivered to this node's members", id, e.seq(), failure);
            }
        }
        fanOut();
    }

    /** Queues a frame for {@link #fanOut()}: members that joined at or after {@code seq} do not get it. */
    private void stage(OutboundFrame frame, long seq) {
        int n = stagedFrames.size();
        if (n == stagedSeqs.length) {
            stagedSeqs = Arrays.copyOf(stagedSeqs, n * 2);
        }
        stagedSeqs[n] = seq;
        stagedFrames.add(frame);
    }

    /**
     * Sends the staged frames member by member: a single frame as one write; several as one batch per member,
     * flushed before the next member, so that the transport holds one member's batch at a time.
     */
    private void fanOut() {
        int n = stagedFrames.size();
        if (n == 0) {
            return;
        }
        try {
            if (n == 1) {
                OutboundFrame frame = stagedFrames.get(0);
                long seq = stagedSeqs[0];
                for (Membership m : local.values()) {
                    Session s = m.session;
                    if (s != null && m.joinedSeq < seq) {
                        s.send(frame);
                    }
                }
                return;
            }
            for (Membership m : local.values()) {
                Session s = m.session;
                if (s == null) {
                    continue;
                }
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    if (m.joinedSeq < stagedSeqs[i]) {
                        s.sendBatched(stagedFrames.get(i));
                        any = true;
                    }
                }
                if (any) {
                    s.flush();
                }
            }
        } finally {
            stagedFrames.clear();
        }
    }

    /** Fill a gap from history if needed, then stage the entry (the caller fans out). */
    private void onEntry(Entry entry) {
        if (removed || entry.seq() <= lastSeq) {
            return;
        }
        if (entry.seq() > lastSeq + 1) {
            fillGap(entry.seq());
        }
        deliver(entry);
    }

    /** Delivers the entries before {@code seq} this node did not receive, from history, as far as it has them. */
    private void fillGap(long seq) {
        long first = lastSeq + 1;
        try {
            for (Entry missed : engine.history.after(id, lastSeq, (int) Math.min(Integer.MAX_VALUE, seq - first))) {
                if (missed.seq() < seq) {
                    deliver(missed);
                }
            }
        } catch (RuntimeException e) {
            // the entry in hand is still delivered: members see the gap and recover the rest with since
            LOG.warn("Room {}: entries {} to {} could not be read from history; members recover them with since",
                    id, first, seq - 1, e);
            return;
        }
        if (seq > lastSeq + 1) {
            LOG.warn("Room {}: entries {} to {} are no longer retained; members recover with since", id,
                    lastSeq + 1, seq - 1);
        }
    }

    /** After a broker outage: deliver whatever this node missed. */
    void resync() {
        if (removed) {
            return;
        }
        for (Entry missed : engine.history.after(id, lastSeq, Integer.MAX_VALUE)) {
            if (missed.seq() > lastSeq) {
                deliver(missed);
            }
        }
        fanOut();
    }

    private void deliver(Entry entry) {
        OutboundFrame frame = OutboundFrame.of(engine.codec.encode(entry));
        lastSeq = entry.seq();
        if (entry instanceof Entry.SystemEvent sys) {
            applyPresence(sys);
        }
        stage(frame, entry.seq());
    }

    private void applyPresence(Entry.SystemEvent sys) {
        Member member = sys.member();
        if (Entry.SystemEvent.JOIN.equals(sys.event())) {
            if (addPresent(member)) {
                diffLeft.remove(member);
                diffJoined.add(member);
            }
        } else if (removePresent(member.id()) && !diffJoined.remove(member)) {
            diffLeft.add(member);
        }
        schedulePresence();
    }

    private boolean addPresent(Member member) {
        Member previous = present.put(member.id(), member);
        if (previous != null) {
            presentNames.computeIfPresent(nameKey(previous.name()), (k, n) -> n == 1 ? null : n - 1);
        }
        presentNames.merge(nameKey(member.name()), 1, Integer::sum);
        return previous == null;
    }

    private boolean removePresent(String memberId) {
        Member removed = present.remove(memberId);
        if (removed == null) {
            return false;
        }
        presentNames.computeIfPresent(nameKey(removed.name()), (k, n) -> n == 1 ? null : n - 1);
        return true;
    }

    private static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private void schedulePresence() {
        if (presenceTimer != null || diffJoined.isEmpty() && diffLeft.isEmpty()) {
            return;
        }
        long wait = lastPresenceAt + engine.config.presenceInterval().toMillis() - engine.clock.millis();
        if (wait <= 0) {
            flushPresence();
        } else {
            presenceTimer = engine.scheduler.schedule(() -> executor.execute(() -> {
                presenceTimer = null;
                flushPresence();
                fanOut();
            }), Duration.ofMillis(wait));
        }
    }

    /** Stages the coalesced presence diff (the caller fans out). */
    private void flushPresence() {
        if (diffJoined.isEmpty() && diffLeft.isEmpty() || removed) {
            return;
        }
        lastPresenceAt = engine.clock.millis();
        OutboundFrame frame = OutboundFrame.of(engine.codec.encode(new ServerFrame.Presence(id, present.size(),
                List.copyOf(diffJoined), List.copyOf(diffLeft))));
        diffJoined.clear();
        diffLeft.clear();
        stage(frame, Long.MAX_VALUE);
    }

    // ---------------------------------------------------------------- lifecycle

    private void checkEmpty() {
        if (!local.isEmpty() || record.permanent() || removed || expiryTimer != null) {
            return;
        }
        expiryTimer = engine.scheduler.schedule(() -> executor.execute(this::expire), engine.config.emptyRoomTtl());
    }

    private void cancelExpiry() {
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
    }

    private void expire() {
        expiryTimer = null;
        if (!local.isEmpty() || removed) {
            return;
        }
        if (engine.registry.members(id).isEmpty()) {
            engine.removeRoom(this, "expired");
        } else {
            // members remain on other nodes: only this node lets go of the room
            deactivate();
        }
    }

    /** Drops every local member with {@code left} (reason) and forgets the room on this node. */
    void close(String reason) {
        for (Membership m : List.copyOf(local.values())) {
            if (m.session != null) {
                m.session.memberships.remove(id, m);
                m.session.send(new ServerFrame.Left(null, id, reason));
            }
            if (m.graceTimer != null) {
                m.graceTimer.cancel();
            }
            engine.listeners.memberLeft(id, m.member, reason);
        }
        local.clear();
        deactivate();
    }

    private void deactivate() {
        removed = true;
        cancelExpiry();
        if (presenceTimer != null) {
            presenceTimer.cancel();
            presenceTimer = null;
        }
        engine.rooms.remove(id, this);
    }

    int localMembers() {
        return local.size();
    }

    @Override
    public String toString() {
        return "room " + id;
    }
}
