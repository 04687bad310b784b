// The preview page: one EventSource per view; each message says the view's state (building, the last good
// build, an error); a new build replaces what is shown, an error shows above it and replaces nothing.
"use strict";
const config = JSON.parse(document.getElementById("config").textContent);
const query = new URLSearchParams(location.search);
const view = {
  edition: config.editions.includes(query.get("edition")) ? query.get("edition") : config.edition,
  theme: config.themes.includes(query.get("theme")) ? query.get("theme") : config.theme,
  article: Math.max(0, Math.min(config.articles.length - 1, parseInt(query.get("article") || "0", 10) || 0)),
};
const $ = (id) => document.getElementById(id);
const main = $("view");
let events = null;
let shown = null;     // the build shown, with the view it belongs to
let chapter = null;   // the EPUB document chosen

function setup() {
  $("title").textContent = config.title;
  for (const edition of config.editions) {
    const button = document.createElement("button");
    button.textContent = edition.toUpperCase();
    button.dataset.edition = edition;
    button.onclick = () => choose({ edition });
    $("editions").append(button);
  }
  for (const theme of config.themes) $("theme").append(new Option(theme, theme));
  $("theme").onchange = () => choose({ theme: $("theme").value });
  config.articles.forEach((label, index) => $("article").append(new Option(label, String(index))));
  $("article").onchange = () => choose({ article: parseInt($("article").value, 10) });
  $("chapter").onchange = () => { chapter = $("chapter").value; showEpub(shown.build, shown.state, true); };
  connect();
}

function choose(change) {
  Object.assign(view, change);
  connect();
}

function connect() {
  for (const button of $("editions").children) button.setAttribute("aria-pressed", String(button.dataset.edition === view.edition));
  $("theme").value = view.theme;
  $("article").value = String(view.article);
  $("article-choice").hidden = !(config.collection && view.edition === "html");
  $("chapter-choice").hidden = view.edition !== "epub";
  const params = new URLSearchParams({ edition: view.edition, theme: view.theme, article: String(view.article) });
  history.replaceState(null, "", "?" + params);
  if (events) events.close();
  setStatus("building", "building " + view.edition.toUpperCase() + "…");
  events = new EventSource("/events?" + params);
  events.onmessage = (message) => update(JSON.parse(message.data));
  events.onerror = () => setStatus("error", "disconnected: is `convert preview` still running?");
}

function key() { return view.edition + "|" + view.theme + "|" + view.article; }

function update(state) {
  const error = $("error");
  error.hidden = !state.error;
  error.textContent = state.error || "";
  const warnings = $("warnings");
  warnings.hidden = !state.warnings.length;
  warnings.querySelector("summary").textContent = state.warnings.length + " warning" + (state.warnings.length === 1 ? "" : "s");
  warnings.querySelector("ul").replaceChildren(...state.warnings.map((text) => Object.assign(document.createElement("li"), { textContent: text })));
  if (state.building) setStatus("building", "building " + view.edition.toUpperCase() + "…");
  else if (state.error) setStatus("error", "build failed: showing the last good preview");
  else setStatus("ready", "up to date");
  if (state.build !== null && (!shown || shown.build !== state.build || shown.key !== key())) show(state);
  else if (state.build === null && !state.building && shown && shown.key !== key()) clear();
}

function setStatus(name, text) {
  document.body.dataset.status = name;
  $("status").textContent = text;
}

function clear() {
  shown = null;
  main.className = "";
  main.dataset.build = "";
  main.replaceChildren();
}

function show(state) {
  const sameKind = shown && shown.key.split("|")[0] === view.edition && main.className === view.edition;
  shown = { build: state.build, key: key(), state };
  main.dataset.loaded = "false";  // "true" once the frame or every page image has loaded
  if (view.edition === "html") swapFrame(state.src, sameKind, main);
  else if (view.edition === "epub") showEpub(state.build, state, sameKind);
  else showPages(state, sameKind);
  main.className = view.edition;
  main.dataset.build = String(state.build);
}

function showPages(state, sameKind) {
  let pages = sameKind ? main.querySelector(".pages") : null;
  if (!pages) { pages = document.createElement("div"); pages.className = "pages"; main.replaceChildren(pages); }
  const images = [];
  for (let n = 1; n <= state.pages; n++) {
    const image = pages.children[n - 1] || document.createElement("img");
    image.alt = view.edition.toUpperCase() + " page " + n;
    image.src = state.src + "page-" + n + ".png";
    images.push(image);
  }
  pages.replaceChildren(...images);  // same page count: the same elements, so the scroll stays put
  Promise.all(images.map((image) => image.decode().catch(() => null))).then(() => loaded(state.build));
}

function loaded(build) {
  if (shown && shown.build === build) main.dataset.loaded = "true";
}

function showEpub(build, state, sameKind) {
  const paths = state.chapters.map(([path]) => path);
  if (!paths.includes(chapter)) chapter = state.chapter;
  $("chapter").replaceChildren(...state.chapters.map(([path, title]) => new Option(title, path)));
  $("chapter").value = chapter;
  let phone = sameKind ? main.querySelector(".phone") : null;
  if (!phone) { phone = document.createElement("div"); phone.className = "phone"; main.replaceChildren(phone); }
  swapFrame(state.src + chapter, sameKind, phone);
}

// A new iframe loads hidden beside the old one and takes its place (and its scroll position) once loaded.
function swapFrame(src, sameKind, holder) {
  const old = sameKind ? holder.querySelector("iframe:not(.loading)") : null;
  const frame = document.createElement("iframe");
  const build = shown.build;
  frame.title = view.edition.toUpperCase() + " edition";
  if (!old) {
    frame.onload = () => loaded(build);
    holder.replaceChildren(frame);
    frame.src = src;
    return;
  }
  for (const stale of holder.querySelectorAll("iframe.loading")) stale.remove();
  frame.className = "loading";
  frame.onload = () => {
    try { frame.contentWindow.scrollTo(0, old.contentWindow.scrollY); } catch (e) { /* not loaded */ }
    frame.className = "";
    old.remove();
    loaded(build);
  };
  holder.append(frame);
  frame.src = src;
}

setup();
