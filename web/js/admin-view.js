/*
 * The operators' view: feedback (filter, table, CSV download) and documents (status and failure reason, upload
 * with progress by picking or dropping files, delete after confirmation, "sync now" with the latest run's state),
 * gaps (questions answered with no source or rated 👎, by wording), usage (usage-view.js).
 * Shown only when the admin routes answer this user (operators: Cognito group admins); everyone else never sees it.
 */
import { config } from "./settings.js";
import { make, setStatus } from "./dom.js";
import { t, formatDateTime } from "./i18n.js";
import { UsageView } from "./usage-view.js";

const TYPES = { md: "text/markdown", txt: "text/plain", html: "text/html", pdf: "application/pdf" };
const el = (id) => document.getElementById(id);

/** The admin routes live next to the session route on the same HTTP API. */
function adminUrl(path) {
  return config.sessionApiUrl.replace(/\/user-session$/, "") + path;
}

export class AdminView {
  /** @param {function(): (string|null)} token */
  constructor(token) {
    this.token = token;
    this.root = el("admin");
    el("admin-open").addEventListener("click", () => this.toggle());
    el("admin-feedback-rating").addEventListener("change", () => this.loadFeedback());
    el("admin-feedback-csv").addEventListener("click", () => this.downloadCsv());
    el("admin-sync").addEventListener("click", () => this.sync());
    el("admin-gaps-since").addEventListener("change", () => this.loadGaps());
    this.usage = new UsageView({ request: this.request.bind(this), json: this.json.bind(this),
      failed: (e) => setStatus(e.message, "error") });
    el("admin-upload-file").addEventListener("change", (event) => this.uploadAll(event.target.files));
    const drop = el("admin-drop");
    drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      this.uploadAll(event.dataTransfer.files);
    });
  }

  async request(method, path, body) {
    const headers = { "Content-Type": "application/json" };
    if (this.token()) {
      headers.Authorization = "Bearer " + this.token();
    }
    return fetch(adminUrl(path), { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) });
  }

  /** Shows the Operators button when the admin routes answer this user; hides it (and the view) otherwise. */
  async probe() {
    let allowed = false;
    try {
      allowed = (await this.request("GET", "/admin/feedback?limit=1")).ok;
    } catch (e) {
      allowed = false;
    }
    el("admin-open").hidden = !allowed;
    if (!allowed) {
      this.root.hidden = true;
    }
  }

  toggle() {
    this.root.hidden = !this.root.hidden;
    if (!this.root.hidden) {
      this.loadFeedback();
      this.loadDocuments();
      this.loadGaps();
      this.usage.load();
    }
  }

  async json(response) {
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(typeof body.message === "string" ? body.message : "status " + response.status);
    }
    return body;
  }

  async loadFeedback() {
    const rating = el("admin-feedback-rating").value;
    const body = await this.json(await this.request("GET", "/admin/feedback" + (rating ? "?rating=" + rating : "")))
      .catch((e) => { setStatus(e.message, "error"); return { items: [] }; });
    const rows = el("admin-feedback-rows");
    rows.replaceChildren();
    for (const item of body.items || []) {
      const row = make("tr", "feedback-row");
      row.append(make("td", null, formatDateTime(new Date(item.ratedAt))), make("td", "rating rating-" + item.rating, t("admin.rating." + item.rating)),
        make("td", null, item.category || ""), make("td", "comment", item.comment), make("td", null, item.question),
        make("td", null, (item.sources || []).join("; ")));
      rows.append(row);
    }
    el("admin-feedback-empty").hidden = (body.items || []).length > 0;
  }

  async loadGaps() {
    const since = el("admin-gaps-since").value;
    const body = await this.json(await this.request("GET", "/admin/gaps" + (since ? "?since=" + since : "")))
      .catch((e) => { setStatus(e.message, "error"); return { gaps: [] }; });
    const rows = el("admin-gap-rows");
    rows.replaceChildren();
    for (const gap of body.gaps || []) {
      const row = make("tr", "gap-row");
      row.append(make("td", "gap-question", gap.question), make("td", null, String(gap.count)),
        make("td", null, String(gap.unsourced)), make("td", null, String(gap.ratedDown)),
        make("td", null, formatDateTime(new Date(gap.lastAskedAt))));
      rows.append(row);
    }
    el("admin-gaps-empty").hidden = (body.gaps || []).length > 0;
  }

  async downloadCsv() {
    const rating = el("admin-feedback-rating").value;
    const response = await this.request("GET", "/admin/feedback.csv" + (rating ? "?rating=" + rating : ""));
    if (!response.ok) {
      setStatus(t("admin.csvFailed", { status: response.status }), "error");
      return;
    }
    const link = make("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = "feedback.csv";
    document.body.append(link);
    link.click();
    link.remove();
  }

  async loadDocuments() {
    const [documents, jobs] = await Promise.all([
      this.json(await this.request("GET", "/admin/documents")).catch((e) => { setStatus(e.message, "error"); return { documents: [] }; }),
      this.json(await this.request("GET", "/admin/ingestion")).catch(() => ({ jobs: [] })),
    ]);
    const rows = el("admin-document-rows");
    rows.replaceChildren();
    for (const document of documents.documents || []) {
      const row = make("tr", "document-row");
      row.dataset.path = document.path;
      const status = make("td", "document-status status-" + document.status, t("admin.status." + document.status));
      if (document.reason) {
        status.append(make("div", "document-reason", document.reason));
      }
      const remove = make("button", "link-button delete-document", t("admin.delete"));
      remove.type = "button";
      remove.addEventListener("click", () => this.remove(document.path));
      const actions = make("td");
      actions.append(remove);
      row.append(make("td", "document-path", document.path), make("td", null, String(document.size)),
        make("td", null, formatDateTime(new Date(document.lastModified))), status, actions);
      rows.append(row);
    }
    const latest = (jobs.jobs || [])[0];
    el("admin-job-state").textContent = latest
      ? t("admin.latestJob", { status: latest.status, started: formatDateTime(new Date(latest.startedAt)),
        indexed: latest.indexed, failed: latest.failed }) + (latest.failureReasons.length ? " — " + latest.failureReasons.join("; ") : "")
      : t("admin.noJobs");
  }

  async uploadAll(files) {
    for (const file of Array.from(files || [])) {
      await this.upload(file).catch((e) => setStatus(t("admin.uploadFailed", { name: file.name, reason: e.message }), "error"));
    }
    el("admin-upload-file").value = "";
    await this.loadDocuments();
  }

  async upload(file) {
    const extension = file.name.includes(".") ? file.name.split(".").pop().toLowerCase() : "";
    const ticket = await this.json(await this.request("POST", "/admin/documents/uploads",
      { path: file.name, contentType: TYPES[extension] || file.type || "application/octet-stream", size: file.size }));
    const progress = el("admin-upload-progress");
    progress.hidden = false;
    progress.value = 0;
    await new Promise((resolve, reject) => {
      const put = new XMLHttpRequest();
      put.open("PUT", new URL(ticket.uploadUrl, location.href).href);
      Object.entries(ticket.headers || {}).forEach(([name, value]) => put.setRequestHeader(name, value));
      put.upload.onprogress = (event) => { progress.value = event.lengthComputable ? event.loaded / event.total : 0; };
      put.onload = () => (put.status >= 200 && put.status < 300 ? resolve() : reject(new Error("status " + put.status)));
      put.onerror = () => reject(new Error(t("admin.uploadNetwork")));
      put.send(file);
    });
    progress.value = 1;
    setStatus(t("admin.uploaded", { name: file.name }), "ok");
  }

  async remove(path) {
    if (!window.confirm(t("admin.confirmDelete", { path: path }))) {
      return;
    }
    await this.json(await this.request("DELETE", "/admin/documents/" + path.split("/").map(encodeURIComponent).join("/")))
      .then(() => setStatus(t("admin.deleted", { path: path }), "ok"))
      .catch((e) => setStatus(e.message, "error"));
    await this.loadDocuments();
  }

  async sync() {
    await this.json(await this.request("POST", "/admin/ingestion", {})).catch((e) => setStatus(e.message, "error"));
    await this.loadDocuments();
  }
}
