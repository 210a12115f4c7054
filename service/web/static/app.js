// PactCheck pages: small progressive enhancements only; every page works without this file.
"use strict";

// Light up every segment of the span a link points at (a span can be cut into several marks).
function flashSpan(id) {
  document.querySelectorAll("mark.flash").forEach((m) => m.classList.remove("flash"));
  if (!id) return;
  const marks = Array.from(document.querySelectorAll("mark[data-spans]")).filter((m) =>
    m.dataset.spans.split(" ").includes(id)
  );
  marks.forEach((m) => m.classList.add("flash"));
  if (marks.length) marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
}

document.addEventListener("DOMContentLoaded", () => {
  window.addEventListener("hashchange", () => flashSpan(decodeURIComponent(location.hash.slice(1))));
  if (location.hash) flashSpan(decodeURIComponent(location.hash.slice(1)));

  const all = document.getElementById("pick-all");
  if (all) {
    all.addEventListener("change", () => {
      document.querySelectorAll("input[name=article_ids]:not(:disabled)").forEach((box) => {
        box.checked = all.checked;
      });
    });
  }

  // A batch: follow the articles still queued or running until each is done or failed.
  const batch = document.getElementById("batch");
  if (batch && batch.dataset.ids) followBatch(batch);

  // While the summary is queued or running, reload until it is there.
  const meta = document.getElementById("article-meta");
  if (meta && (meta.dataset.status === "queued" || meta.dataset.status === "running")) {
    setTimeout(() => location.reload(), 2000);
  }
});

function followBatch(table) {
  const pending = () =>
    Array.from(table.querySelectorAll("tr[data-article]")).filter((row) => {
      const s = row.querySelector(".status");
      return s && (s.textContent === "queued" || s.textContent === "running");
    });
  const poll = () => {
    const rows = pending();
    if (!rows.length) return;
    const ids = rows.map((row) => row.dataset.article).join(",");
    fetch("/articles/progress?ids=" + encodeURIComponent(ids), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : {}))
      .then((states) => {
        rows.forEach((row) => {
          const state = states[row.dataset.article];
          if (!state) return;
          const badge = row.querySelector(".status");
          badge.textContent = state.status;
          badge.className = "status status-" + state.status;
          if (state.reason) badge.title = state.reason;
        });
        setTimeout(poll, 1500);
      })
      .catch(() => setTimeout(poll, 5000));
  };
  poll();
}
