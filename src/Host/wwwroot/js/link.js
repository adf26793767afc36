// The recipient page of a link share. The key is the part of the link after '#': browsers never send it,
// so it stays on this page. The page asks the server for the sealed content (which counts one view) and
// opens it here with WebCrypto (AES-256-GCM, the link's token as associated data). A link's files come
// sealed too, chunk by chunk, under a key derived from the same key (HKDF-SHA256, the file's id as info);
// each chunk's nonce is its index, and the file, the index and whether it is the last are its associated data.
"use strict";

(() => {
  const token = location.pathname.split("/").filter(Boolean).pop() || "";
  const key = location.hash.slice(1);
  // The key leaves the address bar and the history entry; this page keeps it in memory only.
  history.replaceState(null, "", location.pathname);

  const $ = (id) => document.getElementById(id);
  const api = `/api/v1/public/links/${encodeURIComponent(token)}`;

  const fromBase64Url = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  };

  const say = (text, problem = false) => {
    $("status").textContent = text;
    $("status").className = problem ? "problem" : "";
  };

  const gone = (detail) => {
    $("title").textContent = "This link is no longer available";
    $("open").hidden = true;
    say(detail || "It has expired, has been used up or revoked. Ask its sender for a new one.", true);
  };

  const problemOf = async (response) => {
    try { return await response.json(); } catch { return {}; }
  };

  const fileLabel = new TextEncoder().encode("secureshare/file-chunk/v1");

  const fileKey = async (hexId) => {
    const base = await crypto.subtle.importKey("raw", fromBase64Url(key), "HKDF", false, ["deriveKey"]);
    return crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: new TextEncoder().encode(`secureshare/link-file/v1/${hexId}`) },
      base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
  };

  const chunkParameters = (id, index, last) => {
    const iv = new Uint8Array(12);
    new DataView(iv.buffer).setBigUint64(0, BigInt(index));
    const context = new Uint8Array(fileLabel.length + 16 + 8 + 1);
    context.set(fileLabel);
    context.set(id, fileLabel.length);
    new DataView(context.buffer).setBigUint64(fileLabel.length + 16, BigInt(index));
    context[context.length - 1] = last ? 1 : 0;
    return { name: "AES-GCM", iv, additionalData: context, tagLength: 128 };
  };

  // Fetches a file's sealed chunks (each after its 4-byte length), opens them in order, and saves the file.
  const download = async (file, grant, button) => {
    button.disabled = true;
    say(`Downloading ${file.name}…`);
    try {
      const response = await fetch(`${api}/files/${file.id}`, { headers: { "X-Link-Grant": grant }, cache: "no-store", referrerPolicy: "no-referrer" });
      if (!response.ok) throw new Error("The file is no longer available: its link has ended.");
      const framed = new Uint8Array(await response.arrayBuffer());
      const view = new DataView(framed.buffer);
      const chunks = [];
      let at = 0;
      while (at + 4 <= framed.length) {
        const length = view.getUint32(at);
        chunks.push(framed.subarray(at + 4, at + 4 + length));
        at += 4 + length;
      }
      if (chunks.length === 0 || at !== framed.length) throw new Error("altered");
      const hexId = file.id.replaceAll("-", "");
      const id = Uint8Array.from(hexId.match(/../g), (pair) => parseInt(pair, 16));
      const cryptoKey = await fileKey(hexId);
      const parts = [];
      for (let i = 0; i < chunks.length; i++) {
        parts.push(await crypto.subtle.decrypt(chunkParameters(id, i, i === chunks.length - 1), cryptoKey, chunks[i]));
      }
      if (parts.reduce((total, part) => total + part.byteLength, 0) !== file.size) throw new Error("altered");
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob(parts, { type: "application/octet-stream" }));
      link.download = file.name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      say(`Downloaded ${file.name}.`);
    } catch (error) {
      say(error.message?.startsWith("The file") ? error.message : "The file does not open with this link's key: it was altered, or the link was copied incompletely.", true);
    } finally {
      button.disabled = false;
    }
  };

  const showFiles = (files, grant) => {
    const list = $("files");
    list.replaceChildren();
    for (const file of files) {
      const item = document.createElement("li");
      const name = document.createElement("span");
      name.textContent = `${file.name} (${file.size.toLocaleString()} bytes)`;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Download";
      button.setAttribute("aria-label", `Download ${file.name}`);
      button.addEventListener("click", () => download(file, grant, button));
      item.append(name, button);
      list.append(item);
    }
    list.hidden = files.length === 0;
  };

  const show = (content) => {
    const list = $("values");
    list.replaceChildren();
    for (const field of content.fields) {
      const term = document.createElement("dt");
      term.textContent = field.label;
      const value = document.createElement("pre");
      value.textContent = field.value;
      const copy = document.createElement("button");
      copy.type = "button";
      copy.textContent = "Copy";
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(field.value);
          copy.textContent = "Copied";
        } catch {
          copy.textContent = "Copy failed";
        }
      });
      const detail = document.createElement("dd");
      detail.append(value, copy);
      list.append(term, detail);
    }
    list.hidden = false;
  };

  const open = async (event) => {
    event.preventDefault();
    $("reveal").disabled = true;
    say("Opening…");
    const passphrase = $("passphrase-row").hidden ? null : $("passphrase").value;
    const response = await fetch(`${api}/open`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ passphrase }),
      cache: "no-store",
      referrerPolicy: "no-referrer",
    });
    if (response.status === 410) return gone();
    if (!response.ok) {
      const problem = await problemOf(response);
      $("reveal").disabled = false;
      if (response.status === 403 && problem.attemptsLeft === 0) return gone(problem.detail);
      if (response.status === 403) $("passphrase-row").hidden = false;
      return say(problem.detail || "The link could not be opened. Try again.", true);
    }
    const sealed = await response.json();
    try {
      const cryptoKey = await crypto.subtle.importKey("raw", fromBase64Url(key), "AES-GCM", false, ["decrypt"]);
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(sealed.nonce), additionalData: new TextEncoder().encode(token), tagLength: 128 },
        cryptoKey,
        fromBase64Url(sealed.ciphertext));
      show(JSON.parse(new TextDecoder().decode(plain)));
      showFiles(sealed.files ?? [], sealed.filesGrant);
      $("passphrase").value = "";
      $("open").hidden = true;
      const left = sealed.maxViews - sealed.views;
      const files = (sealed.files ?? []).length > 0 ? " Download its files within 15 minutes." : "";
      say((left > 0 ? `Views left after this one: ${left}.` : "This was the link's last view: copy what you need now.") + files);
    } catch {
      say("The link's key does not open this content: the link was copied incompletely.", true);
    }
  };

  const start = async () => {
    if (!window.crypto || !crypto.subtle) return say("This page needs a secure (HTTPS) connection to decrypt.", true);
    if (!key) return say("This link is incomplete: the part after '#' is missing. Copy the whole link.", true);
    const response = await fetch(api, { cache: "no-store", referrerPolicy: "no-referrer" });
    if (response.status === 410) return gone();
    if (!response.ok) return say((await problemOf(response)).detail || "The link could not be checked. Try again later.", true);
    const preview = await response.json();
    $("title").textContent = preview.title;
    $("passphrase-row").hidden = !preview.passphraseRequired;
    $("open").hidden = false;
    $("open").addEventListener("submit", open);
    say(preview.passphraseRequired
      ? "Enter the passphrase you were given separately, then show the secret."
      : "Show the secret when you are ready: opening it counts as one view.");
  };

  start().catch(() => say("Something went wrong. Reload the page to try again.", true));
})();
