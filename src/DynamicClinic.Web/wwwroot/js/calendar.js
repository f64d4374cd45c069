// The day calendar's enhancements; everything works without them.
// 1. Live: every few seconds ask /staff/calendar/changes with If-None-Match; when the day changed (another desk booked,
//    moved or marked someone), fetch this page again and swap in its grid and lists.
// 2. Actions: each appointment that can change carries data-ref, data-v and data-acts; the links (arrived, no-show...,
//    cancel, move) are written here rather than sent 300 times in the page. Without script the appointment's link opens
//    its page, which has the same actions.
// 3. Drag to move: drag an appointment onto a free quarter hour; the booking core checks the drop (POST
//    /staff/calendar/move) and a refused drop stays where it was, with the reason read out. The Move link stays the
//    keyboard and no-script way.
(function () {
  "use strict";
  var actionText = { Arrived: "Arrived", Completed: "Completed", NoShow: "No-show" };

  // One confirmation link per action; v= lets the confirmation say if someone changed the appointment meanwhile.
  function addActions() {
    document.querySelectorAll(".cal-appt[data-ref]").forEach(function (item) {
      if (item.querySelector(".cal-acts")) {
        return;
      }
      var href = "/staff/appointments/" + encodeURIComponent(item.getAttribute("data-ref"));
      var v = "&v=" + encodeURIComponent(item.getAttribute("data-v"));
      var acts = document.createElement("span");
      acts.className = "cal-acts";
      function link(text, url) {
        var a = document.createElement("a");
        a.href = url;
        a.textContent = text;
        acts.appendChild(a);
      }
      (item.getAttribute("data-acts") || "").split(" ").forEach(function (to) {
        if (actionText[to]) {
          link(actionText[to], href + "/confirm?to=" + to + v);
        }
      });
      link("Cancel", href + "/confirm?to=Cancelled" + v);
      link("Move", href + "/move");
      item.appendChild(acts);
    });
  }

  addActions();
  // The rest is for the day view (the week view has the actions only).
  var root = document.querySelector("[data-live]");
  if (!root || !window.fetch) {
    return;
  }

  var live = document.getElementById("cal-live");
  var etag = null;
  var busy = false;
  var pollMs = 3000;

  function say(text) {
    if (live) {
      live.textContent = text;
    }
  }

  function token() {
    var input = document.querySelector('input[name="__RequestVerificationToken"]');
    return input ? input.value : "";
  }

  // Redraws the grid and lists from a fresh copy of this page, keeping the scroll position of the grid's box.
  function refresh() {
    return fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) {
          return;
        }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector(".cal-views");
        var current = root.querySelector(".cal-views");
        if (!fresh || !current) {
          return;
        }
        var box = current.querySelector(".cal-scroll");
        var top = box ? box.scrollTop : 0;
        var left = box ? box.scrollLeft : 0;
        current.replaceWith(fresh);
        var newBox = fresh.querySelector(".cal-scroll");
        if (newBox) {
          newBox.scrollTop = top;
          newBox.scrollLeft = left;
        }
        addActions();
        wireDrag();
      });
  }

  function poll() {
    if (busy || document.hidden) {
      return;
    }
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(root.getAttribute("data-live"), { credentials: "same-origin", headers: headers, cache: "no-store" })
      .then(function (r) {
        if (r.status !== 200) {
          return null;
        }
        var next = r.headers.get("ETag");
        var changed = etag !== null && next !== etag;
        etag = next;
        return changed ? refresh() : null;
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  // Drag and drop: appointments that can move carry data-ref (reference) and data-v (the version the grid showed).
  var dragged = null;

  function slotOf(free) {
    var href = free.getAttribute("href") || "";
    var clinician = /[?&]clinician=(\d+)/.exec(href);
    var start = /[?&]start=([0-9T:-]+)/.exec(href);
    return clinician && start ? { clinician: clinician[1], start: start[1] } : null;
  }

  function wireDrag() {
    root.querySelectorAll(".cal-appt[data-ref]").forEach(function (item) {
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (e) {
        dragged = item;
        item.classList.add("is-dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", item.getAttribute("data-ref"));
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("is-dragging");
        dragged = null;
      });
    });
    root.querySelectorAll("a.cal-free").forEach(function (free) {
      free.addEventListener("dragover", function (e) {
        if (dragged) {
          e.preventDefault();
          free.classList.add("is-drop");
        }
      });
      free.addEventListener("dragleave", function () { free.classList.remove("is-drop"); });
      free.addEventListener("drop", function (e) {
        e.preventDefault();
        free.classList.remove("is-drop");
        var item = dragged;
        var slot = slotOf(free);
        if (!item || !slot) {
          return;
        }
        drop(item, slot);
      });
    });
  }

  function drop(item, slot) {
    var body = new URLSearchParams();
    body.set("reference", item.getAttribute("data-ref"));
    body.set("v", item.getAttribute("data-v"));
    body.set("clinician", slot.clinician);
    body.set("start", slot.start);
    busy = true;
    say("Moving…");
    fetch("/staff/calendar/move", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-TOKEN": token(), "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    })
      .then(function (r) {
        return r.json().catch(function () { return { ok: false, message: "The move was not saved." }; });
      })
      .then(function (answer) {
        // Refused: the appointment never left its place in the page; the reason is read out.
        say(answer.message);
        return refresh();
      })
      .catch(function () { say("The move was not saved: the connection failed."); })
      .then(function () { busy = false; });
  }

  wireDrag();
  poll();
  setInterval(poll, pollMs);
  document.addEventListener("visibilitychange", poll);
})();
