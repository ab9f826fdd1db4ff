/**
 * The chat screen's view of one room: its entries in `seq` order, own sends still waiting for
 * their ack, the member list, typing notices and scrolling. It knows nothing about the
 * connection; app.js feeds it. User text only ever reaches the page as text nodes.
 */

const HUES = 8;
const TYPING_SHOWN_MS = 3000;
const NEAR_BOTTOM_PX = 48;
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** A stable colour class for a name. */
export function hueOf(name) {
  let h = 0;
  for (const ch of String(name).toLowerCase()) h = (Math.imul(h, 31) + ch.codePointAt(0)) >>> 0;
  return `hue-${h % HUES}`;
}

function initialOf(name) {
  const first = [...String(name).trim()][0] || '?';
  return first.toLocaleUpperCase();
}

const pad = (n) => String(n).padStart(2, '0');

/** Local time as HH:MM. */
export function formatTime(ts) {
  if (typeof ts !== 'number') return '';
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Strips punctuation that ends a sentence rather than a URL, keeping balanced parentheses. */
function trimUrl(url) {
  for (;;) {
    const last = url.at(-1);
    if ('.,;:!?\'"]}>'.includes(last)) {
      url = url.slice(0, -1);
    } else if (last === ')' && url.split('(').length < url.split(')').length) {
      url = url.slice(0, -1);
    } else {
      return url;
    }
  }
}

/** Appends text to `parent`, with http(s) URLs as links; everything else as text nodes. */
export function appendLinkified(parent, text) {
  let done = 0;
  for (const match of text.matchAll(URL_RE)) {
    const url = trimUrl(match[0]);
    let href = null;
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href;
    } catch { /* not a URL after all */ }
    if (!href) continue;
    if (match.index > done) parent.append(document.createTextNode(text.slice(done, match.index)));
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = url;
    parent.append(a);
    done = match.index + url.length;
  }
  if (done < text.length) parent.append(document.createTextNode(text.slice(done)));
}

function fullTime(ts) {
  return typeof ts === 'number' ? new Date(ts).toLocaleString() : '';
}

export class ChatView {
  /**
   * @param {object} els elements: messages, pill, typing, memberList, memberCount, banner,
   *   older, announcer
   * @param {{onIncoming?: (entry: object) => void}} [hooks] called for each new live entry of
   *   someone else
   */
  constructor(els, hooks = {}) {
    this.els = els;
    this.hooks = hooks;
    this.room = null;
    this.you = null;
    this.ownIds = new Set();
    this.entries = new Map(); // seq -> element
    this.pending = new Map(); // cid -> element of an unacknowledged own message
    this.typers = new Map(); // member id -> {name, timer}
    this.memberItems = new Map(); // member id -> li
    this.reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)');
    // Whether the list shows its newest entry. A list that did stays at its end when it changes
    // size (a phone's on-screen keyboard opens, the phone turns, the member panel closes):
    // otherwise the newest entries would slide out of view below.
    this.pinned = true;
    els.messages.addEventListener('scroll', () => {
      this.pinned = this.isAtBottom();
      if (this.pinned) els.pill.hidden = true;
    }, { passive: true });
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => {
        // to the very end: isAtBottom() allows some slack, which would leave the last lines cut
        if (this.room && this.pinned) this.scrollToBottom();
      }).observe(els.messages);
    }
    els.pill.addEventListener('click', () => {
      this.scrollToBottom(true);
      els.messages.focus({ preventScroll: true });
    });
  }

  /** Shows a room from its `joined` frame. */
  open(joined, snapshot) {
    this.close();
    this.room = joined.room;
    this.setYou(joined.you);
    this.#renderHistory(joined.history || []);
    this.setMembers(snapshot);
  }

  /** Forgets the room. */
  close() {
    this.room = null;
    this.you = null;
    this.ownIds.clear();
    this.entries.clear();
    this.pending.clear();
    this.memberItems.clear();
    for (const t of this.typers.values()) clearTimeout(t.timer);
    this.typers.clear();
    this.els.messages.replaceChildren();
    this.els.memberList.replaceChildren();
    this.els.memberCount.textContent = '0';
    this.els.typing.textContent = '';
    this.els.pill.hidden = true;
    this.els.banner.hidden = true;
    this.els.older.hidden = true;
  }

  /** Our member in this room (it can change after a re-join). */
  setYou(you) {
    if (!you) return;
    this.you = you;
    this.ownIds.add(you.id);
  }

  /**
   * Redraws the room after a re-join that could not recover what was missed; own messages
   * still waiting for their ack stay at the end.
   */
  reset(joined) {
    const pending = [...this.pending.values()];
    this.entries.clear();
    this.els.messages.replaceChildren();
    this.setYou(joined.you);
    this.#renderHistory(joined.history || []);
    this.els.messages.append(...pending);
    this.els.banner.textContent = 'Connection restored, but some messages may be missing.';
    this.els.banner.hidden = false;
    this.scrollToBottom();
  }

  /** The lowest seq shown, or undefined. */
  firstSeq() {
    let min;
    for (const seq of this.entries.keys()) if (min === undefined || seq < min) min = seq;
    return min;
  }

  /**
   * Adds a `message` or `system` entry, once per seq.
   * @returns {boolean} whether it was new
   */
  add(entry, { live = true } = {}) {
    if (typeof entry.seq !== 'number' || this.entries.has(entry.seq)) return false;
    if (entry.type === 'message' && entry.cid && this.pending.has(entry.cid)) {
      this.confirm(entry.cid, entry.seq, entry.ts); // the echo of our own send
      return true;
    }
    const stick = this.isAtBottom();
    const el = this.#build(entry);
    if (!live) el.classList.add('settled');
    this.#insert(el, entry.seq);
    this.entries.set(entry.seq, el);
    if (!live) return true;
    const own = entry.type === 'message' && this.ownIds.has(entry.from?.id);
    if (own || stick) this.scrollToBottom();
    else this.els.pill.hidden = false;
    if (!own) {
      this.#announce(entry);
      this.hooks.onIncoming?.(entry);
    }
    return true;
  }

  /** Shows an own message as pending until {@link confirm} or {@link fail}. */
  addPending(cid, text) {
    const el = this.#build({ type: 'message', from: this.you, text, ts: Date.now() });
    el.classList.add('pending');
    el.dataset.cid = cid;
    this.pending.set(cid, el);
    this.els.messages.append(el);
    this.scrollToBottom();
  }

  /** A pending message was stored as `seq`. */
  confirm(cid, seq, ts) {
    const el = this.pending.get(cid);
    if (!el) return;
    this.pending.delete(cid);
    const stick = this.isAtBottom();
    el.remove();
    if (this.entries.has(seq)) return; // already shown from its echo
    el.classList.remove('pending');
    el.classList.add('settled');
    el.dataset.seq = String(seq);
    if (typeof ts === 'number') this.#setTime(el.querySelector('.msg-time'), ts);
    this.#insert(el, seq);
    this.entries.set(seq, el);
    if (stick) this.scrollToBottom();
  }

  /** A pending message was refused. */
  fail(cid) {
    this.pending.get(cid)?.remove();
    this.pending.delete(cid);
  }

  /** Inserts older entries (from a `history` answer) above the current ones. */
  prepend(entries) {
    const m = this.els.messages;
    const fromBottom = m.scrollHeight - m.scrollTop;
    for (const e of entries) this.add(e, { live: false });
    m.scrollTop = m.scrollHeight - fromBottom;
  }

  /** Shows or hides the "load earlier messages" button. */
  setOlder(hasOlder) {
    this.els.older.hidden = !hasOlder;
  }

  /** Renders the member list from a room snapshot ({members, count, you}). */
  setMembers(snapshot) {
    if (!snapshot) return;
    const youId = this.you?.id;
    const members = [...snapshot.members].sort((a, b) => {
      if (a.id === youId) return -1;
      if (b.id === youId) return 1;
      return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
    });
    const items = new Map();
    const lis = members.map((m) => {
      let li = this.memberItems.get(m.id);
      if (li) {
        li.classList.add('settled');
      } else {
        li = document.createElement('li');
        li.textContent = m.name;
        li.dataset.initial = initialOf(m.name);
        li.classList.add(hueOf(m.name));
      }
      li.classList.toggle('me', m.id === youId);
      items.set(m.id, li);
      return li;
    });
    this.memberItems = items;
    this.els.memberList.replaceChildren(...lis);
    this.els.memberCount.textContent = String(snapshot.count ?? members.length);
  }

  /** Someone is typing: show it for a few seconds. */
  showTyping(member) {
    if (!member || this.ownIds.has(member.id)) return;
    const old = this.typers.get(member.id);
    if (old) clearTimeout(old.timer);
    const timer = setTimeout(() => this.stopTyping(member.id), TYPING_SHOWN_MS);
    this.typers.set(member.id, { name: member.name, timer });
    this.#renderTyping();
  }

  stopTyping(memberId) {
    const t = this.typers.get(memberId);
    if (!t) return;
    clearTimeout(t.timer);
    this.typers.delete(memberId);
    this.#renderTyping();
  }

  isAtBottom() {
    const m = this.els.messages;
    return m.scrollHeight - m.scrollTop - m.clientHeight <= NEAR_BOTTOM_PX;
  }

  scrollToBottom(smooth = false) {
    const m = this.els.messages;
    const behavior = smooth && !this.reducedMotion?.matches ? 'smooth' : 'auto';
    if (behavior === 'smooth') m.scrollTo({ top: m.scrollHeight, behavior });
    else m.scrollTop = m.scrollHeight;
    this.pinned = true;
    this.els.pill.hidden = true;
  }

  #renderHistory(history) {
    for (const e of history) this.add(e, { live: false });
    const first = history[0];
    this.setOlder(Boolean(first && typeof first.seq === 'number' && first.seq > 1));
    this.scrollToBottom();
  }

  #renderTyping() {
    const names = [...this.typers.values()].map((t) => t.name);
    let text = '';
    if (names.length === 1) text = `${names[0]} is typing…`;
    else if (names.length === 2) text = `${names[0]} and ${names[1]} are typing…`;
    else if (names.length > 2) text = `${names[0]}, ${names[1]} and ${names.length - 2} more are typing…`;
    this.els.typing.textContent = text;
  }

  #build(entry) {
    const el = document.createElement('div');
    if (typeof entry.seq === 'number') el.dataset.seq = String(entry.seq);
    if (entry.type === 'system') {
      const who = entry.member?.name ?? 'Someone';
      const what = { join: 'joined', leave: 'left' }[entry.event] ?? entry.event;
      el.className = 'sys';
      el.textContent = `${who} ${what}`;
      el.dataset.time = formatTime(entry.ts);
      el.title = fullTime(entry.ts);
      return el;
    }
    const name = entry.from?.name ?? '';
    el.className = `msg ${hueOf(name)}`;
    if (this.ownIds.has(entry.from?.id)) el.classList.add('own');
    el.dataset.initial = initialOf(name);
    const from = document.createElement('span');
    from.className = 'msg-from';
    from.textContent = name;
    const text = document.createElement('div');
    text.className = 'msg-text';
    appendLinkified(text, String(entry.text ?? ''));
    const time = document.createElement('time');
    time.className = 'msg-time';
    this.#setTime(time, entry.ts);
    el.append(from, text, time);
    return el;
  }

  #setTime(el, ts) {
    el.textContent = formatTime(ts);
    if (typeof ts === 'number') {
      el.dateTime = new Date(ts).toISOString();
      el.title = fullTime(ts);
    }
  }

  /** Places an entry by seq: before every later entry and before all pending ones. */
  #insert(el, seq) {
    let ref = this.els.messages.lastElementChild;
    while (ref && (ref.classList.contains('pending') || Number(ref.dataset.seq) > seq)) {
      ref = ref.previousElementSibling;
    }
    if (ref) ref.after(el);
    else this.els.messages.prepend(el);
  }

  #announce(entry) {
    let text;
    if (entry.type === 'system') {
      text = `${entry.member?.name ?? 'Someone'} ${entry.event === 'leave' ? 'left' : 'joined'}`;
    } else {
      const body = String(entry.text ?? '');
      text = `${entry.from?.name ?? ''}: ${body.length > 200 ? `${body.slice(0, 200)}…` : body}`;
    }
    this.els.announcer.textContent = text;
  }
}
