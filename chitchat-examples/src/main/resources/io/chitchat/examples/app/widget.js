// A chat box on the application's own page (index.html), on the browser library that the chat mounted at /chat
// serves. It joins the permanent room "lobby" under a guest name, shows its messages and sends the form's text.
// docs/web-client.md quotes the region below.

// tag::widget[]
import { ChitChatClient, defaultUrl } from '/chat/chitchat-client.js';

const log = document.getElementById('chat-log');
const form = document.getElementById('chat-form');
const client = new ChitChatClient(defaultUrl(new URL('/chat/', location.href).href)); // ws(s)://host/chat/ws

function show(name, text) {
  const line = document.createElement('li');
  line.textContent = `${name}: ${text}`; // always as text, never as HTML
  log.append(line);
}

client.on('message', (m) => show(m.from.name, m.text)); // each entry once, in order, also after a reconnect
client.connect();
const joined = await client.join({ room: 'lobby', name: `guest-${Math.floor(Math.random() * 10000)}` });
joined.history.filter((e) => e.type === 'message').forEach((m) => show(m.from.name, m.text));

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = form.elements.text.value;
  form.reset();
  try {
    await client.send('lobby', text); // resolves with the ack; the message itself arrives as a 'message' event
  } catch (error) {
    show('!', `${error.code}: ${error.message}`); // e.g. rate_limited, invalid_text
  }
});
// end::widget[]
