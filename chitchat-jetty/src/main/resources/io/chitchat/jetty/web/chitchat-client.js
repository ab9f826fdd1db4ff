/**
 * chitchat-client.js: a dependency-free browser client for the ChitChat wire protocol, version 1.
 *
 * It keeps one WebSocket open, reconnects with exponential backoff and jitter, and after a
 * reconnect re-joins every room it was in with the room's `resume` token, `since` (the last
 * `seq` it saw) and `epoch`, so that missed entries are recovered. Entries are de-duplicated by
 * `seq`; sends that were not acknowledged are kept in an outbox and resent with the same `cid`
 * after the re-join (the server acknowledges a repeated `cid` with the original `seq` and does
 * not broadcast it twice).
 *
 * Usage:
 *
 *   import { ChitChatClient } from './chitchat-client.js';
 *
 *   const client = new ChitChatClient();            // ws(s)://<directory of the page>/ws
 *   client.on('state', ({ state }) => console.log('connection:', state));
 *   client.on('message', (m) => console.log(`#${m.seq} ${m.from.name}: ${m.text}`));
 *   client.on('system', (e) => console.log(`${e.member.name} ${e.event === 'join' ? 'joined' : 'left'}`));
 *   client.on('reset', ({ room, joined }) => redraw(room, joined.history)); // entries were lost
 *   client.connect();
 *
 *   try {
 *     const joined = await client.join({ room: 'team-blue', name: 'Alice' });
 *     joined.history.forEach(show);                   // oldest first
 *     const ack = await client.send('team-blue', 'Hello!');
 *     console.log('stored as', ack.seq);
 *   } catch (err) {
 *     console.log(err.code, err.message);             // e.g. "name_taken"
 *   }
 *
 * API (details on each member below):
 * - `new ChitChatClient(url?, options?)`, `connect()`, `reconnect()`, `close()`
 * - `on(type, fn)` (returns an unsubscribe function), `off(type, fn)`
 * - requests: `create({room?, name, password?})`, `join({room, name, password?})` (both resolve
 *   with the `joined` frame), `send(room, text)` (the `ack`; `promise.cid` is its `cid`),
 *   `typing(room)` (no answer), `leave(room)`, `history(room, {before?, limit?})`, `ping()`
 * - state: `state`, `welcome`, `limits`, `rooms`, `room(id)` (members, count, you, seq...),
 *   `pending(room?)` (the outbox), `url`
 * - also exported: `defaultUrl(pageUrl?)`, `ChitChatError`, `PROTOCOL_VERSION`
 *
 * Events (`on(type, fn)`; `fn` receives one object):
 * - every server frame, as received: `welcome`, `joined`, `ack`, `message`, `system`,
 *   `presence`, `typing`, `left`, `history`, `pong`, `error` (and any future frame type).
 *   `message` and `system` fire once per `seq` and in order, after the `joined` of the room
 *   (and after the `create`/`join` promise has resolved, so a UI that draws `joined.history`
 *   when the promise resolves misses nothing); entries inside `joined.history` are not
 *   repeated as events, except the entries a re-join recovers, which fire as
 *   `message`/`system` events.
 * - `state`: `{ state, previous }`, state being `connecting`, `connected`, `reconnecting`
 *   or `offline` (not connected and not trying: before `connect()`, after `close()`, or while
 *   the browser reports that it is offline).
 * - `rejoined`: `{ room, recovered, joined }` after an automatic re-join.
 * - `reset`: `{ room, joined }` when a re-join could not recover the missed entries
 *   (`recovered: false`): some entries may be missing; redraw the room from `joined.history`.
 * - a `left` event with `reason: "rejoin_failed"`, `code` and `message` when an automatic
 *   re-join was refused (for example `room_not_found` after the room was removed).
 *
 * Requests return Promises. A request answered by an `error` frame rejects with a
 * {@link ChitChatError} whose `code` is the protocol's error code; the client adds the codes
 * `disconnected` (not connected, or the connection dropped before the answer) and `timeout`.
 *
 * Thread-safety: none is needed; everything runs on the page's event loop.
 *
 * @module chitchat-client
 */

/** The protocol version this client speaks. */
export const PROTOCOL_VERSION = 1;

const DEFAULT_OPTIONS = Object.freeze({
  minDelay: 500, // first reconnect delay, in ms; doubles on each failed attempt
  maxDelay: 15000, // longest reconnect delay, in ms
  requestTimeout: 15000, // how long a request waits for its answer (sends wait for ever)
  connectTimeout: 10000, // how long one connection attempt may take to open
  pingInterval: 25000, // a quiet connection is pinged this often; 0 turns it off
  pongTimeout: 10000, // a connection that stays silent this long after a ping is dropped
  reconnect: true,
  WebSocket: undefined, // a WebSocket implementation (default: the browser's)
  random: Math.random, // jitter source, replaceable in tests
});

// A connection that stayed open this long resets the backoff to its first delay.
const STABLE_MS = 10000;
// Frames of one room kept while its `joined` has not arrived yet (no order is promised
// between a reply and the broadcasts of the same room).
const EARLY_FRAMES_MAX = 1000;
// Re-join errors worth another try on the same connection.
const TRANSIENT_CODES = new Set(['rate_limited', 'internal', 'limit_reached']);
const TRANSIENT_RETRIES = 5;
const OPEN = 1;

/** An error answered by the server (or raised by the client), with its protocol `code`. */
export class ChitChatError extends Error {
  /**
   * @param {string} code protocol error code, or `disconnected` / `timeout`
   * @param {string} [message] human-readable explanation
   * @param {object} [frame] the `error` frame, if the server sent one
   */
  constructor(code, message, frame) {
    super(message || code);
    this.name = 'ChitChatError';
    this.code = code;
    if (frame) this.frame = frame;
  }
}

/**
 * The WebSocket URL of a page's ChitChat server: `ws` next to the page, with http -> ws and
 * https -> wss. A page at `https://host/chat/` gets `wss://host/chat/ws`.
 * @param {string} [pageUrl] defaults to `location.href`
 * @returns {string}
 */
export function defaultUrl(pageUrl = globalThis.location?.href) {
  const url = new URL('ws', pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function newCid() {
  const bytes = new Uint8Array(16);
  if (globalThis.crypto?.getRandomValues) {
    globalThis.crypto.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  }
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function reportListenerError(error) {
  if (typeof globalThis.reportError === 'function') globalThis.reportError(error);
  else setTimeout(() => { throw error; });
}

/**
 * A ChitChat connection. Create one per page, register listeners, then call `connect()`.
 */
export class ChitChatClient {
  #url;
  #opts;
  #WebSocket;
  #ws = null;
  #state = 'offline';
  #wanted = false; // connect() was called and close() was not
  #everOpened = false;
  #attempt = 0;
  #openedAt = 0;
  #lastReceived = 0;
  #retryTimer = null;
  #connectTimer = null;
  #pingTimer = null;
  #pongTimer = null;
  #welcome = null;
  #connectWaiters = [];
  #listeners = new Map();
  #refCounter = 0;
  #pending = new Map(); // ref -> request waiting for its answer
  #waiting = []; // requests made while not connected, sent on the next open
  #rooms = new Map(); // room id -> RoomState
  #early = new Map(); // room id -> frames that arrived before the room's `joined`
  #outbox = new Map(); // cid -> unacknowledged send, in the order of send()
  #windowListeners = null;

  /**
   * @param {string} [url] WebSocket URL; default {@link defaultUrl}()
   * @param {object} [options]
   * @param {number} [options.minDelay=500] first reconnect delay (ms)
   * @param {number} [options.maxDelay=15000] longest reconnect delay (ms)
   * @param {number} [options.requestTimeout=15000] answer timeout of a request (ms)
   * @param {number} [options.connectTimeout=10000] timeout of one connection attempt (ms)
   * @param {number} [options.pingInterval=25000] heartbeat on a quiet connection (ms, 0: off)
   * @param {number} [options.pongTimeout=10000] silence after a heartbeat that drops the connection (ms)
   * @param {boolean} [options.reconnect=true] reconnect after a connection drops
   * @param {Function} [options.WebSocket] WebSocket implementation (tests, Node)
   */
  constructor(url, options = {}) {
    this.#url = url || defaultUrl();
    const parsed = new URL(this.#url);
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      throw new TypeError(`url must be ws: or wss:, got ${parsed.protocol}`);
    }
    this.#opts = { ...DEFAULT_OPTIONS, ...options };
    this.#WebSocket = this.#opts.WebSocket || globalThis.WebSocket;
    if (typeof this.#WebSocket !== 'function') throw new TypeError('no WebSocket implementation');
  }

  /** The WebSocket URL. */
  get url() { return this.#url; }

  /** `connecting`, `connected`, `reconnecting` or `offline`. */
  get state() { return this.#state; }

  /** The last `welcome` frame (`protocol`, `server`, `limits`), or null before the first. */
  get welcome() { return this.#welcome; }

  /** Server limits from `welcome` ({maxText, maxFrame, rate, burst}), with defaults before it. */
  get limits() {
    return { maxText: 4000, maxFrame: 65536, rate: 10, burst: 20, ...(this.#welcome?.limits || {}) };
  }

  /** Ids of the rooms this client is in (or is re-joining). */
  get rooms() { return [...this.#rooms.keys()]; }

  /**
   * A snapshot of one room, or null if this client is not in it.
   * @param {string} id
   * @returns {{room: string, you: object, members: object[], count: number, protected: boolean,
   *            seq: number, epoch: string, ready: boolean} | null}
   */
  room(id) {
    const r = this.#rooms.get(id);
    if (!r) return null;
    return {
      room: r.room, you: r.you, members: [...r.members.values()], count: r.count,
      protected: r.protected, seq: r.lastSeq, epoch: r.epoch, ready: r.ready,
    };
  }

  /**
   * Sends not yet acknowledged, oldest first.
   * @param {string} [room] only this room's
   * @returns {{room: string, cid: string, text: string}[]}
   */
  pending(room) {
    const out = [];
    for (const e of this.#outbox.values()) {
      if (room === undefined || e.room === room) out.push({ room: e.room, cid: e.cid, text: e.text });
    }
    return out;
  }

  // ---- events -------------------------------------------------------------------------------

  /**
   * Adds a listener.
   * @param {string} type event type (see the module documentation)
   * @param {(detail: object) => void} fn
   * @returns {() => void} a function that removes the listener
   */
  on(type, fn) {
    if (typeof fn !== 'function') throw new TypeError('listener must be a function');
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(fn);
    return () => this.off(type, fn);
  }

  /** Removes a listener added with {@link on}. */
  off(type, fn) {
    this.#listeners.get(type)?.delete(fn);
  }

  #emit(type, detail) {
    const set = this.#listeners.get(type);
    if (!set) return;
    for (const fn of [...set]) {
      try {
        fn(detail);
      } catch (error) {
        reportListenerError(error);
      }
    }
  }

  #setState(state) {
    if (state === this.#state) return;
    const previous = this.#state;
    this.#state = state;
    this.#emit('state', { state, previous });
  }

  // ---- connection ---------------------------------------------------------------------------

  /**
   * Opens the connection (and keeps it open until {@link close}).
   * @returns {Promise<object>} resolves with the `welcome` frame of the first connection
   */
  connect() {
    const welcomed = this.#state === 'connected' && this.#welcome
      ? Promise.resolve(this.#welcome)
      : new Promise((resolve, reject) => this.#connectWaiters.push({ resolve, reject }));
    if (!this.#wanted) {
      this.#wanted = true;
      this.#watchWindow(true);
    }
    if (!this.#ws) this.#reconnectNow();
    return welcomed;
  }

  /**
   * Drops the current connection (if any) and connects again at once, skipping the backoff
   * wait; rooms are re-joined and the outbox resent as after any reconnect.
   */
  reconnect() {
    if (!this.#wanted) {
      this.#wanted = true;
      this.#watchWindow(true);
    }
    const ws = this.#ws;
    if (ws) this.#drop(ws, 4000, 'reconnect requested');
    this.#attempt = 0;
    this.#reconnectNow();
  }

  /**
   * Closes the connection and stops reconnecting. Rooms and unacknowledged sends are kept: a
   * later {@link connect} re-joins and resends. Requests waiting for an answer reject with
   * `disconnected`.
   */
  close() {
    this.#wanted = false;
    this.#watchWindow(false);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const ws = this.#ws;
    if (ws) this.#drop(ws, 1000, 'client closed');
    for (const w of this.#waiting.splice(0)) this.#fail(w, new ChitChatError('disconnected', 'the connection was closed'));
    for (const waiter of this.#connectWaiters.splice(0)) waiter.reject(new ChitChatError('disconnected', 'the connection was closed'));
    this.#setState('offline');
  }

  #reconnectNow() {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    if (this.#ws || !this.#wanted) return;
    if (globalThis.navigator?.onLine === false) this.#setState('offline');
    else this.#setState(this.#everOpened || this.#attempt > 0 ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new this.#WebSocket(this.#url);
    } catch (error) {
      this.#scheduleReconnect();
      return;
    }
    this.#ws = ws;
    this.#connectTimer = setTimeout(() => {
      if (this.#ws === ws && ws.readyState !== OPEN) this.#drop(ws, 4000, 'connect timeout');
    }, this.#opts.connectTimeout);
    ws.onopen = () => { if (this.#ws === ws) this.#onOpen(ws); };
    ws.onmessage = (ev) => { if (this.#ws === ws) this.#onData(ev.data); };
    ws.onclose = () => { if (this.#ws === ws) this.#onClose(); };
    ws.onerror = () => {}; // a close event follows
  }

  #scheduleReconnect() {
    if (!this.#wanted || !this.#opts.reconnect) {
      this.#setState('offline');
      return;
    }
    const base = Math.min(this.#opts.maxDelay, this.#opts.minDelay * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    const delay = Math.round(base / 2 + this.#opts.random() * (base / 2));
    const offline = globalThis.navigator?.onLine === false;
    this.#setState(offline ? 'offline' : 'reconnecting');
    this.#retryTimer = setTimeout(() => this.#reconnectNow(), delay);
  }

  /** Detaches a socket, closes it and handles the loss at once (no waiting for its close event). */
  #drop(ws, code, reason) {
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try { ws.close(code, reason); } catch { /* already closed */ }
    if (this.#ws === ws) this.#onClose();
  }

  #watchWindow(on) {
    const w = globalThis.window;
    if (!w?.addEventListener) return;
    if (on && !this.#windowListeners) {
      const wake = () => { if (this.#retryTimer) this.#reconnectNow(); };
      const visibility = () => { if (globalThis.document?.visibilityState === 'visible') wake(); };
      const offline = () => { if (!this.#ws || this.#ws.readyState !== OPEN) this.#setState('offline'); };
      this.#windowListeners = { online: wake, offline, visibilitychange: visibility };
      w.addEventListener('online', wake);
      w.addEventListener('offline', offline);
      globalThis.document?.addEventListener?.('visibilitychange', visibility);
    } else if (!on && this.#windowListeners) {
      const l = this.#windowListeners;
      w.removeEventListener('online', l.online);
      w.removeEventListener('offline', l.offline);
      globalThis.document?.removeEventListener?.('visibilitychange', l.visibilitychange);
      this.#windowListeners = null;
    }
  }

  #onOpen(ws) {
    clearTimeout(this.#connectTimer);
    this.#everOpened = true;
    this.#openedAt = Date.now();
    this.#lastReceived = Date.now();
    this.#setState('connected');
    this.#startHeartbeat(ws);
    // Requests on one connection are processed in order: re-joins go first, so that the
    // requests queued behind them (and the outbox, sent when each re-join is answered) find
    // their rooms joined.
    for (const r of this.#rooms.values()) this.#rejoin(r);
    for (const req of this.#waiting.splice(0)) {
      clearTimeout(req.timer);
      this.#transmit(req);
    }
  }

  #onClose() {
    this.#ws = null;
    clearTimeout(this.#connectTimer);
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    if (this.#openedAt && Date.now() - this.#openedAt >= STABLE_MS) this.#attempt = 0;
    this.#openedAt = 0;
    const lost = new ChitChatError('disconnected', 'the connection to the server was lost');
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const req of pending) {
      clearTimeout(req.timer);
      if (req.kind === 'send') req.entry.ref = null; // stays in the outbox
      else if (req.kind !== 'rejoin') this.#fail(req, lost);
    }
    for (const r of this.#rooms.values()) {
      r.ready = false;
      r.hold = false;
      r.queue = [];
    }
    this.#early.clear();
    // A send to a room this client does not track cannot be resent after a re-join.
    for (const e of this.#outbox.values()) {
      if (!this.#rooms.has(e.room)) {
        this.#outbox.delete(e.cid);
        e.reject(lost);
      }
    }
    this.#scheduleReconnect();
  }

  #startHeartbeat(ws) {
    const interval = this.#opts.pingInterval;
    if (!interval) return;
    this.#pingTimer = setInterval(() => {
      if (this.#ws !== ws || Date.now() - this.#lastReceived < interval) return;
      const sentAt = Date.now();
      this.#raw({ type: 'ping', ref: this.#nextRef() }); // its pong matches no request
      clearTimeout(this.#pongTimer);
      this.#pongTimer = setTimeout(() => {
        if (this.#ws === ws && this.#lastReceived < sentAt) this.#drop(ws, 4000, 'no answer to ping');
      }, this.#opts.pongTimeout);
    }, interval);
  }

  #isOpen() {
    return this.#ws !== null && this.#ws.readyState === OPEN;
  }

  #raw(frame) {
    try {
      this.#ws.send(JSON.stringify(frame));
      return true;
    } catch {
      return false; // the close event follows
    }
  }

  #nextRef() {
    this.#refCounter = (this.#refCounter + 1) % Number.MAX_SAFE_INTEGER;
    return `r${this.#refCounter}`;
  }

  // ---- requests -----------------------------------------------------------------------------

  /**
   * Creates a room and joins it as its first member.
   * @param {{room?: string, name: string, password?: string}} params `room` absent: generated
   * @returns {Promise<object>} the `joined` frame
   */
  create({ room, name, password } = {}) {
    const frame = { type: 'create', name };
    if (room) frame.room = room;
    if (password) frame.password = password;
    return this.#request(frame, 'join', { password: password || undefined });
  }

  /**
   * Joins a room.
   * @param {{room: string, name: string, password?: string}} params
   * @returns {Promise<object>} the `joined` frame (`history` oldest first, `members`, `you`, ...)
   */
  join({ room, name, password } = {}) {
    const frame = { type: 'join', room, name };
    if (password) frame.password = password;
    return this.#request(frame, 'join', { password: password || undefined });
  }

  /**
   * Sends a message. It is kept in the outbox until acknowledged: across a reconnect it is
   * resent with the same `cid`. The returned promise carries that `cid` as `promise.cid`, so a
   * UI can show the message as pending and match its `ack` or its echoed `message`.
   * @param {string} room
   * @param {string} text
   * @param {{cid?: string}} [options] a `cid` of your own (at most 64 characters)
   * @returns {Promise<object> & {cid: string}} resolves with the `ack` frame ({room, seq, cid})
   */
  send(room, text, { cid } = {}) {
    const id = cid || newCid();
    let entry;
    const promise = new Promise((resolve, reject) => {
      entry = { room, text, cid: id, ref: null, resolve, reject };
    });
    promise.cid = id;
    const r = this.#rooms.get(room);
    if (!r && !this.#isOpen()) {
      entry.reject(new ChitChatError('disconnected', 'not connected to the server'));
      return promise;
    }
    this.#outbox.set(id, entry);
    // A tracked room that is being re-joined sends its outbox when the re-join is answered.
    if (this.#isOpen() && (!r || r.ready)) this.#transmitSend(entry);
    return promise;
  }

  /**
   * Tells the room that you are typing. Fire and forget: there is no answer.
   * @param {string} room
   * @returns {boolean} whether the notice was sent
   */
  typing(room) {
    const r = this.#rooms.get(room);
    if (!this.#isOpen() || (r && !r.ready)) return false;
    return this.#raw({ type: 'typing', room });
  }

  /**
   * Leaves a room. Always resolves: the room is forgotten here even when the server cannot be
   * told (it then ends the membership after its grace period). Unacknowledged sends to the
   * room reject with `not_joined`.
   * @param {string} room
   * @returns {Promise<object>} the `left` frame
   */
  leave(room) {
    const forget = () => {
      this.#forget(room, new ChitChatError('not_joined', 'you left the room'));
      return { type: 'left', room };
    };
    if (!this.#isOpen()) return Promise.resolve(forget());
    return this.#request({ type: 'leave', room }, 'leave', { room }).catch(forget);
  }

  /**
   * Fetches older entries of a room.
   * @param {string} room
   * @param {{before?: number, limit?: number}} [options] `before`: a seq; `limit`: 1..100
   * @returns {Promise<object>} the `history` frame ({messages oldest first, complete})
   */
  history(room, { before, limit } = {}) {
    const frame = { type: 'history', room };
    if (before !== undefined && before !== null) frame.before = before;
    if (limit !== undefined && limit !== null) frame.limit = limit;
    return this.#request(frame, 'history');
  }

  /**
   * Measures the round trip to the server.
   * @returns {Promise<number>} milliseconds
   */
  ping() {
    const start = Date.now();
    return this.#request({ type: 'ping' }, 'ping').then(() => Date.now() - start);
  }

  #request(frame, kind, extra = {}) {
    return new Promise((resolve, reject) => {
      const req = { frame, kind, resolve, reject, timer: null, ...extra };
      if (this.#isOpen()) {
        this.#transmit(req);
      } else if (this.#wanted) {
        req.timer = setTimeout(() => {
          const i = this.#waiting.indexOf(req);
          if (i >= 0) this.#waiting.splice(i, 1);
          reject(new ChitChatError('disconnected', 'not connected to the server'));
        }, this.#opts.requestTimeout);
        this.#waiting.push(req);
      } else {
        reject(new ChitChatError('disconnected', 'not connected to the server'));
      }
    });
  }

  #transmit(req) {
    const ref = this.#nextRef();
    req.frame.ref = ref;
    this.#pending.set(ref, req);
    const ws = this.#ws;
    req.timer = setTimeout(() => {
      if (this.#pending.get(ref) !== req) return;
      this.#pending.delete(ref);
      if (req.kind === 'rejoin') {
        if (this.#ws === ws) this.#drop(ws, 4000, 'no answer to join'); // try a fresh connection
      } else {
        this.#fail(req, new ChitChatError('timeout', 'the server did not answer in time'));
        this.#forgetEarlyIfIdle();
      }
    }, this.#opts.requestTimeout);
    this.#raw(req.frame);
  }

  #transmitSend(entry) {
    const ref = this.#nextRef();
    entry.ref = ref;
    this.#pending.set(ref, { kind: 'send', entry, timer: null });
    this.#raw({ type: 'send', room: entry.room, text: entry.text, cid: entry.cid, ref });
  }

  #fail(req, error) {
    if (req.kind === 'send') {
      this.#outbox.delete(req.entry.cid);
      req.entry.reject(error);
    } else {
      req.reject(error);
    }
  }

  #take(ref) {
    if (ref === undefined || ref === null) return undefined;
    const req = this.#pending.get(ref);
    if (req) {
      this.#pending.delete(ref);
      clearTimeout(req.timer);
    }
    return req;
  }

  #rejoin(r) {
    const frame = { type: 'join', room: r.room, name: r.name, since: r.lastSeq };
    if (r.epoch !== undefined && r.epoch !== null) frame.epoch = r.epoch;
    if (r.resume) frame.resume = r.resume;
    if (r.password) frame.password = r.password;
    this.#transmit({ frame, kind: 'rejoin', room: r.room, resolve() {}, reject() {} });
  }

  // ---- incoming frames ----------------------------------------------------------------------

  #onData(data) {
    this.#lastReceived = Date.now();
    let f;
    try {
      f = JSON.parse(data);
    } catch {
      return; // not JSON: nothing to act on
    }
    if (!f || typeof f !== 'object' || typeof f.type !== 'string') return;
    switch (f.type) {
      case 'welcome': this.#onWelcome(f); break;
      case 'joined': this.#onJoined(f); break;
      case 'ack': this.#onAck(f); break;
      case 'message':
      case 'system':
      case 'presence':
      case 'typing': this.#onRoomFrame(f); break;
      case 'left': this.#onLeft(f); break;
      case 'error': this.#onError(f); break;
      case 'history':
      case 'pong': this.#take(f.ref)?.resolve(f); this.#emit(f.type, f); break;
      default: this.#emit(f.type, f);
    }
  }

  #onWelcome(f) {
    this.#welcome = f;
    this.#emit('welcome', f);
    for (const waiter of this.#connectWaiters.splice(0)) waiter.resolve(f);
  }

  #onJoined(f) {
    const req = this.#take(f.ref);
    if (!req || (req.kind !== 'join' && req.kind !== 'rejoin')) {
      this.#emit('joined', f);
      return;
    }
    const rejoin = req.kind === 'rejoin';
    let r = this.#rooms.get(f.room);
    if (rejoin && !r) {
      // Left while the re-join was on its way: the server has us again, so leave for real.
      this.#emit('joined', f);
      this.#raw({ type: 'leave', room: f.room });
      this.#forgetEarlyIfIdle();
      return;
    }
    if (!r) {
      r = { room: f.room, lastSeq: 0, ownIds: new Set(), members: new Map(), queue: [] };
      this.#rooms.set(f.room, r);
    }
    if (!rejoin) r.password = req.password;
    r.retries = 0;
    r.name = f.you?.name ?? req.frame.name;
    r.you = f.you;
    if (f.you?.id) r.ownIds.add(f.you.id);
    r.resume = f.resume;
    r.epoch = f.epoch;
    r.protected = Boolean(f.protected);
    r.count = typeof f.count === 'number' ? f.count : (f.members || []).length;
    r.members = new Map((f.members || []).map((m) => [m.id, m]));
    r.ready = true;
    // Frames of this room that came before this reply, and the ones that come until the
    // caller has seen this reply, are handled in order on a later task.
    r.hold = true;
    r.queue = this.#early.get(f.room) || [];
    this.#early.delete(f.room);
    this.#forgetEarlyIfIdle();
    this.#emit('joined', f);

    const history = Array.isArray(f.history) ? f.history : [];
    const newest = (seq) => Math.max(seq, typeof f.seq === 'number' ? f.seq : 0,
      ...history.map((e) => (typeof e.seq === 'number' ? e.seq : 0)));
    if (rejoin) {
      const recovered = f.recovered === true;
      this.#emit('rejoined', { room: f.room, recovered, joined: f });
      if (recovered) {
        for (const e of history) this.#onEntry(r, e);
        r.lastSeq = newest(r.lastSeq);
      } else {
        r.lastSeq = newest(0);
        this.#emit('reset', { room: f.room, joined: f });
      }
      this.#flushOutbox(r, history);
    } else {
      r.lastSeq = newest(0);
      req.resolve(f);
    }
    setTimeout(() => this.#drain(r), 0);
  }

  #drain(r) {
    if (this.#rooms.get(r.room) !== r || !r.hold) return;
    r.hold = false;
    const queue = r.queue;
    r.queue = [];
    for (const f of queue) this.#onRoomFrame(f);
  }

  /** After a re-join: settle the sends the recovered entries show as stored, resend the rest. */
  #flushOutbox(r, history) {
    const stored = new Map();
    for (const e of history) {
      if (e.type === 'message' && e.cid && r.ownIds.has(e.from?.id)) stored.set(e.cid, e.seq);
    }
    for (const entry of this.#outbox.values()) {
      if (entry.room !== r.room || entry.ref !== null) continue;
      if (stored.has(entry.cid)) {
        this.#outbox.delete(entry.cid);
        entry.resolve({ type: 'ack', room: r.room, seq: stored.get(entry.cid), cid: entry.cid });
      } else {
        this.#transmitSend(entry);
      }
    }
  }

  #onRoomFrame(f) {
    const r = this.#rooms.get(f.room);
    if (!r || !r.ready) {
      if (this.#joinInFlight()) {
        let early = this.#early.get(f.room);
        if (!early) this.#early.set(f.room, (early = []));
        if (early.length < EARLY_FRAMES_MAX) early.push(f);
      }
      return; // otherwise a frame of a room this client has left
    }
    if (r.hold) {
      r.queue.push(f);
      return;
    }
    if (f.type === 'message' || f.type === 'system') {
      this.#onEntry(r, f);
    } else if (f.type === 'presence') {
      for (const m of f.joined || []) r.members.set(m.id, m);
      for (const m of f.left || []) r.members.delete(m.id);
      if (typeof f.count === 'number') r.count = f.count;
      this.#emit('presence', f);
    } else {
      this.#emit(f.type, f);
    }
  }

  #onEntry(r, f) {
    if (typeof f.seq === 'number') {
      if (f.seq <= r.lastSeq) return; // already seen
      r.lastSeq = f.seq;
    }
    this.#emit(f.type, f);
  }

  #onAck(f) {
    const req = this.#take(f.ref);
    const entry = req?.kind === 'send' ? req.entry : (f.cid ? this.#outbox.get(f.cid) : undefined);
    if (entry) {
      this.#outbox.delete(entry.cid);
      entry.resolve(f);
    }
    this.#emit('ack', f);
  }

  #onLeft(f) {
    const req = this.#take(f.ref);
    const reason = f.reason ? `you left the room (${f.reason})` : 'you left the room';
    this.#forget(f.room, new ChitChatError('not_joined', reason));
    this.#emit('left', f);
    req?.resolve(f);
  }

  #onError(f) {
    const req = this.#take(f.ref);
    this.#emit('error', f);
    if (!req) return;
    const error = new ChitChatError(f.code || 'internal', f.message, f);
    if (req.kind === 'rejoin') this.#rejoinFailed(req.room, error);
    else this.#fail(req, error);
    this.#forgetEarlyIfIdle();
  }

  #rejoinFailed(room, error) {
    const r = this.#rooms.get(room);
    if (!r) return;
    if (TRANSIENT_CODES.has(error.code) && r.retries < TRANSIENT_RETRIES) {
      r.retries++;
      const ws = this.#ws;
      setTimeout(() => {
        if (this.#ws === ws && this.#isOpen() && this.#rooms.get(room) === r && !r.ready) this.#rejoin(r);
      }, 1000 * r.retries);
      return;
    }
    this.#forget(room, error);
    this.#emit('left', { type: 'left', room, reason: 'rejoin_failed', code: error.code, message: error.message });
  }

  #forget(room, error) {
    this.#rooms.delete(room);
    this.#early.delete(room);
    for (const entry of this.#outbox.values()) {
      if (entry.room !== room) continue;
      this.#outbox.delete(entry.cid);
      if (entry.ref !== null) this.#take(entry.ref);
      entry.reject(error);
    }
  }

  #joinInFlight() {
    for (const req of this.#pending.values()) {
      if (req.kind === 'join' || req.kind === 'rejoin') return true;
    }
    return false;
  }

  #forgetEarlyIfIdle() {
    if (this.#early.size && !this.#joinInFlight()) this.#early.clear();
  }
}
