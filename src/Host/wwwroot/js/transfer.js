// Import and export (/transfer). The file goes from the browser straight to the server: first as a dry run, whose report
// is shown with the choices it calls for (where each client's rows go), then again to import. Everything the server
// answers is written as text (textContent), never as markup: names and reasons come from the file.

const importForm = document.querySelector("form[data-import-form]");
const tokenOf = (form) => form.querySelector("input[name='__RequestVerificationToken']")?.value ?? "";

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function table(caption, headers, rows, testId) {
  const result = element("table", null, { "data-testid": testId });
  result.append(element("caption", caption));
  const head = element("tr");
  for (const h of headers) head.append(element("th", h, { scope: "col" }));
  result.append(element("thead"), element("tbody"));
  result.tHead.append(head);
  for (const cells of rows) {
    const row = element("tr");
    for (const cell of cells) {
      const td = element("td");
      if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? "";
      row.append(td);
    }
    result.tBodies[0].append(row);
  }
  return result;
}

function problemText(status, problem) {
  const details = Object.values(problem.errors ?? {}).flat();
  return [problem.detail ?? problem.title ?? `HTTP ${status}`, ...details.filter((d) => d !== problem.detail)].join(" ");
}

// Sends the form (the options first, the file last, as the server reads them) with upload progress.
function sendImport(form, dryRun, clientMapping, progress, status) {
  const body = new FormData();
  for (const name of ["format", "folderId", "duplicates", "password", "mapping"]) {
    const value = form.elements[name]?.value?.trim();
    if (value) body.append(name, value);
  }
  body.append("dryRun", dryRun ? "true" : "false");
  if (clientMapping && Object.keys(clientMapping).length > 0) body.append("clientMapping", JSON.stringify(clientMapping));
  const file = form.elements.file.files[0];
  body.append("file", file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/ui/imports");
    request.setRequestHeader("RequestVerificationToken", tokenOf(form));
    request.responseType = "json";
    progress.hidden = false;
    progress.value = 0;
    request.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      progress.value = Math.round((100 * event.loaded) / event.total);
      status.textContent = progress.value < 100 ? `Sending ${file.name}: ${progress.value}%` : (dryRun ? "Checking every row…" : "Importing…");
    });
    request.addEventListener("load", () => {
      progress.hidden = true;
      if (request.responseURL && !request.responseURL.includes("/ui/imports")) reject(new Error("your session has ended: reload the page and sign in again"));
      else if (request.status === 200 || request.status === 202) resolve(request.response); // 202: a large import, started as a job
      else reject(new Error(problemText(request.status, request.response ?? {})));
    });
    request.addEventListener("error", () => { progress.hidden = true; reject(new Error("the connection failed")); });
    request.send(body);
  });
}

function formatName(form, wireName) {
  return [...form.elements.format.options].find((o) => o.value === wireName)?.textContent ?? wireName;
}

// The client mapping rows: where each client of an MSP export goes, preset from the dry run.
const placements = [["client", "Into the client's own tenant"], ["shared", "Your folder for the client, shared with it"], ["msp", "Your folder for the client, not shared"]];

function clientRows(report) {
  const template = document.querySelector("template[data-client-tenants]");
  return report.clients.map((c) => {
    if (!report.dryRun) {
      const where = placements.find(([value]) => value === c.placement)?.[1] ?? c.placement;
      return [c.client, String(c.entries), where, c.tenantName ?? "", ""];
    }
    const placement = element("select", null, { "aria-label": `Where the rows of ${c.client} go`, "data-client": c.client });
    for (const [value, text] of placements) {
      const option = element("option", text, { value });
      option.selected = value === c.placement;
      placement.append(option);
    }
    const tenant = element("select", null, { "aria-label": `The client tenant of ${c.client}`, "data-client-tenant": c.client });
    tenant.append(template.content.cloneNode(true));
    tenant.value = c.tenantId ?? "";
    const note = c.matched ? `Matched by name: ${c.tenantName}.` : c.proposal ?? "";
    return [c.client, String(c.entries), placement, tenant, note];
  });
}

function chosenMapping(container) {
  const mapping = {};
  for (const select of container.querySelectorAll("select[data-client]")) {
    const tenant = container.querySelector(`select[data-client-tenant="${CSS.escape(select.dataset.client)}"]`)?.value;
    mapping[select.dataset.client] = { placement: select.value, ...(tenant ? { tenantId: tenant } : {}) };
  }
  return mapping;
}

function renderReport(form, container, report) {
  container.replaceChildren();
  const format = formatName(form, report.format);
  const files = report.files > 0 ? `, with ${report.files} attached file${report.files === 1 ? "" : "s"}` : "";
  const summary = report.dryRun
    ? `${format}: ${report.created} credential${report.created === 1 ? "" : "s"} would be imported${files}; ${report.skipped.length} row${report.skipped.length === 1 ? "" : "s"} would be skipped. Nothing has been written yet.`
    : `Imported ${report.created} credential${report.created === 1 ? "" : "s"}${files} from ${format}; ${report.skipped.length} row${report.skipped.length === 1 ? "" : "s"} skipped.`;
  container.append(element("p", summary, { class: report.dryRun ? "outcome" : "notice", "data-testid": "import-summary" }));
  if (report.clients.length > 0) {
    container.append(table("Clients in the file: where their rows go", ["Client", "Rows", "Where", "Client tenant", ""], clientRows(report), "import-clients"));
  }
  if (report.byFolder.length > 0) {
    container.append(table(report.dryRun ? "Where they would go" : "Where they went", ["Tenant", "Folder", "Credentials", ""],
      report.byFolder.map((f) => [f.tenant, f.folder || "(the top)", String(f.count), f.new ? "new folder" : ""]), "import-folders"));
  }
  if (report.duplicates.length > 0) {
    container.append(table("Already here (same name, username and URL)", ["Row", "Name"], report.duplicates.map((d) => [String(d.row), d.name]), "import-duplicates"));
  }
  if (report.skipped.length > 0) {
    container.append(table(report.dryRun ? "Rows that would be skipped" : "Rows skipped", ["Row", "Name", "Why"],
      report.skipped.map((s) => [String(s.row), s.name ?? "", s.reason]), "import-skipped"));
  }
  if (report.warnings.length > 0) {
    container.append(table("What comes over changed", ["Row", "Name", "What"], report.warnings.map((w) => [String(w.row), w.name ?? "", w.message]), "import-warnings"));
  }
}

function step(n) {
  document.querySelectorAll("[data-import-steps] li").forEach((li, i) => {
    if (i === n) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
  });
}

if (importForm) {
  const section = importForm.closest("section");
  const status = section.querySelector("[data-import-status]");
  const progress = section.querySelector("[data-import-progress]");
  const report = section.querySelector("[data-import-report]");
  const check = importForm.querySelector("[data-import-check]");
  const run = importForm.querySelector("[data-import-run]");
  const reset = importForm.querySelector("[data-import-reset]");
  let last = null;

  const fail = (error) => { status.textContent = `Refused: ${error.message}`; status.classList.add("problem"); };

  importForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.classList.remove("problem");
    if (!importForm.elements.file.files[0]) { fail(new Error("choose the export file first.")); return; }
    check.disabled = true;
    try {
      last = await sendImport(importForm, true, null, progress, status);
      renderReport(importForm, report, last);
      status.textContent = "Checked. Review the report, then import.";
      run.textContent = `Import ${last.created} credential${last.created === 1 ? "" : "s"}`;
      run.hidden = last.created === 0 && last.clients.length === 0;
      run.classList.add("primary");
      check.classList.remove("primary");
      step(1);
    } catch (error) {
      fail(error);
    } finally {
      check.disabled = false;
    }
  });

  run.addEventListener("click", async () => {
    status.classList.remove("problem");
    run.disabled = check.disabled = true;
    try {
      const done = await sendImport(importForm, false, last?.clients.length ? chosenMapping(report) : null, progress, status);
      if (done.jobId) {
        status.textContent = "Started as a background job: following it…";
        location.assign(`/jobs/${encodeURIComponent(done.jobId)}`);
        return;
      }
      renderReport(importForm, report, done);
      status.textContent = "Done.";
      run.hidden = true;
      reset.hidden = false;
      step(2);
    } catch (error) {
      fail(error);
    } finally {
      run.disabled = check.disabled = false;
    }
  });

  reset.addEventListener("click", () => location.replace(location.pathname));
  importForm.elements.file.addEventListener("change", () => {
    report.replaceChildren();
    run.hidden = true;
    check.classList.add("primary");
    status.textContent = "";
    step(0);
  });
}

// Export: the password fields only for the protected format; the warning only for the others.
const exportForm = document.querySelector("form[data-export-form]");
if (exportForm) {
  const status = exportForm.closest("section").querySelector("[data-export-status]");
  const protectedFormat = () => exportForm.elements.format.value === "bitwarden-json-encrypted";
  const sync = () => {
    for (const field of exportForm.querySelectorAll("[data-export-password]")) field.hidden = !protectedFormat();
    exportForm.querySelector("[data-export-plain]").hidden = protectedFormat();
  };
  exportForm.addEventListener("change", sync);
  sync();

  exportForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.classList.remove("problem");
    const password = exportForm.elements.password.value;
    if (protectedFormat() && password !== exportForm.elements.confirm.value) {
      status.textContent = "Refused: the two passwords differ.";
      status.classList.add("problem");
      return;
    }
    status.textContent = "Preparing the file…";
    try {
      const response = await fetch("/ui/exports", {
        method: "POST",
        headers: { RequestVerificationToken: tokenOf(exportForm), "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ format: exportForm.elements.format.value, folderId: exportForm.elements.folderId.value || null, password: protectedFormat() ? password : null }),
      });
      if (response.redirected) throw new Error("your session has ended: reload the page and sign in again");
      if (!response.ok) throw new Error(problemText(response.status, await response.json().catch(() => ({}))));
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "secureshare-export";
      saveBlob(await response.blob(), name);
      status.textContent = `Downloaded ${name}.`;
    } catch (error) {
      status.textContent = `Refused: ${error.message}`;
      status.classList.add("problem");
    }
  });
}
