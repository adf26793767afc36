// SecureShare UI helpers: no secret ever passes through here before the server renders a reveal.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  for (const box of document.querySelectorAll("input[name='ids'][type='checkbox']")) box.checked = all.checked;
});

// Passkeys: the options the server put on the button go to the browser's WebAuthn call, and its answer
// (PublicKeyCredential.toJSON(): public data and a signature, never a key) is posted with the button's form.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-passkey]");
  if (!button) return;
  event.preventDefault();
  const form = button.closest("form");
  const status = form.querySelector("[data-passkey-status]");
  try {
    const options = JSON.parse(button.dataset.options);
    const credential = button.dataset.passkey === "create"
      ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
      : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    form.querySelector("input[name='credential']").value = JSON.stringify(credential.toJSON());
    form.submit();
  } catch (error) {
    if (status) status.textContent = `The passkey did not answer (${error.name}). Try again, or use another way.`;
  }
});

// Menus (<details class="menu">): one open at a time; a click elsewhere or Escape closes them (Escape gives focus back).
document.addEventListener("click", (event) => {
  for (const menu of document.querySelectorAll("details.menu[open]")) {
    if (!menu.contains(event.target)) menu.open = false;
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const menu = event.target.closest?.("details.menu[open]") ?? document.querySelector("details.menu[open]");
  if (!menu) return;
  menu.open = false;
  menu.querySelector("summary").focus();
});

// Says something to screen readers (and shows it on the button that did it) without moving focus.
function announce(button, text) {
  const live = document.getElementById("live");
  if (live) live.textContent = text;
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = text;
  setTimeout(() => { button.textContent = button.dataset.label; }, 2500);
}

// A POST of the UI's scripts: the session cookie goes by itself; the page's antiforgery token goes as a header.
async function postForJson(url) {
  const token = document.querySelector("input[name='__RequestVerificationToken']")?.value ?? "";
  const response = await fetch(url, { method: "POST", headers: { RequestVerificationToken: token }, credentials: "same-origin" });
  if (response.redirected) throw new Error("your session has ended: reload the page and sign in again");
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail ?? body.title ?? `HTTP ${response.status}`);
  return body;
}

// Copy: the text of an element on the page (data-copy: its id, e.g. a revealed secret), a value the page already shows
// (data-copy-text: a username), or a secret fetched only on this click (data-copy-secret: the server audits it as a
// reveal). The fetch runs inside the ClipboardItem so the click still counts as the user's gesture when the answer arrives.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy], [data-copy-text], [data-copy-secret]");
  if (!button) return;
  event.preventDefault();
  try {
    if (button.dataset.copy) {
      await navigator.clipboard.writeText(document.getElementById(button.dataset.copy).textContent);
    } else if (button.dataset.copySecret) {
      const blob = postForJson(button.dataset.copySecret).then((body) => {
        if (!body.secret) throw new Error("This credential has no password to copy.");
        return new Blob([body.secret], { type: "text/plain" });
      });
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
    } else {
      await navigator.clipboard.writeText(button.dataset.copyText);
    }
    announce(button, "Copied");
  } catch (error) {
    announce(button, `Copy failed: ${error.message}`);
  }
});

// The current one-time code: fetched on click (audited), shown with the seconds it stays good, gone when they run out.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-totp]");
  if (!button) return;
  event.preventDefault();
  const box = document.getElementById(button.dataset.target);
  const code = box.querySelector("[data-code]");
  const left = box.querySelector("[data-left]");
  const bar = box.querySelector("progress");
  try {
    const answer = await postForJson(button.dataset.totp);
    code.textContent = `${answer.code.slice(0, 3)} ${answer.code.slice(3)}`;
    code.dataset.value = answer.code;
    box.hidden = false;
    let seconds = answer.secondsLeft;
    clearInterval(Number(box.dataset.timer));
    const tick = () => {
      left.textContent = `${seconds} s left`;
      bar.value = seconds;
      if (seconds-- <= 0) {
        clearInterval(Number(box.dataset.timer));
        code.textContent = "expired";
        delete code.dataset.value;
        left.textContent = "Show the code again for the next one.";
      }
    };
    tick();
    box.dataset.timer = String(setInterval(tick, 1000));
  } catch (error) {
    announce(button, error.message);
  }
});

// Password generator: random characters from the chosen sets, or a passphrase of random words, from the browser's CSPRNG
// (crypto.getRandomValues, rejection-sampled so every choice is equally likely). Nothing is sent anywhere.
function randomIndex(n) {
  const limit = Math.floor(0x100000000 / n) * n;
  const buffer = new Uint32Array(1);
  do crypto.getRandomValues(buffer); while (buffer[0] >= limit);
  return buffer[0] % n;
}

const CharacterSets = {
  lower: "abcdefghijkmnopqrstuvwxyz",
  upper: "ABCDEFGHJKLMNPQRSTUVWXYZ",
  digits: "23456789",
  symbols: "!#$%&()*+,-./:;<=>?@[]^_{|}~",
};

// A number field's value within its bounds (the browser's min and max are hints, not limits), its default when empty.
function clamp(input, min, max, fallback) {
  const number = Math.floor(Number(input.value));
  return Number.isFinite(number) && input.value !== "" ? Math.min(Math.max(number, min), max) : fallback;
}

function generate(panel) {
  const value = (name) => panel.querySelector(`[data-gen='${name}']`);
  if (value("mode").value === "passphrase") {
    const words = clamp(value("words"), 4, 12, 6);
    const list = GeneratorWords;
    const chosen = Array.from({ length: words }, () => list[randomIndex(list.length)]);
    chosen[randomIndex(words)] += String(randomIndex(10));
    return { text: chosen.join("-"), bits: words * Math.log2(list.length) + Math.log2(10 * words) };
  }
  const sets = Object.keys(CharacterSets).filter((set) => value(set).checked).map((set) => CharacterSets[set]);
  if (sets.length === 0) return { text: "", bits: 0 };
  const length = clamp(value("length"), 8, 128, 20);
  // One character of each chosen set, the rest from all of them, then shuffled (Fisher–Yates).
  const all = sets.join("");
  const chars = sets.map((set) => set[randomIndex(set.length)]);
  while (chars.length < length) chars.push(all[randomIndex(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return { text: chars.join(""), bits: length * Math.log2(all.length) };
}

function refreshGenerator(panel) {
  const passphrase = panel.querySelector("[data-gen='mode']").value === "passphrase";
  for (const part of panel.querySelectorAll("[data-gen-chars]")) part.hidden = passphrase;
  for (const part of panel.querySelectorAll("[data-gen-words]")) part.hidden = !passphrase;
  const { text, bits } = generate(panel);
  const output = panel.querySelector("[data-gen-output]");
  output.textContent = text || "Choose at least one kind of character.";
  output.dataset.value = text;
  panel.querySelector("[data-gen-strength]").textContent = text ? `about ${Math.floor(bits)} bits of randomness` : "";
}

document.addEventListener("toggle", (event) => {
  if (event.target.matches?.("details.generator") && event.target.open) refreshGenerator(event.target);
}, true);
// "input" only: a "change" also fires when a field loses focus (on the way to "Use"), and would replace the shown value.
document.addEventListener("input", (event) => {
  const panel = event.target.closest?.("details.generator");
  if (panel) refreshGenerator(panel);
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-gen-again], [data-gen-use]");
  if (!button) return;
  event.preventDefault();
  const panel = button.closest("details.generator");
  if (button.matches("[data-gen-again]")) {
    refreshGenerator(panel);
    return;
  }
  const value = panel.querySelector("[data-gen-output]").dataset.value;
  if (!value) return;
  const field = document.getElementById(panel.dataset.for);
  field.value = value;
  field.type = "text"; // the one who generated it sees what will be saved
  panel.open = false;
  field.focus();
});

// Files: uploads go straight from the browser to the server as multipart (the antiforgery token as a header), one file after
// the other; the page then loads again to list them. A file input with data-upload (choose or replace) or a drop zone
// with data-drop names where to.
async function uploadFiles(url, files, status) {
  const token = document.querySelector("input[name='__RequestVerificationToken']")?.value ?? "";
  try {
    for (const file of files) {
      status.textContent = `Uploading ${file.name}…`;
      const body = new FormData();
      body.append("file", file, file.name);
      const response = await fetch(url, { method: "POST", headers: { RequestVerificationToken: token }, body, credentials: "same-origin" });
      if (response.redirected) throw new Error("your session has ended: reload the page and sign in again");
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(`${file.name}: ${problem.detail ?? problem.title ?? `HTTP ${response.status}`}`);
      }
    }
    status.textContent = "Uploaded.";
    location.replace(location.pathname);
  } catch (error) {
    status.textContent = `Upload failed: ${error.message}`;
    status.classList.add("problem");
  }
}

const uploadStatus = (element) => element.closest("section")?.querySelector("[data-upload-status]") ?? document.getElementById("live");

document.addEventListener("change", (event) => {
  const input = event.target.closest("input[type='file'][data-upload]");
  if (!input || input.files.length === 0) return;
  uploadFiles(input.dataset.upload, [...input.files], uploadStatus(input));
});

for (const type of ["dragenter", "dragover"]) {
  document.addEventListener(type, (event) => {
    const zone = event.target.closest?.("[data-drop]");
    if (!zone) return;
    event.preventDefault();
    zone.classList.add("over");
  });
}

document.addEventListener("dragleave", (event) => event.target.closest?.("[data-drop]")?.classList.remove("over"));

document.addEventListener("drop", (event) => {
  const zone = event.target.closest?.("[data-drop]");
  if (!zone) return;
  event.preventDefault();
  zone.classList.remove("over");
  if (event.dataTransfer.files.length > 0) uploadFiles(zone.dataset.drop, [...event.dataTransfer.files], uploadStatus(zone));
});

// A download is a POST with the page's token; fetched here, so that a refusal shows beside its button and the page stays.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-download]");
  if (!form) return;
  event.preventDefault();
  const status = uploadStatus(form);
  const token = form.querySelector("input[name='__RequestVerificationToken']")?.value ?? "";
  try {
    const response = await fetch(form.action, { method: "POST", headers: { RequestVerificationToken: token }, credentials: "same-origin" });
    if (response.redirected) throw new Error("your session has ended: reload the page and sign in again");
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail ?? problem.title ?? `HTTP ${response.status}`);
    }
    saveBlob(await response.blob(), form.dataset.download);
    status.classList.remove("problem");
    status.textContent = `Downloaded ${form.dataset.download}.`;
  } catch (error) {
    status.textContent = `Download failed: ${error.message}`;
    status.classList.add("problem");
  }
});

// Hands a blob to the browser as a file download under the given name.
function saveBlob(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
