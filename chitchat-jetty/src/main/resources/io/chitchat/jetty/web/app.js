/**
 * The ChitChat web app. This module starts the client and runs the chat screen; home.js runs
 * the welcome and create/join screens, chat-view.js draws a room, chitchat-client.js speaks
 * the protocol. Exposes `window.chitchat = { client }` (for tests) and nothing else.
 */
import { ChitChatClient } from './chitchat-client.js';
import { ChatView } from './chat-view.js';
import { initHome } from './home.js';
import { codePoints, roomFromUrl, describeError, leftText, ERROR_TEXT } from './rules.js';
import { $, showScreen, showError, clearError, errorText, busy } from './ui.js';

// At most one typing notice per 2 s; a little over, so that network jitter does not make the
// server (which drops notices closer than its typingInterval, 2 s by default) discard one.
const TYPING_EVERY_MS = 2100;
const BASE_TITLE = document.title;

const els = {
  conn: $('conn-status'),
  retry: $('btn-retry'),
  roomId: $('room-id'),
  roomLock: $('room-lock'),
  shareLink: $('share-link'),
  copyBtn: $('btn-copy'),
  membersBtn: $('btn-members'),
  membersPanel: $('members-panel'),
  leaveBtn: $('btn-leave'),
  composer: $('composer'),
  older: $('btn-older'),
};

const client = new ChitChatClient();
window.chitchat = { client };

const view = new ChatView({
  messages: $('messages'),
  pill: $('new-messages-pill'),
  typing: $('typing'),
  memberList: $('member-list'),
  memberCount: $('member-count'),
  banner: $('chat-banner'),
  older: els.older,
  announcer: $('announcer'),
}, { onIncoming: countUnread });

const home = initHome(client, enterChat);
const wide = globalThis.matchMedia?.('(min-width: 700px)');

let current = null; // the room on screen
let lastTypingAt = 0;
let unread = 0;

const describe = (error) => describeError(error, client.limits.maxText);

function renderConnection(state) {
  els.conn.textContent = state;
  els.conn.dataset.state = state;
  els.retry.hidden = state === 'connected' || state === 'connecting';
}

// ---- entering and leaving a room -------------------------------------------------------------

/** This page's URL without its query, with `#/room/<id>` (or no fragment). */
function pageUrl(room) {
  const url = new URL(location.href);
  url.search = '';
  url.hash = room ? `#/room/${encodeURIComponent(room)}` : '';
  return url.href;
}

function setMembersOpen(open) {
  els.membersPanel.hidden = !open;
  els.membersBtn.setAttribute('aria-expanded', String(open));
}

function enterChat(joined) {
  current = joined.room;
  lastTypingAt = 0;
  els.roomId.textContent = joined.room;
  els.roomId.title = joined.room;
  els.roomLock.toggleAttribute('hidden', !joined.protected); // an SVG element: no .hidden
  const link = pageUrl(joined.room);
  els.shareLink.href = link;
  els.shareLink.textContent = link;
  history.replaceState(null, '', link);
  document.title = `${joined.room} · ${BASE_TITLE}`;
  showScreen('chat');
  setMembersOpen(wide ? wide.matches : true);
  view.open(joined, client.room(joined.room));
  els.composer.value = '';
  autoGrow();
  els.composer.focus();
}

function exitChat() {
  current = null;
  view.close();
  unread = 0;
  document.title = BASE_TITLE;
  history.replaceState(null, '', pageUrl(null));
  home.showHome();
}

els.leaveBtn.addEventListener('click', () => {
  if (!current) return;
  const room = current;
  exitChat();
  client.leave(room); // always resolves; the room is gone from this page at once
});

// ---- chat screen controls ------------------------------------------------------------------------

els.membersBtn.addEventListener('click', () => setMembersOpen(els.membersPanel.hidden));
wide?.addEventListener?.('change', (e) => { if (current) setMembersOpen(e.matches); });
els.membersPanel.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !wide?.matches) {
    setMembersOpen(false);
    els.membersBtn.focus();
  }
});

els.older.addEventListener('click', async () => {
  const room = current;
  const before = view.firstSeq();
  if (!room || before === undefined) return;
  try {
    const h = await busy(els.older, client.history(room, { before, limit: 50 }));
    if (room !== current) return;
    const messages = h.messages || [];
    view.prepend(messages);
    view.setOlder(!h.complete && messages.length > 0 && messages[0].seq > 1);
  } catch (error) {
    if (room === current) showError(describe(error), 'chat');
  }
});

/** Copies with a selected off-screen textarea, where the Clipboard API is missing or refused. */
function legacyCopy(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

let copyResetTimer = null;
els.copyBtn.addEventListener('click', async () => {
  const text = els.shareLink.href;
  let ok = false;
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      ok = true;
    }
  } catch { /* not allowed here: fall back */ }
  if (!ok) ok = legacyCopy(text);
  els.copyBtn.focus();
  if (!ok) {
    // Last resort: select the link so that the user can copy it.
    const range = document.createRange();
    range.selectNodeContents(els.shareLink);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
  els.copyBtn.textContent = ok ? 'Copied!' : 'Press Ctrl+C';
  clearTimeout(copyResetTimer);
  copyResetTimer = setTimeout(() => { els.copyBtn.textContent = 'Copy link'; }, 2000);
});

// ---- composer ------------------------------------------------------------------------------------

function autoGrow() {
  const c = els.composer;
  c.style.height = 'auto'; // CSSOM, which a style-src CSP allows (unlike style attributes)
  c.style.height = `${c.scrollHeight + 3}px`; // + the borders; CSS caps it with max-height
}

function sendCurrent() {
  const room = current;
  const text = els.composer.value;
  if (!room || !text.trim()) return;
  const max = client.limits.maxText;
  if (codePoints(text) > max) {
    showError(`Messages can be at most ${max} characters long.`, 'chat');
    return;
  }
  const sent = client.send(room, text);
  view.addPending(sent.cid, text);
  els.composer.value = '';
  autoGrow();
  lastTypingAt = 0;
  clearError();
  sent.then(
    (ack) => { if (room === current) view.confirm(sent.cid, ack.seq); },
    (error) => {
      if (room !== current) return;
      view.fail(sent.cid);
      if (!els.composer.value) {
        els.composer.value = text; // give the text back
        autoGrow();
      }
      showError(describe(error), 'chat');
    },
  );
}

els.composer.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing && e.keyCode !== 229) {
    e.preventDefault();
    sendCurrent();
  }
});

els.composer.addEventListener('input', () => {
  autoGrow();
  const now = Date.now();
  if (current && els.composer.value.trim() && now - lastTypingAt >= TYPING_EVERY_MS) {
    if (client.typing(current)) lastTypingAt = now;
  }
});

$('form-composer').addEventListener('submit', (e) => {
  e.preventDefault();
  sendCurrent();
  els.composer.focus();
});

function countUnread() {
  if (!document.hidden) return;
  unread++;
  document.title = `(${unread}) ${current} · ${BASE_TITLE}`;
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden || !unread) return;
  unread = 0;
  document.title = current ? `${current} · ${BASE_TITLE}` : BASE_TITLE;
});

// ---- client events -------------------------------------------------------------------------------

client.on('state', ({ state }) => {
  renderConnection(state);
  if (state === 'connected' && current && errorText() === ERROR_TEXT.disconnected) clearError();
});

client.on('message', (m) => {
  if (m.room !== current) return;
  view.add(m);
  view.stopTyping(m.from?.id);
});

client.on('system', (e) => {
  if (e.room !== current) return;
  view.add(e);
  if (e.event === 'leave') view.stopTyping(e.member?.id);
});

client.on('presence', (p) => {
  if (p.room === current) view.setMembers(client.room(current));
});

client.on('typing', (t) => {
  if (t.room === current) view.showTyping(t.member);
});

client.on('rejoined', ({ room, joined }) => {
  if (room !== current) return;
  view.setYou(joined.you);
  view.setMembers(client.room(room));
});

client.on('reset', ({ room, joined }) => {
  if (room === current) view.reset(joined);
});

client.on('left', (f) => {
  if (f.room !== current) return; // our own leave has already left the screen
  exitChat();
  showError(leftText(f), 'home');
});

client.on('error', (f) => {
  if (!f.ref && current) showError(describe(f), 'chat'); // errors that answer no request
});

els.retry.addEventListener('click', () => client.reconnect());

// ---- page life -----------------------------------------------------------------------------------

window.addEventListener('hashchange', () => {
  const room = roomFromUrl(location.href);
  if (room && room !== current) home.invite(room);
});

// Closing the page leaves its rooms, so that the others see it at once and the same name can
// join again right away (a membership left open is kept for the server's grace period).
window.addEventListener('pagehide', () => {
  for (const room of client.rooms) client.leave(room);
});

window.addEventListener('pageshow', (e) => {
  if (e.persisted && current && !client.room(current)) exitChat();
});

const invited = roomFromUrl(location.href);
if (invited) home.invite(invited);
client.connect().catch(() => { /* the state indicator shows it */ });
renderConnection(client.state);
home.showWelcome();
