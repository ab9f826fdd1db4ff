/**
 * ChitChat on several nodes, sharing rooms, presence, history and messages through one Redis (7 or later;
 * standalone or behind Sentinel, not Redis Cluster). Entry point: {@link io.chitchat.redis.ChitChatRedis#configure}.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Room creation and name claims are atomic across nodes: of two nodes creating one id at once, exactly one
 *       succeeds; a name is unique (case-insensitively) among a room's present members on every node.</li>
 *   <li>Each entry is sequenced by one Lua script that increments the room's seq, stores the entry and publishes
 *       it on the single bus channel, so every node receives a room's entries in seq order. A node that misses
 *       entries (a dropped subscription) fills the gap from history.</li>
 *   <li>A member belongs to the node it joined through; only that node removes it. A member resumed on another
 *       node within the grace period is adopted there (same id, no entries).</li>
 *   <li>Every node heartbeats a liveness key. When a node stops (crash or partition) for longer than the node
 *       timeout, a surviving node removes its members and emits each one's leave exactly once (the removal and
 *       the leave are one script). A node that closes normally emits its members' leaves itself. A stalled node
 *       whose members were removed meanwhile drops the rooms concerned locally ({@code left}, reason
 *       {@code timeout}) so that its clients rejoin.</li>
 *   <li>A room with no members anywhere is removed after the empty-room delay even when no live node has it
 *       active; the history of a room without a record (sequenced after its removal) expires.</li>
 *   <li>While Redis is unreachable the node is {@link io.chitchat.redis.RedisNode.Health#DEGRADED DEGRADED}: it
 *       keeps its clients' connections, requests that need Redis fail with {@code internal} and are never
 *       acknowledged (a send that failed this way may still have been sequenced if Redis ran it just before the
 *       connection broke). After reconnecting it resubscribes and the engine catches every active room up from
 *       history. Commands are never replayed after a reconnect (a replay could sequence an entry twice).</li>
 *   <li>If Redis comes back without its data (no persistence, or flushed), each node notices (the instance marker
 *       changed) and puts back its share: room records, seq counters and its members. Histories are lost.</li>
 * </ul>
 *
 * <h2>Key layout</h2>
 * Every key and the channel start with the configured prefix {@code P} (default {@code chitchat:}). {@code R} is
 * a room id ({@code [a-z0-9_-]}), {@code N} a node id ({@code [A-Za-z0-9._-]}), {@code TAB} a tab character.
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>Key</th><th>Type</th><th>Content</th></tr>
 *   <tr><td>{@code P rooms}</td><td>set</td><td>ids of all rooms</td></tr>
 *   <tr><td>{@code P room:R}</td><td>hash</td><td>{@code id}, {@code created} (ms), {@code permanent} (0/1),
 *       {@code epoch}, {@code pwd} (password hash, absent when unprotected), {@code joins} (join counter that
 *       orders members)</td></tr>
 *   <tr><td>{@code P room:R:members}</td><td>hash</td><td>present members: member id &rarr;
 *       {@code ordinal TAB N TAB lower-cased name TAB name} (N owns the member)</td></tr>
 *   <tr><td>{@code P room:R:leaving}</td><td>hash</td><td>members removed whose leave entry is not sequenced
 *       yet (same values)</td></tr>
 *   <tr><td>{@code P room:R:names}</td><td>hash</td><td>lower-cased name &rarr; member id (name uniqueness)</td></tr>
 *   <tr><td>{@code P room:R:seq}</td><td>string</td><td>the room's latest seq</td></tr>
 *   <tr><td>{@code P room:R:log}</td><td>list</td><td>the latest entries (retention), oldest first, as protocol
 *       JSON; consecutive seqs ending at {@code seq}</td></tr>
 *   <tr><td>{@code P nodes}</td><td>set</td><td>ids of the nodes that have not been reaped</td></tr>
 *   <tr><td>{@code P node:N}</td><td>string</td><td>liveness key, expires after the node timeout unless
 *       refreshed by N's heartbeat</td></tr>
 *   <tr><td>{@code P node:N:members}</td><td>set</td><td>{@code R TAB member id} of every member N owns</td></tr>
 *   <tr><td>{@code P empty}</td><td>sorted set</td><td>{@code R TAB epoch} of rooms created without members or
 *       left empty, scored by when the reaper may remove them (if still empty then)</td></tr>
 *   <tr><td>{@code P reaper}</td><td>string</td><td>the reaper lock (node id, expires after one heartbeat)</td></tr>
 *   <tr><td>{@code P instance}</td><td>string</td><td>a random marker; when it changes, Redis lost its data</td></tr>
 *   <tr><td>{@code P bus}</td><td>channel</td><td>entries ({@code E<json>}), typing ({@code T...}) and room
 *       removals ({@code R...}); every node subscribes to it once</td></tr>
 * </table>
 *
 * <p>Public types: {@link io.chitchat.redis.ChitChatRedis}, {@link io.chitchat.redis.RedisOptions},
 * {@link io.chitchat.redis.RedisNode}. Everything else is package-private. User documentation:
 * {@code docs/clustering.md}.
 */
package io.chitchat.redis;
