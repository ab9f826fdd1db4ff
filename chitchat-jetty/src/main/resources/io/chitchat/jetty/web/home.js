/**
 * The welcome screen (choose a name) and the home screen (create a room, or join one, asking
 * `GET api/rooms/<id>` first whether it exists and needs a password).
 */
import { $, showScreen, isShown, showError, clearError, setHint, setInvalid, busy } from './ui.js';
import {
  normaliseName, nameProblem, normaliseRoom, roomProblem, passwordProblem, roomFromText,
  describeError, ERROR_TEXT,
} from './rules.js';

const NAME_KEY = 'chitchat.name';
const LOOKUP_DELAY_MS = 350;
const LOOKUP_FRESH_MS = 2000;
const JOIN_HINT = 'Ask the room’s creator for its id or link.';
const CREATE_HINT = 'Leave it empty for a random id.';

function storedName() {
  try {
    return localStorage.getItem(NAME_KEY) || '';
  } catch {
    return '';
  }
}

function storeName(name) {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch { /* storage unavailable: the name is kept for this page only */ }
}

const lookups = new Map(); // room id -> {at, promise}

/**
 * Asks `GET api/rooms/<id>` about a room: {exists, protected, count}, or null when the answer
 * says nothing (network error, or a 404 that is not the API's own "no such room").
 */
function lookupRoom(id) {
  const cached = lookups.get(id);
  if (cached && Date.now() - cached.at < LOOKUP_FRESH_MS) return cached.promise;
  const promise = (async () => {
    try {
      const res = await fetch(`api/rooms/${encodeURIComponent(id)}`, {
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
      const body = await res.json().catch(() => null);
      if (!body || typeof body.exists !== 'boolean') return null;
      if (res.status === 404) return { ...body, exists: false };
      return res.ok ? body : null;
    } catch {
      return null;
    }
  })();
  lookups.set(id, { at: Date.now(), promise });
  return promise;
}

/**
 * Wires the welcome and home screens.
 * @param {import('./chitchat-client.js').ChitChatClient} client
 * @param {(joined: object) => void} onJoined called with the `joined` frame of a create or join
 * @returns {{showWelcome: () => void, showHome: () => void, invite: (room: string) => void}}
 */
export function initHome(client, onJoined) {
  const els = {
    username: $('username'),
    homeName: $('home-name'),
    showCreate: $('btn-show-create'),
    showJoin: $('btn-show-join'),
    cardCreate: $('card-create'),
    cardJoin: $('card-join'),
    createId: $('create-room-id'),
    createHint: $('create-room-hint'),
    createPassword: $('create-password'),
    createBtn: $('btn-create'),
    joinId: $('join-room-id'),
    joinHint: $('join-room-hint'),
    joinPasswordField: $('join-password-field'),
    joinPassword: $('join-password'),
    joinBtn: $('btn-join'),
  };
  let name = '';
  let invited = null; // a room from an invite link, for the join form once home is shown
  let revealedFor = null; // the room id the join password field was shown for
  let joinLookupTimer = null;
  const describe = (error) => describeError(error, client.limits.maxText);

  // welcome

  function showWelcome() {
    showScreen('welcome');
    els.username.value = name || storedName();
    els.username.focus();
    els.username.select(); // a remembered name: Enter keeps it, typing replaces it
  }

  $('form-welcome').addEventListener('submit', (event) => {
    event.preventDefault();
    const n = normaliseName(els.username.value);
    const problem = nameProblem(n);
    setInvalid(els.username, problem);
    if (problem) {
      showError(problem, 'welcome');
      els.username.focus();
      return;
    }
    name = n;
    storeName(n);
    showHome();
  });

  els.username.addEventListener('input', () => {
    setInvalid(els.username, false);
    clearError();
  });

  $('btn-change-name').addEventListener('click', showWelcome);

  // home

  function showHome() {
    if (!name) {
      showWelcome();
      return;
    }
    els.homeName.textContent = name;
    showScreen('home', 'home');
    if (invited) {
      prefillJoin(invited);
      invited = null;
    } else {
      selectCard('create', true);
    }
  }

  /** An invite link was opened: prefill the join form now, or when home is shown. */
  function invite(room) {
    if (isShown('home')) prefillJoin(room);
    else invited = room;
  }

  function selectCard(which, focus) {
    const create = which === 'create';
    els.cardCreate.classList.toggle('is-active', create);
    els.cardJoin.classList.toggle('is-active', !create);
    els.showCreate.setAttribute('aria-pressed', String(create));
    els.showJoin.setAttribute('aria-pressed', String(!create));
    if (!focus) return;
    (create ? els.cardCreate : els.cardJoin).scrollIntoView({ block: 'nearest' });
    (create ? els.createId : els.joinId).focus({ preventScroll: true });
  }

  els.showCreate.addEventListener('click', () => selectCard('create', true));
  els.showJoin.addEventListener('click', () => selectCard('join', true));
  els.cardCreate.addEventListener('focusin', () => selectCard('create', false));
  els.cardJoin.addEventListener('focusin', () => selectCard('join', false));

  function joined(frame) {
    els.createId.value = '';
    els.createPassword.value = '';
    checkCreateId();
    hidePassword();
    onJoined(frame);
  }

  // create

  function checkCreateId() {
    const raw = els.createId.value;
    const id = normaliseRoom(raw);
    if (!id) {
      setInvalid(els.createId, false);
      setHint(els.createHint, CREATE_HINT);
      return;
    }
    const problem = roomProblem(id);
    setInvalid(els.createId, problem);
    if (problem) setHint(els.createHint, problem, 'error');
    else setHint(els.createHint, raw.trim() === id ? 'Looks good.' : `The room id will be “${id}”.`, 'ok');
  }

  els.createId.addEventListener('input', () => {
    clearError();
    checkCreateId();
  });

  $('form-create').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (els.createBtn.disabled) return;
    clearError();
    const id = normaliseRoom(els.createId.value);
    const idProblem = id ? roomProblem(id) : null;
    if (idProblem) {
      setInvalid(els.createId, true);
      showError(idProblem, 'create');
      els.createId.focus();
      return;
    }
    const password = els.createPassword.value;
    const pwProblem = password ? passwordProblem(password) : null;
    if (pwProblem) {
      showError(pwProblem, 'create');
      els.createPassword.focus();
      return;
    }
    try {
      joined(await busy(els.createBtn, client.create({ room: id || undefined, name, password: password || undefined })));
    } catch (error) {
      showError(describe(error), 'create');
      if (error.code === 'room_exists' || error.code === 'invalid_room') els.createId.focus();
    }
  });

  // join

  function revealPassword(id) {
    revealedFor = id;
    els.joinPasswordField.hidden = false;
  }

  function hidePassword() {
    revealedFor = null;
    els.joinPasswordField.hidden = true;
    els.joinPassword.value = '';
  }

  /** Looks a room up and updates the join form; returns the lookup's answer. */
  async function checkJoinRoom(id) {
    const info = await lookupRoom(id);
    if (normaliseRoom(roomFromText(els.joinId.value)) !== id) return info; // typed on meanwhile
    if (!info) {
      setHint(els.joinHint, JOIN_HINT);
    } else if (!info.exists) {
      setHint(els.joinHint, 'Room not found.', 'error');
      hidePassword();
    } else {
      const count = typeof info.count === 'number' ? ` · ${info.count} online` : '';
      setHint(els.joinHint, `Room found${count}${info.protected ? ' · password protected' : ''}.`, 'ok');
      if (info.protected) revealPassword(id);
      else hidePassword();
    }
    return info;
  }

  function prefillJoin(id) {
    els.joinId.value = id;
    selectCard('join', true);
    checkJoinRoom(id).then((info) => {
      if (!isShown('home') || normaliseRoom(els.joinId.value) !== id) return;
      if (info?.protected) els.joinPassword.focus();
      else els.joinBtn.focus();
    });
  }

  els.joinId.addEventListener('input', () => {
    clearError();
    clearTimeout(joinLookupTimer);
    const extracted = roomFromText(els.joinId.value);
    if (extracted !== els.joinId.value.trim()) els.joinId.value = extracted; // a pasted invite link
    const id = normaliseRoom(extracted);
    if (revealedFor && revealedFor !== id) hidePassword();
    setInvalid(els.joinId, false);
    if (!id) {
      setHint(els.joinHint, JOIN_HINT);
      return;
    }
    const problem = roomProblem(id);
    if (problem) {
      setInvalid(els.joinId, true);
      setHint(els.joinHint, problem, 'error');
      return;
    }
    setHint(els.joinHint, 'Checking…');
    joinLookupTimer = setTimeout(() => checkJoinRoom(id), LOOKUP_DELAY_MS);
  });

  els.joinPassword.addEventListener('input', clearError);

  $('form-join').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (els.joinBtn.disabled) return;
    clearError();
    clearTimeout(joinLookupTimer);
    const id = normaliseRoom(roomFromText(els.joinId.value));
    const problem = roomProblem(id);
    if (problem) {
      setInvalid(els.joinId, true);
      showError(problem, 'join');
      els.joinId.focus();
      return;
    }
    const passwordShown = !els.joinPasswordField.hidden && revealedFor === id;
    try {
      if (!passwordShown) {
        const info = await busy(els.joinBtn, checkJoinRoom(id));
        if (info && !info.exists) {
          showError(ERROR_TEXT.room_not_found, 'join');
          els.joinId.focus();
          return;
        }
        if (info?.protected) {
          els.joinPassword.focus(); // the field is shown now: ask for the password first
          return;
        }
      }
      const password = passwordShown ? els.joinPassword.value : '';
      if (passwordShown && !password) {
        showError('Enter the room’s password.', 'join');
        els.joinPassword.focus();
        return;
      }
      joined(await busy(els.joinBtn, client.join({ room: id, name, password: password || undefined })));
    } catch (error) {
      showError(describe(error), 'join');
      if (error.code === 'password_required' || error.code === 'wrong_password') {
        revealPassword(id);
        els.joinPassword.focus();
        els.joinPassword.select();
      } else if (error.code === 'room_not_found' || error.code === 'invalid_room') {
        els.joinId.focus();
      }
    }
  });

  return { showWelcome, showHome, invite };
}
