// The recipient page of a link share. The key is the part of the link after '#': browsers never send it,
// so it stays on this page. The page asks the server for the sealed content (which counts one view) and
// opens it here with WebCrypto (AES-256-GCM, the link's token as associated data).
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
      $("passphrase").value = "";
      $("open").hidden = true;
      const left = sealed.maxViews - sealed.views;
      say(left > 0 ? `Views left after this one: ${left}.` : "This was the link's last view: copy what you need now.");
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
