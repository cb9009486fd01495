/* The referee's tablet: every change to the match sheet goes through a queue kept on the tablet.
 *
 * Each form of the sheet is a real form (the page works without this script). Here a submit becomes a change
 * object with its own id (so the server records it once however often it is sent) and the sheet version the
 * tablet last saw (so the server can tell when another tablet changed the same thing). Changes are kept in
 * localStorage and sent one at a time, in order:
 *   200 → drop it, show the sheet the server sends back;
 *   422 → drop it, the server's sheet shows the messages next to the fields; a notice keeps what was refused;
 *   409 → keep it, show the sheet as it is now and ask: apply my change again, or discard it;
 *   no answer → keep it, try again later (backoff, and at once when the tablet is back online).
 * While changes wait, the sheet shows them as pending, so a reload without a connection loses nothing.
 */
(function () {
  "use strict";

  const app = document.getElementById("sheet-app");
  if (!app) return;
  document.documentElement.classList.add("js");

  // --- Settings and words -------------------------------------------------------------------------------------

  const matchId = app.dataset.match;
  const changeUrl = app.dataset.changeUrl;
  const stateUrl = app.dataset.stateUrl;
  const loginPath = app.dataset.loginUrl;
  const halfMinutes = parseInt(app.dataset.halfMinutes, 10);
  const matchMinutes = 2 * halfMinutes;
  const maxAdded = parseInt(app.dataset.maxAdded, 10);
  const prefix = "tarjeta-azul:sheet:" + (app.dataset.user || "0") + ":" + matchId + ":";
  const KEYS = { queue: prefix + "queue", snapshot: prefix + "snapshot", drafts: prefix + "drafts",
                 prefs: prefix + "prefs", refusals: prefix + "refusals" };
  const POLL_MS = 15000;
  const SEND_TIMEOUT_MS = 20000;
  const MAX_BACKOFF_MS = 30000;

  const words = {};
  document.querySelectorAll("#sheet-strings [data-key]").forEach(function (el) {
    words[el.dataset.key] = el.textContent.trim();
  });
  function t(key, values) {
    let text = words[key] || key;
    if (values) Object.keys(values).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  // --- Storage (a full or refused localStorage must never stop the sheet from working) --------------------------

  function load(key, fallback) {
    try {
      const raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }
  function store(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  let queue = load(KEYS.queue, []);
  let refusals = load(KEYS.refusals, []);
  let prefs = load(KEYS.prefs, {});
  let drafts = load(KEYS.drafts, {});
  let sending = false;
  let backoff = 0;
  let retryTimer = null;
  let trouble = null; // "offline" | "login" | "server" while the head of the queue cannot be sent
  let known = 0; // the sheet version this tablet shows
  let serverHtml = null; // the server's sheet at version `known`, without what still waits on the tablet
  let leaving = false; // the page is being unloaded: start nothing, the next page sends what waits

  function saveQueue() { store(KEYS.queue, queue); }
  function savePrefs() { store(KEYS.prefs, prefs); }
  function saveDrafts() { store(KEYS.drafts, drafts); }
  function saveRefusals() { store(KEYS.refusals, refusals.slice(-10)); }

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    const bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function body() { return document.getElementById("sheet-body"); }
  function esc(text) {
    const div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (e) {
      return "";
    }
  }
  function teamName(id) {
    const b = body();
    if (!b) return "";
    return String(id) === b.dataset.home ? b.dataset.homeName : String(id) === b.dataset.away ? b.dataset.awayName : "";
  }
  function minuteText(change) {
    if (!change.minute) return "";
    const added = parseInt(change.added_time || "0", 10);
    return added ? change.minute + "+" + added + "'" : change.minute + "'";
  }

  // --- Turning a form into a change ---------------------------------------------------------------------------

  function formData(form, submitter) {
    try {
      return new FormData(form, submitter || undefined);
    } catch (e) {
      const data = new FormData(form);
      if (submitter && submitter.name) data.append(submitter.name, submitter.value);
      return data;
    }
  }

  function changeFrom(form, submitter) {
    const change = {};
    formData(form, submitter).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "id" || name === "base" || name === "next_anchor") return;
      change[name] = value; // the last value wins, as on the server: a tapped button overrides a hidden default
    });
    if (change.pick) {
      const parts = change.pick.split(":");
      change.team = parts[0];
      change.recipient = parts[1];
      if (parts[2]) change[parts[1] === "coach" ? "coach" : "player"] = parts[2];
      delete change.pick;
    }
    change.id = uuid();
    change.base = known;
    return change;
  }

  function describe(change, form, submitter) {
    const kind = function (k) { return t("kind." + k); };
    switch (change.type) {
      case "event.add": {
        if (change.kind === "foul") {
          return [kind("foul"), teamName(change.team), t("half" + (change.half || "1"))].join(" · ");
        }
        const who = submitter && submitter.dataset.label ? submitter.dataset.label : "";
        const parts = [kind(change.kind), minuteText(change), who, teamName(change.team)];
        if (change.kind === "blue" && change.reason) parts.push(t("reason." + change.reason));
        if (change.note) parts.push("“" + change.note + "”");
        return parts.filter(Boolean).join(" · ");
      }
      case "event.undo":
        return t("undo") + ": " + (eventLabel(change.event) || "…");
      case "lineup.set": {
        const parts = [form.dataset.label, change.present === "1" ? t("present") : t("absent")];
        if (change.present === "1" && change.shirt_number) parts.push("#" + change.shirt_number);
        if (change.present === "1" && change.captain) parts.push(t("captain"));
        return parts.join(" · ");
      }
      case "team.set": {
        let value = submitter && submitter.dataset.label ? submitter.dataset.label : change.value;
        if (change.value === "1" && !(submitter && submitter.dataset.label)) value = t("yes");
        if (change.value === "0" && !(submitter && submitter.dataset.label)) value = t("no");
        return form.dataset.label + ": " + String(value || "–").slice(0, 60);
      }
      case "sheet.set":
        return t("incidents") + ": " + String(change.value || "–").slice(0, 60);
      case "confirm":
        return [t("confirmation"), teamName(change.team), t("decision." + change.decision), change.name].filter(Boolean).join(" · ");
      case "submit":
        return t("submit");
      default:
        return change.type;
    }
  }

  // The label of an event by its id: from the sheet, or from a change still waiting here.
  function eventLabel(id) {
    const b = body();
    const row = b && b.querySelector('#timeline [data-event="' + id + '"] .ev__text');
    if (row) {
      const min = row.parentElement.querySelector(".ev__min");
      return ((min ? min.textContent.trim() + " " : "") + row.textContent.replace(/\s+/g, " ").trim()).slice(0, 90);
    }
    const item = queue.find(function (i) { return i.change.id === id; });
    if (item) return item.label;
    const foul = b && b.querySelector('[data-fouls~="' + id + '"]');
    if (foul) return [t("kind.foul"), teamName(foul.dataset.team), t("half" + foul.dataset.half)].join(" · ");
    return "";
  }

  // --- Cheap checks on the tablet (the server decides) ---------------------------------------------------------

  function showErrors(form, errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (slot) {
      slot.hidden = true;
      slot.innerHTML = "";
    });
    form.querySelectorAll('[aria-invalid="true"]').forEach(function (el) { el.removeAttribute("aria-invalid"); });
    let first = null;
    Object.keys(errors || {}).forEach(function (field) {
      let slot = form.querySelector('[data-error-for="' + field + '"]') || form.querySelector('[data-error-for="__all__"]');
      if (!slot) return;
      slot.innerHTML += errors[field].map(function (m) { return "<p>" + esc(m) + "</p>"; }).join("");
      slot.hidden = false;
      const input = form.querySelector('[name="' + field + '"]:not([type="hidden"])');
      if (input) input.setAttribute("aria-invalid", "true");
      first = first || slot;
    });
    if (first) first.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function checkEvent(change) {
    const errors = {};
    if (!change.kind) errors.kind = [t("err_kind")];
    if (change.kind === "foul") return errors;
    const minute = parseInt(change.minute, 10);
    const added = parseInt(change.added_time || "0", 10) || 0;
    if (!(minute >= 1 && minute <= matchMinutes)) {
      errors.minute = [t("err_minute", { last: matchMinutes })];
    } else if (added) {
      if (minute !== halfMinutes && minute !== matchMinutes) {
        errors.added_time = [t("err_added_where", { first: halfMinutes, last: matchMinutes })];
      } else if (added < 0 || added > maxAdded) {
        errors.added_time = [t("err_added_most", { most: maxAdded })];
      }
    }
    if (change.kind === "blue") {
      if (!change.reason) errors.reason = [t("err_reason")];
      else if (change.reason === "other" && !(change.note || "").trim()) errors.note = [t("err_note")];
    }
    return errors;
  }

  function checkConfirm(change) {
    const errors = {};
    if (!(change.name || "").trim()) errors.name = [t("err_name")];
    if (change.decision === "refused" && !(change.note || "").trim()) errors.note = [t("err_refuse_note")];
    return errors;
  }

  // Which event a "−" or "undo last" means, counting what waits on this tablet: the latest one not undone yet.
  function undoTarget(form) {
    const undone = new Set(queue.filter(function (i) { return i.change.type === "event.undo"; })
      .map(function (i) { return i.change.event; }));
    let candidates;
    if (form.dataset.undo === "foul") {
      candidates = (form.dataset.fouls || "").split(/\s+/).filter(Boolean);
      queue.forEach(function (i) {
        const c = i.change;
        if (c.type === "event.add" && c.kind === "foul" && String(c.team) === form.dataset.team &&
            String(c.half || "1") === form.dataset.half) candidates.push(c.id);
      });
    } else {
      const rows = Array.from(body().querySelectorAll("#timeline li[data-seq]:not(.is-undone)"));
      rows.sort(function (a, b) { return parseInt(a.dataset.seq, 10) - parseInt(b.dataset.seq, 10); });
      candidates = rows.map(function (row) { return row.dataset.event; });
      queue.forEach(function (i) {
        if (i.change.type === "event.add" && i.change.kind !== "foul") candidates.push(i.change.id);
      });
    }
    candidates = candidates.filter(function (id) { return !undone.has(id); });
    return candidates.length ? candidates[candidates.length - 1] : "";
  }

  function onSubmit(event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains("js-change")) return;
    event.preventDefault();
    const submitter = event.submitter || null;
    const change = changeFrom(form, submitter);
    if (form.dataset.undo) {
      // What to undo is decided on the latest sheet: an answer that came while the finger was down waits to be
      // drawn (see swap), and without it the last foul or event just saved would be missed.
      let current = form;
      if (deferred !== null) {
        const selector = 'form[data-undo="' + form.dataset.undo + '"][data-slot="' + form.dataset.slot + '"]';
        flushSwap(true);
        current = body().querySelector(selector) || form;
      }
      change.event = undoTarget(current);
      if (!change.event) return;
    }
    let errors = {};
    if (change.type === "event.add") {
      errors = checkEvent(change);
      if (change.kind !== "blue") { delete change.reason; delete change.note; }
      if (change.kind === "foul") { delete change.minute; delete change.added_time; }
    } else if (change.type === "confirm") {
      errors = checkConfirm(change);
    }
    if (Object.keys(errors).length) {
      showErrors(form, errors);
      return;
    }
    showErrors(form, {});
    const item = { change: change, label: describe(change, form, submitter), at: Date.now(),
                   who: submitter && submitter.dataset.label ? submitter.dataset.label : "" };
    forgetDrafts(form);
    // Not form.id: the hidden input named "id" shadows it.
    if (form.matches("#event-form")) {
      prefs.minute = change.minute || prefs.minute;
      prefs.added = change.added_time || "0";
      savePrefs();
      resetEventForm(form);
      if (submitter) {
        submitter.classList.add("is-flash");
        setTimeout(function () { submitter.classList.remove("is-flash"); }, 400);
      }
    }
    if (change.type === "submit") {
      const details = form.closest("details");
      if (details) details.open = false;
    }
    // A text saved on leaving the box and again with its button is one change, not two.
    const last = queue[queue.length - 1];
    if (last && (change.type === "team.set" || change.type === "sheet.set") && !last.conflict &&
        last.change.slot === change.slot && last.change.value === change.value) return;
    queue.push(item);
    saveQueue(); // if the browser refuses to store it, it still waits in memory until sent
    applyItem(item);
    afterOptimism();
    renderPending();
    pump();
  }

  function resetEventForm(form) {
    form.querySelectorAll('input[name="kind"], input[name="reason"]').forEach(function (input) { input.checked = false; });
    const note = form.querySelector('input[name="note"]');
    if (note) note.value = "";
    const added = form.querySelector('input[name="added_time"]');
    if (added) added.value = "0";
    form.dataset.kind = "";
  }

  // --- Sending, one change at a time --------------------------------------------------------------------------

  function fetchWithTimeout(url, options, ms) {
    const controller = window.AbortController ? new AbortController() : null;
    const timer = controller ? setTimeout(function () { controller.abort(); }, ms) : null;
    return fetch(url, Object.assign({ credentials: "same-origin", signal: controller && controller.signal }, options))
      .finally(function () { if (timer) clearTimeout(timer); });
  }

  function readJson(response) {
    const type = response.headers.get("Content-Type") || "";
    if (response.redirected && new URL(response.url).pathname === loginPath) return Promise.reject({ trouble: "login" });
    if (type.indexOf("application/json") === -1) {
      // Not our JSON: a login page, a proxy's page, a CSRF refusal after the session changed.
      return Promise.reject({ trouble: response.status === 403 ? "login" : "server" });
    }
    return response.json();
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    backoff = Math.min(backoff ? backoff * 2 : 2000, MAX_BACKOFF_MS);
    retryTimer = setTimeout(pump, backoff);
  }

  function rebase(from, to) {
    // Nothing but our own change happened between `from` and `to`: changes made while looking at `from` saw
    // everything there is, so they may claim `to` and not collide with our own change on the same field.
    queue.forEach(function (i) { if (String(i.change.base) === String(from)) i.change.base = to; });
  }

  function pump() {
    if (leaving) return;
    if (sending || !queue.length) { renderStatus(); return; }
    const item = queue[0];
    if (item.conflict) { renderConflict(); renderStatus(); return; }
    sending = true;
    clearTimeout(retryTimer);
    renderStatus();
    const before = known;
    let status = 0;
    fetchWithTimeout(changeUrl, {
      method: "POST",
      // X-Sheet-Patch: an event may be answered with the pieces it changed, drawn here over `serverHtml`.
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken(),
                 "X-Sheet-Patch": "1" },
      body: JSON.stringify(item.change),
    }, SEND_TIMEOUT_MS)
      .then(function (response) { status = response.status; return readJson(response); })
      .then(function (payload) {
        sending = false;
        if (queue[0] !== item) return; // discarded meanwhile
        if (status === 200) {
          queue.shift();
          if (!payload.duplicate && payload.version === before + 1) rebase(before, payload.version);
          if (payload.patch) {
            const html = patched(payload);
            if (html) settle(html);
            else refresh(); // our copy was not the version the patch applies to: fetch the whole sheet
          } else {
            settle(payload.html);
          }
        } else if (status === 422) {
          queue.shift();
          refuse(item, payload.errors);
          settle(payload.html);
        } else if (status === 409) {
          item.conflict = payload.conflict;
          settle(payload.html);
        } else if (status === 403) {
          queue.shift();
          refuse(item, { __all__: [payload.error] });
          redraw();
        } else {
          throw { trouble: "server" };
        }
        trouble = null;
        backoff = 0;
        saveQueue();
        renderPending();
        renderConflict();
        pump();
      })
      .catch(function (error) {
        sending = false;
        trouble = (error && error.trouble) || "offline";
        scheduleRetry();
        renderStatus();
      });
  }

  // The server's sheet after one event: its last version (`serverHtml`) with the pieces the answer sends.
  function patched(payload) {
    const p = payload.patch;
    if (!serverHtml) return null;
    const holder = document.createElement("template");
    holder.innerHTML = serverHtml.trim();
    const b = holder.content.querySelector("#sheet-body");
    if (!b || parseInt(b.dataset.version, 10) !== payload.version - 1) return null;
    b.dataset.version = payload.version;
    b.querySelectorAll('input[name="base"]').forEach(function (input) { input.value = payload.version; });
    const board = b.querySelector(".scoreboard");
    if (board) { board.dataset.scoreHome = p.score[0]; board.dataset.scoreAway = p.score[1]; }
    b.querySelectorAll('[data-goals="home"]').forEach(function (el) { el.textContent = p.score[0]; });
    b.querySelectorAll('[data-goals="away"]').forEach(function (el) { el.textContent = p.score[1]; });
    const timeline = b.querySelector("#timeline");
    if (timeline && p.row) {
      const rowHolder = document.createElement("template");
      rowHolder.innerHTML = p.row.trim();
      const row = rowHolder.content.firstElementChild;
      const old = timeline.querySelector('[data-event="' + p.event + '"]');
      if (old) {
        old.replaceWith(row);
      } else {
        const order = parseFloat(row.dataset.order);
        const after = Array.from(timeline.querySelectorAll(".ev")).find(function (r) {
          return parseFloat(r.dataset.order) > order;
        });
        timeline.insertBefore(row, after || timeline.querySelector(".timeline__empty"));
      }
      const empty = timeline.querySelector(".timeline__empty");
      if (empty) empty.hidden = !!timeline.querySelector(".ev");
    }
    Object.keys(p.fouls).forEach(function (key) {
      const box = b.querySelector('[data-foul="' + key + '"]');
      if (!box) return;
      const f = p.fouls[key];
      box.querySelector("[data-foul-count]").textContent = f.count;
      const undo = box.querySelector('form[data-undo="foul"]');
      if (undo) {
        undo.dataset.fouls = f.ids;
        undo.querySelector('input[name="event"]').value = f.last;
        undo.querySelector(".round-btn").disabled = !f.count;
      }
    });
    Object.keys(p.players).forEach(function (id) {
      const chip = b.querySelector('.pchip[data-player="' + id + '"]');
      if (!chip) return;
      const flags = p.players[id];
      chip.classList.toggle("has-yellow", flags.yellow);
      chip.classList.toggle("is-off", flags.off);
      chip.querySelectorAll(".mini-card").forEach(function (card) { card.remove(); });
      ["yellow", "off"].forEach(function (flag) {
        if (!flags[flag]) return;
        const card = document.createElement("span");
        card.className = "mini-card mini-card--" + (flag === "off" ? "red" : "yellow");
        card.setAttribute("aria-hidden", "true");
        chip.append(card);
      });
    });
    const undoLast = b.querySelector('form[data-undo="last"]');
    if (undoLast) {
      undoLast.querySelector('input[name="event"]').value = p.last.event;
      undoLast.querySelector(".button--undo").disabled = !p.last.event;
      const label = undoLast.querySelector("[data-undo-label]");
      if (label) label.textContent = p.last.event ? ": " + p.last.label : "";
    }
    return b.outerHTML;
  }

  function refresh() {
    fetchWithTimeout(stateUrl, { headers: { "Accept": "application/json" } }, 10000)
      .then(readJson)
      .then(function (payload) { if (payload.html) settle(payload.html); })
      .catch(function () { /* offline: the next poll catches up */ });
  }

  function settle(html) {
    if (html) swap(html);
    document.getElementById("sheet-offline-copy").hidden = true; // the server answered: this is no longer a copy
  }

  function refuse(item, errors) {
    const messages = [];
    Object.keys(errors || {}).forEach(function (field) { (errors[field] || []).forEach(function (m) { messages.push(m); }); });
    refusals.push({ label: item.label, messages: messages, at: Date.now() });
    saveRefusals();
    renderRefusals();
  }

  // --- Showing the sheet ----------------------------------------------------------------------------------------

  // Inputs the referee is typing in survive a swap (another tablet's change, a queued change coming back).
  function draftKey(el) {
    const form = el.form;
    if (!form || !form.dataset.slot || !el.name) return null;
    return form.dataset.slot + "|" + el.name;
  }

  function rememberDraft(el) {
    const key = draftKey(el);
    if (!key || el.type === "hidden" || el.type === "submit") return;
    if (el.type === "checkbox") drafts[key] = el.checked ? "\u0001on" : "\u0001off";
    else if (el.type === "radio") { if (el.checked) drafts[key] = el.value; }
    else drafts[key] = el.value;
    el.dataset.dirty = "1";
    saveDrafts();
  }

  function forgetDrafts(form) {
    const slot = form.dataset.slot;
    Object.keys(drafts).forEach(function (key) { if (key.indexOf(slot + "|") === 0) delete drafts[key]; });
    form.querySelectorAll("[data-dirty]").forEach(function (el) { delete el.dataset.dirty; });
    saveDrafts();
  }

  function restoreDrafts() {
    const b = body();
    Object.keys(drafts).forEach(function (key) {
      const cut = key.lastIndexOf("|");
      const form = b.querySelector('form[data-slot="' + key.slice(0, cut) + '"]');
      if (!form) return;
      const value = drafts[key];
      const fields = form.querySelectorAll('[name="' + key.slice(cut + 1) + '"]:not([type="hidden"])');
      fields.forEach(function (el) {
        if (el.type === "checkbox") el.checked = value === "\u0001on";
        else if (el.type === "radio") el.checked = el.value === value;
        else el.value = value;
        el.dataset.dirty = "1";
      });
    });
  }

  // A finger on the screen must never land on a node that is being replaced: a tap that starts on the old sheet
  // and ends on the new one is lost. So the sheet is swapped between taps, at most a moment later.
  let touching = false;
  let touchingSince = 0;
  let holdUntil = 0;
  let deferred = null;
  let deferTimer = null;

  function swap(html) {
    serverHtml = html;
    const version = (html.match(/data-version="(\d+)"/) || [])[1];
    if (version !== undefined) known = parseInt(version, 10);
    const held = (touching && Date.now() - touchingSince < 5000) || Date.now() < holdUntil; // a lost pointerup never blocks
    if (held) {
      deferred = html;
      clearTimeout(deferTimer);
      deferTimer = setTimeout(flushSwap, Math.max(100, holdUntil - Date.now()));
      return;
    }
    deferred = null;
    swapNow(html);
  }

  function flushSwap(now) {
    if (deferred === null) return;
    if (now === true) {
      const html = deferred;
      deferred = null;
      clearTimeout(deferTimer);
      swapNow(html);
    } else {
      swap(deferred);
    }
  }

  function swapNow(html) {
    const old = body();
    const holder = document.createElement("template");
    holder.innerHTML = html.trim();
    const fresh = holder.content.querySelector("#sheet-body");
    if (!old || !fresh) return;
    const focused = document.activeElement;
    const inSheet = !!focused && focused !== old && old.contains(focused);
    const focusKey = inSheet && isBox(focused) ? draftKey(focused) : null;
    const focusPath = inSheet ? pathTo(old, focused) : null;
    // Keep the referee where they were: the same tab, the same scroll position.
    fresh.dataset.phase = old.dataset.phase || fresh.dataset.phase;
    const scroll = window.scrollY;
    old.replaceWith(fresh);
    window.scrollTo(0, scroll);
    known = parseInt(fresh.dataset.version, 10) || 0;
    store(KEYS.snapshot, { version: known, html: html, at: Date.now() });
    enhance();
    // The focus stays where it was, or a keyboard would start again from the top of the page after every change:
    // a box is found by its form and name, any other control (a player, a toggle, a choice) at the same place.
    let target = null;
    if (focusKey) {
      const cut = focusKey.lastIndexOf("|");
      const form = fresh.querySelector('form[data-slot="' + focusKey.slice(0, cut) + '"]');
      target = form && form.querySelector('[name="' + focusKey.slice(cut + 1) + '"]:not([type="hidden"])');
    }
    if (!target && focusPath) target = atPath(fresh, focusPath, focused.tagName);
    if (target) target.focus({ preventScroll: true });
  }

  function isBox(el) {
    return el.tagName === "TEXTAREA" || el.tagName === "SELECT" ||
      (el.tagName === "INPUT" && !/^(radio|checkbox|submit|button|hidden)$/.test(el.type));
  }

  function pathTo(root, el) {
    const path = [];
    for (let node = el; node !== root; node = node.parentElement) {
      path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
    }
    return path;
  }

  function atPath(root, path, tagName) {
    let node = root;
    path.forEach(function (i) { node = node && node.children[i]; });
    return node && node.tagName === tagName && !node.closest("[hidden]") ? node : null;
  }

  // Whatever a fresh sheet needs from the tablet: the tab, the remembered minute, drafts, pending changes.
  function enhance() {
    const b = body();
    if (!b) return;
    known = parseInt(b.dataset.version, 10) || 0;
    if (b.dataset.editable === "1") setPhase(prefs.phase || b.dataset.phase, false);
    const form = document.getElementById("event-form");
    if (form) {
      const minute = form.querySelector('input[name="minute"]');
      const hasError = form.querySelector("[data-error-for]:not([hidden])");
      if (minute && !minute.value && prefs.minute && !hasError) minute.value = prefs.minute;
      const checked = form.querySelector('input[name="kind"]:checked');
      form.dataset.kind = checked ? checked.value : "";
      updateHalf();
    }
    restoreDrafts();
    if (form) {
      const checked = form.querySelector('input[name="kind"]:checked');
      form.dataset.kind = checked ? checked.value : "";
      updateHalf();
    }
    applyAll();
  }

  function setPhase(phase, remember) {
    const b = body();
    if (!b || ["before", "during", "after"].indexOf(phase) === -1) return;
    b.dataset.phase = phase;
    b.querySelectorAll("[data-phase-tab]").forEach(function (tab) {
      if (tab.dataset.phaseTab === phase) tab.setAttribute("aria-current", "step");
      else tab.removeAttribute("aria-current");
    });
    if (remember) { prefs.phase = phase; savePrefs(); }
  }

  function updateHalf() {
    const form = document.getElementById("event-form");
    if (!form) return;
    const label = form.querySelector("[data-half-label]");
    const minute = parseInt((form.querySelector('input[name="minute"]') || {}).value, 10);
    if (label && minute >= 1) label.textContent = minute <= halfMinutes ? t("half1") : t("half2");
  }

  // --- Pending changes shown on the sheet -----------------------------------------------------------------------

  function mark(el) { if (el) el.classList.add("is-pending-change"); }

  function applyItem(item) {
    const b = body();
    if (!b) return;
    const c = item.change;
    if (c.type === "event.add" && c.kind === "foul") {
      bumpFoul(c.team + ":" + (c.half || "1"), 1);
    } else if (c.type === "event.add") {
      addPendingEvent(item);
      if (c.kind === "goal" || c.kind === "own_goal") bumpScore(c.kind, c.team, 1);
    } else if (c.type === "event.undo") {
      const row = b.querySelector('#timeline [data-event="' + c.event + '"]');
      if (row) {
        row.classList.add("is-undone");
        row.classList.add("is-pending");
        const undoForm = row.querySelector(".ev__undo");
        if (undoForm) undoForm.hidden = true;
        if (row.dataset.kind === "goal" || row.dataset.kind === "own_goal") bumpScore(row.dataset.kind, row.dataset.team, -1);
      } else {
        const foulForm = b.querySelector('[data-fouls~="' + c.event + '"]');
        const added = queue.find(function (i) { return i.change.id === c.event; });
        if (foulForm) bumpFoul(foulForm.dataset.team + ":" + foulForm.dataset.half, -1);
        else if (added && added.change.kind === "foul") bumpFoul(added.change.team + ":" + (added.change.half || "1"), -1);
      }
    } else if (c.type === "team.set") {
      const form = b.querySelector('form[data-slot="team:' + c.team + ":" + c.field + '"]');
      if (!form) return;
      if (c.field === "barra_rating") {
        form.querySelectorAll('button[name="value"]').forEach(function (btn) {
          btn.setAttribute("aria-pressed", btn.value === String(c.value) ? "true" : "false");
        });
        mark(form.querySelector(".rating"));
      } else if (c.field === "barra_incidents") {
        const count = Math.max(0, parseInt(c.value, 10) || 0);
        const output = form.querySelector("[data-count]");
        if (output) { output.textContent = count; mark(output); }
        form.querySelectorAll("button[data-step-count]").forEach(function (btn) {
          btn.value = count + parseInt(btn.dataset.stepCount, 10);
          if (btn.dataset.stepCount === "-1") btn.disabled = count === 0;
        });
      } else if (c.field === "barra_notes") {
        const area = form.querySelector("textarea");
        if (area && !area.dataset.dirty) area.value = c.value;
        mark(area);
      } else {
        const btn = form.querySelector("button.toggle");
        if (btn) {
          const on = c.value === "1" || c.value === true;
          btn.setAttribute("aria-pressed", on ? "true" : "false");
          btn.value = on ? "0" : "1";
          mark(btn);
        }
      }
    } else if (c.type === "sheet.set") {
      const form = b.querySelector('form[data-slot="incidents"]');
      const area = form && form.querySelector("textarea");
      if (area && !area.dataset.dirty) area.value = c.value;
      mark(area);
    } else if (c.type === "lineup.set") {
      const form = b.querySelector('form[data-slot="lineup:' + c.player + '"]');
      const present = c.present === "1";
      if (form) {
        const row = form.closest(".roster-row");
        row.classList.toggle("is-present", present);
        const hidden = form.querySelector('input[type="hidden"][name="present"]');
        if (hidden) hidden.value = present ? "1" : "0";
        const btn = form.querySelector("button.present-toggle[name]");
        if (btn) {
          btn.setAttribute("aria-pressed", present ? "true" : "false");
          btn.value = present ? "0" : "1";
          mark(btn);
        }
      }
      const chip = b.querySelector('.pchip[data-player="' + c.player + '"]');
      if (chip) {
        chip.hidden = !present;
        if (present && c.shirt_number) {
          chip.querySelector(".pchip__num").textContent = c.shirt_number;
          chip.dataset.label = "#" + c.shirt_number + " " + (form ? form.dataset.label : "");
        }
        mark(chip);
      }
    }
  }

  function applyAll() {
    // A change in conflict is not drawn: the referee must see what the other tablet saved before deciding.
    queue.forEach(function (item) { if (!item.conflict) applyItem(item); });
    afterOptimism();
  }

  // The server's last sheet again, with what still waits drawn on top of it.
  function redraw() {
    if (serverHtml) { swap(serverHtml); return; }
    const snapshot = load(KEYS.snapshot, null);
    if (snapshot && snapshot.version === known) swap(snapshot.html);
  }

  function afterOptimism() {
    const b = body();
    if (!b) return;
    const mini = document.querySelector("[data-mini-score]");
    const home = b.querySelector('[data-goals="home"]');
    const away = b.querySelector('[data-goals="away"]');
    if (mini && home && away) mini.textContent = home.textContent + "–" + away.textContent;
    b.querySelectorAll(".pick-team").forEach(function (team) {
      const empty = team.querySelector(".pick-empty");
      if (empty) empty.hidden = !!team.querySelector(".pchip[data-player]:not([hidden])");
    });
    const timeline = b.querySelector("#timeline");
    const emptyRow = timeline && timeline.querySelector(".timeline__empty");
    if (emptyRow) emptyRow.hidden = !!timeline.querySelector(".ev");
    // The "undo last" button names what it will undo, counting what waits on this tablet.
    const undoForm = b.querySelector('form[data-undo="last"]');
    if (undoForm) {
      const target = undoTarget(undoForm);
      const button = undoForm.querySelector(".button--undo");
      const label = undoForm.querySelector("[data-undo-label]");
      button.disabled = !target;
      if (label) label.textContent = target ? ": " + eventLabel(target) : "";
    }
    b.querySelectorAll('form[data-undo="foul"]').forEach(function (form) {
      form.querySelector(".round-btn").disabled = !undoTarget(form);
    });
  }

  function bumpFoul(key, delta) {
    const counter = body().querySelector('[data-foul="' + key + '"] [data-foul-count]');
    if (!counter) return;
    counter.textContent = Math.max(0, (parseInt(counter.textContent, 10) || 0) + delta);
    counter.classList.add("is-pending");
  }

  function bumpScore(kind, team, delta) {
    const b = body();
    const forHome = (String(team) === b.dataset.home) === (kind === "goal");
    b.querySelectorAll('[data-goals="' + (forHome ? "home" : "away") + '"]').forEach(function (cell) {
      cell.textContent = Math.max(0, (parseInt(cell.textContent, 10) || 0) + delta);
      cell.parentElement.classList.add("is-pending");
    });
  }

  function addPendingEvent(item) {
    const timeline = body().querySelector("#timeline");
    if (!timeline) return;
    const c = item.change;
    const li = document.createElement("li");
    li.className = "ev ev--" + c.kind + " is-pending";
    li.dataset.event = c.id;
    li.dataset.kind = c.kind;
    li.dataset.team = c.team;
    const order = (parseInt(c.minute, 10) || 0) + (parseInt(c.added_time || "0", 10) || 0) / 100;
    li.dataset.order = String(order);
    const parts = [item.who, teamName(c.team)];
    if (c.kind === "blue" && c.reason) parts.push(t("reason." + c.reason));
    if (c.note) parts.push("“" + c.note + "”");
    const text = parts.filter(Boolean).join(" · ");
    li.innerHTML = '<span class="ev__min">' + esc(minuteText(c)) + '</span><span class="ev__icon" aria-hidden="true"></span>' +
      '<span class="ev__text"><strong>' + esc(t("kind." + c.kind)) + "</strong> · " + esc(text) +
      ' <span class="pending-tag">' + esc(t("pending_tag")) + "</span></span>";
    const after = Array.from(timeline.querySelectorAll(".ev")).find(function (row) {
      return parseFloat(row.dataset.order) > order;
    });
    timeline.insertBefore(li, after || timeline.querySelector(".timeline__empty"));
  }

  // --- Status, pending list, conflict and refusal notices -----------------------------------------------------

  function renderStatus() {
    const box = document.getElementById("sheet-sync");
    if (!box) return;
    box.hidden = false;
    const n = queue.length;
    let state = "saved";
    let text = t("saved");
    const pendingText = n === 1 ? t("pending_one") : t("pending_many", { n: n });
    if (n && queue[0].conflict) { state = "blocked"; text = t("blocked") + " " + pendingText; }
    else if (n && trouble === "login") { state = "login"; text = t("login") + " " + pendingText; }
    else if (n && (trouble === "offline" || !navigator.onLine)) { state = "pending"; text = pendingText; }
    else if (n && trouble === "server") { state = "server"; text = t("server") + " " + pendingText; }
    else if (n || sending) { state = "saving"; text = t("saving"); }
    if (box.dataset.state !== state || box.querySelector(".sync__text").textContent !== text) {
      box.dataset.state = state;
      box.querySelector(".sync__text").textContent = text;
    }
    const login = box.querySelector(".sync__login");
    if (login) login.hidden = state !== "login";
  }

  function renderPending() {
    const section = document.getElementById("sheet-pending");
    if (!section) return;
    section.hidden = queue.length === 0;
    section.querySelector(".pending__count").textContent = queue.length ? "(" + queue.length + ")" : "";
    const list = section.querySelector(".pending__list");
    list.innerHTML = queue.map(function (item) {
      return '<li data-change="' + esc(item.change.id) + '"' + (item.conflict ? ' class="is-conflict"' : "") + ">" +
        esc(item.label) + "</li>";
    }).join("");
    renderStatus();
  }

  function renderConflict() {
    const alerts = document.getElementById("sheet-alerts");
    const old = alerts.querySelector(".alert--conflict");
    const item = queue[0];
    if (!item || !item.conflict) { if (old) old.remove(); return; }
    if (old && old.dataset.change === item.change.id) return;
    if (old) old.remove();
    const box = document.createElement("div");
    box.className = "alert alert--conflict";
    box.setAttribute("role", "alert");
    box.dataset.change = item.change.id;
    box.innerHTML = "<h2>" + esc(t("conflict_title")) + "</h2><p>" + esc(item.conflict) + "</p>" +
      "<p><strong>" + esc(t("conflict_mine")) + "</strong> " + esc(item.label) + "</p>" +
      "<p>" + esc(t("conflict_now")) + "</p>" +
      '<div class="actions"><button type="button" class="button" data-action="reapply">' + esc(t("reapply")) + "</button>" +
      '<button type="button" class="button button--ghost" data-action="discard">' + esc(t("discard")) + "</button></div>";
    alerts.prepend(box);
  }

  function renderRefusals() {
    const alerts = document.getElementById("sheet-alerts");
    alerts.querySelectorAll(".alert--refused").forEach(function (el) { el.remove(); });
    refusals.forEach(function (refusal, index) {
      const box = document.createElement("div");
      box.className = "alert alert--refused";
      box.setAttribute("role", "alert");
      box.innerHTML = "<p><strong>" + esc(t("refused_title")) + "</strong> " + esc(refusal.label) + "</p>" +
        refusal.messages.map(function (m) { return "<p>" + esc(m) + "</p>"; }).join("") +
        '<div class="actions"><button type="button" class="small-button" data-action="dismiss" data-index="' + index + '">' +
        esc(t("dismiss")) + "</button></div>";
      alerts.append(box);
    });
  }

  function resolveConflict(action) {
    const item = queue[0];
    if (!item || !item.conflict) return;
    if (action === "discard") {
      queue.shift();
    } else {
      delete item.conflict;
      item.change.base = known; // the tablet now shows the current sheet: this is what the referee overrides
    }
    saveQueue();
    renderConflict();
    renderPending();
    redraw();
    pump();
  }

  // --- Catching up with another tablet --------------------------------------------------------------------------

  function poll() {
    if (leaving || queue.length || sending || document.hidden) return;
    fetchWithTimeout(stateUrl + "?known=" + known, { headers: { "Accept": "application/json" } }, 10000)
      .then(readJson)
      .then(function (payload) {
        if (!queue.length && !sending && payload.version !== known && payload.html) swap(payload.html);
        document.getElementById("sheet-offline-copy").hidden = true;
        if (trouble) { trouble = null; renderStatus(); }
      })
      .catch(function () { /* offline: the next poll tries again */ });
  }

  // --- Offline page: the service worker keeps the page and its files -----------------------------------------

  function registerWorker() {
    if (!("serviceWorker" in navigator)) return;
    const url = app.dataset.swUrl;
    navigator.serviceWorker.register(url, { scope: url.replace(/[^/]*$/, "") })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        // The first visit was not fetched through the worker: ask it to keep this page now.
        if (registration.active && app.dataset.offlineCopy !== "1") {
          registration.active.postMessage({ type: "keep-page", url: location.pathname });
        }
      })
      .catch(function () { /* no worker: the sheet still works online, and the queue still keeps changes */ });
  }

  // --- Events -------------------------------------------------------------------------------------------------

  app.addEventListener("submit", onSubmit);

  app.addEventListener("pointerdown", function () { touching = true; touchingSince = Date.now(); }, true);
  ["pointerup", "pointercancel"].forEach(function (type) {
    document.addEventListener(type, function () {
      touching = false;
      holdUntil = Date.now() + 350; // the click that follows the finger's lift comes a moment later
      if (deferred !== null) { clearTimeout(deferTimer); deferTimer = setTimeout(flushSwap, 360); }
    }, true);
  });

  app.addEventListener("click", function (event) {
    const tab = event.target.closest("[data-phase-tab]");
    if (tab) {
      event.preventDefault();
      setPhase(tab.dataset.phaseTab, true);
      const nav = tab.closest(".phase-tabs");
      if (nav && nav.getBoundingClientRect().top < 0) nav.scrollIntoView({ block: "start" });
      return;
    }
    const step = event.target.closest("[data-step]");
    if (step) {
      const input = step.form.querySelector('input[name="' + step.dataset.step + '"]');
      const min = parseInt(input.min, 10) || 0;
      const max = parseInt(input.max, 10) || 99;
      let value = parseInt(input.value, 10);
      if (isNaN(value)) value = step.dataset.step === "minute" ? (parseInt(prefs.minute, 10) || 0) : 0;
      input.value = Math.min(max, Math.max(min, value + parseInt(step.dataset.delta, 10)));
      if (input.name === "minute") { prefs.minute = input.value; savePrefs(); updateHalf(); }
      return;
    }
    if (event.target.closest("#sheet-sync") && queue.length) {
      document.getElementById("sheet-pending").scrollIntoView({ block: "start", behavior: "smooth" });
      return;
    }
    const action = event.target.closest("[data-action]");
    if (action) {
      if (action.dataset.action === "dismiss") {
        refusals.splice(parseInt(action.dataset.index, 10), 1);
        saveRefusals();
        renderRefusals();
      } else {
        resolveConflict(action.dataset.action);
      }
      return;
    }
    // Tapping a player before choosing what happened: say so next to the choices, send nothing.
    const chip = event.target.closest(".pchip");
    if (chip && chip.form && !chip.form.querySelector('input[name="kind"]:checked')) {
      event.preventDefault();
      showErrors(chip.form, { kind: [t("err_kind")] });
    }
  });

  // Enter in a number or name box must not tap the form's first button (a player chip, "present", "confirm").
  app.addEventListener("keydown", function (event) {
    const el = event.target;
    if (event.key !== "Enter" || el.tagName !== "INPUT" || !el.form || !el.form.classList.contains("js-change")) return;
    event.preventDefault();
    el.blur();
  });

  app.addEventListener("input", function (event) {
    const el = event.target;
    if (!el.form || !el.form.classList.contains("js-change")) return;
    rememberDraft(el);
    if (el.name === "minute") { prefs.minute = el.value; savePrefs(); updateHalf(); }
  });

  app.addEventListener("change", function (event) {
    const el = event.target;
    const form = el.form;
    if (!form || !form.classList.contains("js-change")) return;
    if (el.name === "kind") {
      form.dataset.kind = el.value;
      const slot = form.querySelector('[data-error-for="kind"]');
      if (slot) { slot.hidden = true; slot.innerHTML = ""; }
    }
    rememberDraft(el);
    if (el.hasAttribute("data-autosave")) {
      if (form.classList.contains("roster-form")) {
        // A shirt number or the captain's band is saved at once for a present player; for an absent one it
        // travels with the tap on "present".
        const present = form.querySelector('input[type="hidden"][name="present"]');
        if (present && present.value === "1") form.requestSubmit();
      } else if (el.tagName === "TEXTAREA") {
        form.requestSubmit();
      }
    }
  });

  window.addEventListener("online", function () { backoff = 0; trouble = null; pump(); poll(); });
  window.addEventListener("offline", renderStatus);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { pump(); poll(); } });
  // From the moment a navigation starts, not only when the page goes: a reload fetches the next page first.
  // If the navigation does not happen after all (a download, a cancelled link), sending resumes shortly.
  window.addEventListener("beforeunload", function () {
    leaving = true;
    clearTimeout(retryTimer);
    setTimeout(function () { leaving = false; pump(); }, 3000);
  });
  window.addEventListener("pagehide", function () { leaving = true; clearTimeout(retryTimer); });
  window.addEventListener("pageshow", function (event) { if (event.persisted) { leaving = false; pump(); poll(); } });

  // --- Start ----------------------------------------------------------------------------------------------------

  (function start() {
    const b = body();
    if (!b) return;
    const snapshot = load(KEYS.snapshot, null);
    if (app.dataset.offlineCopy === "1") {
      // The worker served the page kept at some earlier visit: the tablet's own last copy may be newer.
      document.getElementById("sheet-offline-copy").hidden = false;
      if (snapshot && snapshot.version > (parseInt(b.dataset.version, 10) || 0)) {
        const holder = document.createElement("template");
        holder.innerHTML = snapshot.html.trim();
        const fresh = holder.content.querySelector("#sheet-body");
        if (fresh) { b.replaceWith(fresh); serverHtml = snapshot.html; }
      }
    } else {
      store(KEYS.snapshot, { version: parseInt(b.dataset.version, 10) || 0, html: b.outerHTML, at: Date.now() });
    }
    if (!serverHtml) serverHtml = body().outerHTML;
    enhance();
    renderPending();
    renderConflict();
    renderRefusals();
    renderStatus();
    pump();
    setInterval(poll, POLL_MS);
    registerWorker();
  })();
})();
