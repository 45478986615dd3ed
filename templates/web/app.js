// The page's one script (served from this origin; the Content-Security-Policy
// allows no other). Each chosen file is sent on its own to POST /check, so
// the page shows progress per file and one long PDF does not hold up the rest;
// the HTML report the server returns is parsed as a document (its scripts, if
// any, never run: DOMParser does not run them and the policy forbids them)
// and its content is shown here. A .docx gets a download of its commented copy.
"use strict";

const form = document.getElementById("upload");
const input = document.getElementById("files");
const drop = document.getElementById("drop");
const status = document.getElementById("status");
const results = document.getElementById("results");
const filters = document.getElementById("filters");
const group = document.getElementById("group");

function say(text) { status.textContent = text; }

function reportStyle(doc) {
  if (document.getElementById("report-style")) return;
  const style = doc.querySelector("style");
  if (!style) return;
  const copy = document.createElement("style");
  copy.id = "report-style";
  copy.textContent = style.textContent;
  document.head.appendChild(copy);
}

function annotateLink(file) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "download";
  button.textContent = "Download " + file.name.replace(/\.docx$/i, "") + "-checked.docx (with a comment on each finding)";
  button.addEventListener("click", async () => {
    say("Writing the comments into " + file.name + "…");
    const body = new FormData();
    body.append("file", file);
    const answer = await fetch("/annotate", { method: "POST", body: body, credentials: "same-origin" });
    if (!answer.ok) {
      const problem = await answer.json().catch(() => ({ error: answer.statusText }));
      say("Could not annotate " + file.name + ": " + problem.error);
      return;
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await answer.blob());
    link.download = file.name.replace(/\.docx$/i, "") + "-checked.docx";
    document.body.appendChild(link);
    link.click();
    link.remove();
    say("Downloaded " + link.download + ".");
  });
  return button;
}

async function checkOne(file, index, total) {
  say("Checking " + file.name + " (" + (index + 1) + " of " + total + ")…");
  const body = new FormData();
  body.append("file", file);
  body.append("format", "html");
  const section = document.createElement("section");
  section.className = "file-result";
  const answer = await fetch("/check", { method: "POST", body: body, credentials: "same-origin" });
  const type = answer.headers.get("content-type") || "";
  if (!type.startsWith("text/html")) {
    const problem = await answer.json().catch(() => ({ error: answer.statusText }));
    const p = document.createElement("p");
    p.className = "upload-error";
    p.textContent = file.name + ": " + problem.error;
    section.appendChild(p);
    return section;
  }
  const doc = new DOMParser().parseFromString(await answer.text(), "text/html");
  reportStyle(doc);
  doc.querySelectorAll("script").forEach((s) => s.remove());
  for (const part of doc.querySelectorAll("body > header .summary, body > main > *")) {
    section.appendChild(document.adoptNode(part));
  }
  if (answer.ok && /\.docx$/i.test(file.name)) section.prepend(annotateLink(file));
  unique(section, "u" + index + "-");
  return section;
}

// Each report numbers its own parts from f1: make their ids (and the links
// and labels that name them) unique on a page that shows several reports.
function unique(section, prefix) {
  for (const el of section.querySelectorAll("[id]")) el.id = prefix + el.id;
  for (const a of section.querySelectorAll("a[href^='#']")) a.setAttribute("href", "#" + prefix + a.getAttribute("href").slice(1));
  for (const el of section.querySelectorAll("[aria-labelledby]")) el.setAttribute("aria-labelledby", prefix + el.getAttribute("aria-labelledby"));
}

function applyFilters() {
  const shown = new Set([...filters.querySelectorAll("input[name=severity]:checked")].map((c) => c.value));
  const wanted = group.value;
  for (const item of results.querySelectorAll("[data-severity]")) {
    const tags = (item.dataset.tags || "").split(" ");
    const visible = shown.has(item.dataset.severity) && (!wanted || tags.includes(wanted));
    item.classList.toggle("hidden-by-filter", !visible);
  }
}

async function checkAll(files) {
  if (!files.length) { say("Choose one or more files first."); return; }
  results.replaceChildren();
  for (let i = 0; i < files.length; i++) {
    try {
      results.appendChild(await checkOne(files[i], i, files.length));
    } catch (error) {
      const p = document.createElement("p");
      p.className = "upload-error";
      p.textContent = files[i].name + ": the server could not be reached (" + error.message + ")";
      results.appendChild(p);
    }
  }
  filters.hidden = false;
  applyFilters();
  say("Checked " + files.length + (files.length === 1 ? " file." : " files."));
  results.focus();
}

form.addEventListener("submit", (event) => { event.preventDefault(); checkAll([...input.files]); });
filters.addEventListener("change", applyFilters);
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  checkAll([...event.dataTransfer.files]);
});
