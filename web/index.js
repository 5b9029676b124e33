// The start page: the showcase queries (queries/*.rq, each labelled by the
// question its opening comment asks), a SPARQL editor and a results table.
"use strict";
(() => {
  const { el, info, getJSON, href } = vitae;
  const $ = (id) => document.getElementById(id);

  async function loadQueries() {
    const select = $("showcase");
    try {
      const { queries } = await getJSON("/api/queries");
      for (const q of queries) select.append(el("option", { value: q.name, title: q.name }, q.question || q.name));
      select.addEventListener("change", () => {
        const q = queries.find((x) => x.name === select.value);
        if (q) $("query").value = q.query;
      });
      const wanted = new URLSearchParams(location.search).get("showcase");
      const pick = queries.find((x) => x.name === wanted);
      if (pick) { select.value = pick.name; $("query").value = pick.query; run(); }
    } catch (e) {
      select.append(el("option", { disabled: true }, "showcase queries unavailable: " + e.message));
    }
  }

  function cell(term, base) {
    if (!term) return el("td");
    if (term.type === "uri") return el("td", null, el("a", { href: href(term.value, base) }, shortIri(term.value, base)));
    if (term.type === "bnode") return el("td", null, "_:" + term.value);
    const extra = term["xml:lang"] ? "@" + term["xml:lang"] : null;
    return el("td", null, term.value, extra ? el("small", null, " " + extra) : null);
  }

  function shortIri(iri, base) {
    if (base && iri.startsWith(base)) return iri.slice(base.length);
    return iri;
  }

  async function run() {
    const status = $("status"), out = $("results");
    status.className = "";
    status.textContent = "running…";
    const t0 = performance.now();
    try {
      const r = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.5",
        },
        body: new URLSearchParams({ query: $("query").value }),
      });
      const ms = Math.round(performance.now() - t0);
      if (!r.ok) throw new Error("HTTP " + r.status + ": " + (await r.text()).trim());
      const type = r.headers.get("Content-Type") || "";
      const truncated = r.headers.get("Vitae-Truncated");
      if (!type.startsWith("application/sparql-results+json")) {
        const text = await r.text();
        out.replaceChildren(el("pre", { class: "graph" }, text));
        status.textContent = "a graph, in " + ms + " ms";
        return;
      }
      const data = await r.json();
      if ("boolean" in data) {
        out.replaceChildren(el("p", { class: "boolean" }, data.boolean ? "yes (true)" : "no (false)"));
        status.textContent = "ASK, in " + ms + " ms";
        return;
      }
      const { base } = await info();
      const vars = data.head.vars;
      const rows = data.results.bindings;
      out.replaceChildren(el("table", { class: "results" },
        el("thead", null, el("tr", null, vars.map((v) => el("th", null, "?" + v)))),
        el("tbody", null, rows.map((b) => el("tr", null, vars.map((v) => cell(b[v], base)))))));
      status.textContent = rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " + ms + " ms" +
        (truncated ? " (cut: " + truncated + ")" : "");
    } catch (e) {
      status.className = "error";
      status.textContent = e.message;
      out.replaceChildren();
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("run").addEventListener("click", run);
    $("query").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); run(); }
    });
    loadQueries();
  });
})();
