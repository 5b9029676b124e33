// vitae's web page, shared by the start page and the entity pages: DOM
// helpers, IRIs to local paths, and the search box.  Plain JavaScript: all
// text from the store goes into the page as text nodes, never as markup.
"use strict";
const vitae = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  let infoPromise = null;

  // An element with attributes and children (strings become text nodes).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAll(e, attrs, children);
    return e;
  }
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    setAll(e, attrs, children);
    return e;
  }
  function setAll(e, attrs, children) {
    for (const [k, v] of Object.entries(attrs || {}))
      if (v !== null && v !== undefined && v !== false) e.setAttribute(k, String(v));
    for (const c of children.flat())
      if (c !== null && c !== undefined) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }

  // {base, sparql, updates}: what the server says about itself.
  function info() {
    if (!infoPromise) infoPromise = getJSON("/api/info");
    return infoPromise;
  }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    if (!r.ok) throw new Error(url + ": " + r.status + " " + (await r.text()).trim());
    return r.json();
  }

  // The page of an IRI on this server (under the base), else the IRI.
  function href(iri, base) {
    return base && iri.startsWith(base) ? "/" + iri.slice(base.length) : iri;
  }

  // The search box: labels containing the text (the server compares them,
  // folded; the text is sent as a URL parameter, never as SPARQL).
  function wireSearch(form) {
    const input = form.querySelector("input");
    const hits = form.querySelector(".hits");
    let timer = null, seq = 0, first = null;
    async function search() {
      const text = input.value.trim();
      const mine = ++seq;
      if (text.length < 2) { hits.replaceChildren(); first = null; return; }
      try {
        const [inf, res] = await Promise.all([info(), getJSON("/api/search?q=" + encodeURIComponent(text))]);
        if (mine !== seq) return;
        first = null;
        hits.replaceChildren(...res.results.map((r) => {
          const url = href(r.iri, inf.base);
          if (!first) first = url;
          return el("li", null, el("a", { href: url }, r.label, r.types ? el("small", null, r.types) : null));
        }));
        if (!res.results.length) hits.replaceChildren(el("li", null, el("a", null, "nothing found")));
      } catch (e) {
        hits.replaceChildren(el("li", null, el("a", null, String(e.message))));
      }
    }
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
    input.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hits.replaceChildren(); });
    form.addEventListener("submit", (ev) => { ev.preventDefault(); if (first) location.href = first; else search(); });
    document.addEventListener("click", (ev) => { if (!form.contains(ev.target)) hits.replaceChildren(); });
    const q = new URLSearchParams(location.search).get("q");
    if (q && !input.value) { input.value = q; search(); }
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form.search").forEach(wireSearch);
  });

  return { el, svg, info, getJSON, href };
})();
