/**
 * The server's input rules (protocol v1, "Names and limits"), invite-link parsing and the
 * human-readable text for protocol error codes. Pure functions: no DOM, no connection.
 */

const ROOM_RE = /^[a-z0-9_-]{1,64}$/;
const CONTROL_RE = /\p{Cc}/u;

/** Human-readable text per protocol error code (plus the client's `disconnected`/`timeout`). */
export const ERROR_TEXT = Object.freeze({
  wrong_password: 'Wrong password. Check it and try again.',
  password_required: 'This room is protected: enter its password.',
  name_taken: 'Someone in this room already uses that name. Change your name and try again.',
  room_not_found: 'Room not found. Check the room id.',
  room_exists: 'A room with this id already exists. Choose another id, or join that room.',
  rate_limited: 'You are sending messages too fast. Wait a moment and try again.',
  invalid_room: 'Room ids are 1 to 64 characters: a–z, 0–9, - and _.',
  invalid_name: 'Names are 1 to 32 characters, without control characters.',
  invalid_password: 'Passwords are 1 to 128 characters.',
  invalid_text: 'That message is empty or too long.',
  room_full: 'This room is full. Try again later.',
  limit_reached: 'The server is at its limit right now. Try again later.',
  unauthorized: 'You are not allowed to do that.',
  disconnected: 'Not connected to the server. Check your connection and try again.',
  timeout: 'The server did not answer in time. Try again.',
  already_joined: 'You are already in this room.',
  not_joined: 'You are no longer in this room.',
  bad_request: 'The server could not understand the request.',
  internal: 'Something went wrong on the server. Try again.',
});

const LEFT_TEXT = Object.freeze({
  room_closed: 'The room was closed.',
  kicked: 'You were removed from the room.',
  resumed_elsewhere: 'You opened this room in another window, so this one left it.',
});

/** Length in Unicode code points, as the protocol counts. */
export const codePoints = (s) => [...s].length;

/** A display name as the server stores it: trimmed, NFC. */
export const normaliseName = (raw) => raw.trim().normalize('NFC');

/** A room id as the server reads it: trimmed, lower case. */
export const normaliseRoom = (raw) => raw.trim().toLowerCase();

/** What is wrong with a normalised display name, or null. */
export function nameProblem(name) {
  if (!name) return 'Enter a name.';
  if (codePoints(name) > 32) return 'Names can be at most 32 characters long.';
  if (CONTROL_RE.test(name)) return 'Names cannot contain control characters.';
  return null;
}

/** What is wrong with a normalised room id, or null. */
export function roomProblem(id) {
  if (!id) return 'Enter a room id.';
  if (codePoints(id) > 64) return 'Room ids can be at most 64 characters long.';
  if (!ROOM_RE.test(id)) return 'Room ids may only contain a–z, 0–9, - and _.';
  return null;
}

/** What is wrong with a non-empty password, or null (empty means no password). */
export function passwordProblem(password) {
  return codePoints(password) > 128 ? 'Passwords can be at most 128 characters long.' : null;
}

/**
 * The text for an error (a ChitChatError, an `error` frame, or anything with `code`/`message`).
 * @param {{code?: string, message?: string}} error
 * @param {number} [maxText] the server's message length limit
 */
export function describeError(error, maxText = 4000) {
  const code = error?.code;
  if (code === 'invalid_text') return `Messages are 1 to ${maxText} characters long.`;
  return ERROR_TEXT[code] || error?.message || 'Something went wrong. Try again.';
}

/** The text for a `left` the user did not ask for. */
export function leftText(frame) {
  if (frame.reason === 'rejoin_failed') {
    return `You were disconnected from room “${frame.room}” and could not rejoin: ${describeError(frame)}`;
  }
  return LEFT_TEXT[frame.reason] || 'You left the room.';
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A room id from a pasted invite link (`...#/room/<id>` or `...?room=<id>`), else the text. */
export function roomFromText(raw) {
  const text = raw.trim();
  const hash = /#\/room\/([^/?#\s]+)/.exec(text);
  if (hash) return safeDecode(hash[1]);
  if (/^https?:\/\//i.test(text)) {
    try {
      const room = new URL(text).searchParams.get('room');
      if (room) return room;
    } catch { /* not a link */ }
  }
  return text;
}

/** The valid, normalised room id a page URL invites to (`#/room/<id>` or `?room=<id>`), or null. */
export function roomFromUrl(href) {
  const url = new URL(href);
  const hash = /^#\/room\/([^/?#]+)/.exec(url.hash);
  const raw = hash ? safeDecode(hash[1]) : url.searchParams.get('room');
  if (!raw) return null;
  const id = normaliseRoom(raw);
  return roomProblem(id) ? null : id;
}
