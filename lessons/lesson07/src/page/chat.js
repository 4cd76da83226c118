// Lesson 07's chat page: one WebSocket to the server that served this page.
// Every line from the network goes in with textContent, never innerHTML, so
// a name like <script>...</script> is shown as text and never run.
"use strict";

const log = document.getElementById("log");
const state = document.getElementById("state");
const form = document.getElementById("say");
const input = document.getElementById("line");

function show(line, mine = false) {
  const item = document.createElement("li");
  item.textContent = line;
  // Your own lines are marked by their class, which no peer can send:
  // marked by text ("you: ..."), a peer named "you" could forge them.
  if (mine) item.className = "mine";
  else if (line.startsWith("* ")) item.className = "notice";
  // The server's hello says the name was taken: from now on, lines are messages.
  if (line.startsWith("* hello ")) document.body.dataset.named = "yes";
  if (!mine && line.startsWith("! ")) item.className = "refused";
  log.appendChild(item);
  item.scrollIntoView({ block: "end" });
}

const scheme = location.protocol === "https:" ? "wss://" : "ws://";
const socket = new WebSocket(scheme + location.host + "/ws");
socket.addEventListener("open", () => { state.textContent = "connected"; });
socket.addEventListener("message", (event) => show(event.data));
socket.addEventListener("close", () => {
  state.textContent = "disconnected";
  input.disabled = true;
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (socket.readyState !== WebSocket.OPEN || input.value === "") return;
  socket.send(input.value);
  // Your own messages are not sent back to you: show them here.
  if (document.body.dataset.named === "yes") show(input.value, true);
  input.value = "";
});
