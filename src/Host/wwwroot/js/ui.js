// SecureShare UI helpers: no secret ever passes through here before the server renders a reveal.
document.addEventListener("change", (event) => {
  const all = event.target.closest("[data-select-all]");
  if (!all) return;
  for (const box of document.querySelectorAll("input[name='ids'][type='checkbox']")) box.checked = all.checked;
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Copy failed";
  }
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
