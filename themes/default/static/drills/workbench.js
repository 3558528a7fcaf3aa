/* 接待中心 workbench: timers, side-panel tabs, quick phrases and the reply box.
 * The server decides everything that counts (when messages show, response
 * times, scores); this file only makes the page feel like a chat tool. */
(function () {
  "use strict";

  var root = document.querySelector("[data-testid=workbench]");
  if (!root) return;

  // --- server clock ---------------------------------------------------------
  var offset = Number(root.dataset.serverNow || Date.now()) - Date.now();

  function formatSeconds(total) {
    total = Math.max(0, Math.floor(total));
    if (total < 60) return total + "s";
    var minutes = Math.floor(total / 60);
    var seconds = String(total % 60).padStart(2, "0");
    return minutes + ":" + seconds;
  }

  function tick() {
    var now = Date.now() + offset;
    document.querySelectorAll(".qn-timer[data-since]").forEach(function (el) {
      var elapsed = (now - Number(el.dataset.since)) / 1000;
      var target = Number(el.dataset.target || 0);
      el.textContent = formatSeconds(elapsed);
      el.classList.toggle("is-late", target > 0 && elapsed > target);
      el.classList.toggle("is-warn", target > 0 && elapsed > target * 0.7 && elapsed <= target);
    });
  }
  tick();
  setInterval(tick, 500);

  // --- side panel tabs --------------------------------------------------------
  var tabs = Array.prototype.slice.call(root.querySelectorAll(".qn-tab"));
  function selectTab(key) {
    tabs.forEach(function (tab) {
      var on = tab.dataset.tab === key;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
    });
    root.querySelectorAll(".qn-panel").forEach(function (panel) {
      panel.hidden = panel.dataset.panel !== key;
    });
  }
  if (tabs.length) {
    root.querySelector(".qn-side").classList.add("js-tabs");
    selectTab(tabs[0].dataset.tab);
    tabs.forEach(function (tab, index) {
      tab.addEventListener("click", function () { selectTab(tab.dataset.tab); });
      tab.addEventListener("keydown", function (event) {
        var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
        if (!step) return;
        var next = tabs[(index + step + tabs.length) % tabs.length];
        selectTab(next.dataset.tab);
        next.focus();
      });
    });
  }

  // --- chat log ---------------------------------------------------------------
  var log = document.getElementById("qn-log");
  // Ask for the chat the moment the server said the next message shows; the
  // slow poll in hx-trigger is only a fallback.
  var dueTimer = null;
  function scheduleDue() {
    var state = document.getElementById("qn-state");
    var due = state ? Number(state.dataset.nextDue || 0) : 0;
    clearTimeout(dueTimer);
    if (!due || !log || !window.htmx) return;
    var wait = Math.max(0, due - (Date.now() + offset)) + 80;
    dueTimer = setTimeout(function () { window.htmx.trigger(log, "qn-due"); }, wait);
  }
  var stickToBottom = true;
  function scrollToBottom() { if (log) log.scrollTop = log.scrollHeight; }
  if (log) {
    scrollToBottom();
    log.addEventListener("scroll", function () {
      stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
    });
  }

  // --- reply box ----------------------------------------------------------------
  var form = document.getElementById("qn-composer");
  var text = document.getElementById("qn-text");
  var send = form && form.querySelector(".qn-send");
  var phrases = [];
  var dataNode = document.getElementById("qn-phrase-data");
  if (dataNode) {
    try { phrases = JSON.parse(dataNode.textContent) || []; } catch (e) { phrases = []; }
  }
  var byCode = {};
  phrases.forEach(function (p) { byCode[p.code] = p; });

  function canReply() {
    var turn = document.getElementById("qn-turn");
    return !!turn && turn.dataset.canReply === "true";
  }
  function refreshSend() {
    // Only a hint: the server refuses a reply while the customer is typing
    // and says so, so the learner always gets an answer when pressing Send.
    if (send) send.classList.toggle("is-waiting", !canReply());
    var state = document.getElementById("qn-state");
    if (state && state.dataset.open === "false" && form) form.hidden = true;
    if (state && state.dataset.done === "true") {
      root.querySelectorAll("[data-leave]").forEach(function (el) { el.hidden = true; });
    }
    var hint = document.getElementById("qn-hint");
    var code = hint && hint.querySelector("[data-insert-code]");
    root.querySelectorAll(".qn-phrase").forEach(function (button) {
      button.classList.toggle(
        "is-recommended", !!code && button.dataset.insertCode === code.dataset.insertCode
      );
    });
  }
  refreshSend();
  window.addEventListener("load", scheduleDue);

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target === log) {
      if (stickToBottom) scrollToBottom();
      refreshSend();
      scheduleDue();
    }
  });
  var retries = 0;
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== log || !event.detail.xhr) return;
    if (event.detail.xhr.status !== 204) { retries = 0; return; }
    // Asked a moment too early (clocks differ a little): ask again shortly.
    var state = document.getElementById("qn-state");
    var due = state ? Number(state.dataset.nextDue || 0) : 0;
    if (due && due <= Date.now() + offset && retries < 8) {
      retries += 1;
      clearTimeout(dueTimer);
      dueTimer = setTimeout(function () { window.htmx.trigger(log, "qn-due"); }, 250);
    }
  });

  if (!form || !text) return;

  var draftKey = "qn-draft-" + root.dataset.session;
  try {
    if (!text.value && sessionStorage.getItem(draftKey)) text.value = sessionStorage.getItem(draftKey);
  } catch (e) { /* private mode */ }
  function saveDraft() {
    try { sessionStorage.setItem(draftKey, text.value); } catch (e) { /* ignore */ }
  }
  text.addEventListener("input", saveDraft);

  document.body.addEventListener("drill-reply-saved", function () {
    text.value = "";
    saveDraft();
    closeSuggestions();
    stickToBottom = true;
    scrollToBottom();
    text.focus({ preventScroll: true });
  });

  function insertText(value, replaceFrom) {
    var start = replaceFrom === undefined ? text.selectionStart : replaceFrom;
    var end = text.selectionEnd;
    text.value = text.value.slice(0, start) + value + text.value.slice(end);
    var caret = start + value.length;
    text.setSelectionRange(caret, caret);
    text.focus();
    saveDraft();
  }

  // Quick-phrase panel
  var panel = document.getElementById("qn-phrases");
  var toggle = form.querySelector("[data-action=toggle-phrases]");
  if (panel) panel.hidden = true;
  if (toggle && panel) {
    toggle.addEventListener("click", function () {
      panel.hidden = !panel.hidden;
      toggle.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
    });
  }
  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert-code]");
    if (!button) return;
    var phrase = byCode[button.dataset.insertCode];
    if (!phrase) return;
    insertText(phrase.text);
    if (panel && button.classList.contains("qn-phrase")) {
      panel.hidden = true;
      if (toggle) toggle.setAttribute("aria-expanded", "false");
    }
  });

  // "/code" suggestions at the caret
  var list = document.getElementById("qn-suggest");
  var matches = [];
  var selected = 0;
  var tokenStart = -1;

  function closeSuggestions() {
    matches = [];
    tokenStart = -1;
    if (list) { list.hidden = true; list.innerHTML = ""; }
  }
  function renderSuggestions() {
    list.innerHTML = "";
    matches.forEach(function (phrase, index) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", index === selected ? "true" : "false");
      item.dataset.index = String(index);
      var code = document.createElement("code");
      code.textContent = phrase.code;
      var title = document.createElement("strong");
      title.textContent = phrase.title;
      var body = document.createElement("small");
      body.textContent = phrase.text;
      item.appendChild(code);
      item.appendChild(title);
      item.appendChild(body);
      list.appendChild(item);
    });
    list.hidden = matches.length === 0;
  }
  function updateSuggestions() {
    var before = text.value.slice(0, text.selectionStart);
    var found = /(^|\s)(\/[A-Za-z0-9]*)$/.exec(before);
    if (!found || !list) { closeSuggestions(); return; }
    var token = found[2].toLowerCase();
    tokenStart = before.length - found[2].length;
    matches = phrases.filter(function (p) {
      return p.code.toLowerCase().indexOf(token) === 0;
    }).slice(0, 8);
    selected = 0;
    renderSuggestions();
  }
  function choose(index) {
    var phrase = matches[index];
    if (!phrase) return;
    var from = tokenStart;
    closeSuggestions();
    insertText(phrase.text, from);
  }
  if (list) {
    list.addEventListener("mousedown", function (event) {
      var item = event.target.closest("li");
      if (!item) return;
      event.preventDefault();
      choose(Number(item.dataset.index));
    });
  }
  text.addEventListener("input", updateSuggestions);
  document.addEventListener("mousedown", function (event) {
    if (!event.target.closest(".qn-input")) closeSuggestions();
  });

  text.addEventListener("keydown", function (event) {
    if (event.isComposing || event.keyCode === 229) return; // IME is composing
    if (matches.length) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        selected = (selected + (event.key === "ArrowDown" ? 1 : -1) + matches.length) % matches.length;
        renderSuggestions();
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        choose(selected);
        return;
      }
      if (event.key === "Escape") { closeSuggestions(); return; }
    }
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      if (text.value.trim() && send && !send.disabled) form.requestSubmit(send);
    }
  });
  // On a phone, focusing would scroll the page and open the keyboard.
  if (window.matchMedia("(min-width: 861px)").matches) text.focus({ preventScroll: true });
})();
