/**
 * Small DOM helpers shared by the screens: switching screens, the one inline error area
 * (#error, moved next to whatever it is about), hints, invalid marks and busy buttons.
 */

const CHAT_ERROR_MS = 6000;

export const $ = (id) => document.getElementById(id);

const screens = {
  welcome: $('screen-welcome'),
  home: $('screen-home'),
  chat: $('screen-chat'),
};
const errorEl = $('error');
let errorTimer = null;

/** Shows one screen; `errorSlot` names the `.error-slot[data-slot]` that #error moves to. */
export function showScreen(screen, errorSlot = screen) {
  for (const [key, el] of Object.entries(screens)) el.hidden = key !== screen;
  document.body.dataset.screen = screen;
  clearError();
  moveError(errorSlot);
}

export function isShown(screen) {
  return !screens[screen].hidden;
}

function moveError(slot) {
  const target = document.querySelector(`.error-slot[data-slot="${slot}"]`);
  if (target && errorEl.parentElement !== target) target.append(errorEl);
}

/** Shows an error next to `slot`; on the chat screen it goes away by itself after a while. */
export function showError(text, slot) {
  if (slot) moveError(slot);
  clearTimeout(errorTimer);
  errorEl.textContent = text;
  errorEl.hidden = false;
  if (slot === 'chat') {
    errorTimer = setTimeout(() => { if (errorEl.textContent === text) clearError(); }, CHAT_ERROR_MS);
  }
}

export function clearError() {
  errorEl.hidden = true;
  errorEl.textContent = '';
}

export function errorText() {
  return errorEl.textContent;
}

/** Sets a field's hint; `tone` is 'error', 'ok' or nothing. */
export function setHint(el, text, tone) {
  el.textContent = text;
  el.classList.toggle('is-error', tone === 'error');
  el.classList.toggle('is-ok', tone === 'ok');
}

export function setInvalid(input, invalid) {
  if (invalid) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** Marks a button busy while `promise` runs; a disabled button does not submit again. */
export async function busy(button, promise) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await promise;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}
