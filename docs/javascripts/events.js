// Keeps the conference watch true after the build: regroups /events/ by the
// reader's date, rewrites the "in 12 days" labels and shows deadlines in the
// reader's time zone. Without JavaScript the labels computed at build time stay.
//
// The rules repeat hooks/field_guide/event_status.py; tests/test_events_script.py
// runs this file under Node and compares both on the same days.
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var STATUSES = ["upcoming", "happening-now", "past"];

  // Day number (days since 1970-01-01) of an ISO date such as "2026-04-23".
  function dayNumber(iso) {
    var parts = iso.split("-");
    return Date.UTC(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])) / DAY_MS;
  }

  // Day number of the reader's calendar date, in the reader's time zone.
  function localDayNumber(now) {
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
  }

  function statusOn(start, end, today) {
    if (today < start) return "upcoming";
    if (today <= end) return "happening-now";
    return "past";
  }

  // Rounds a span of 2 or more days down to days, weeks, months (30 days) or years (365 days).
  function duration(days) {
    if (days < 14) return days + " days";
    if (days < 60) return Math.floor(days / 7) + " weeks";
    if (days < 365) return Math.floor(days / 30) + " months";
    var years = Math.floor(days / 365);
    return years === 1 ? "1 year" : years + " years";
  }

  function relativeLabel(start, end, today) {
    var status = statusOn(start, end, today);
    var days;
    if (status === "upcoming") {
      days = start - today;
      return days === 1 ? "starts tomorrow" : "in " + duration(days);
    }
    if (status === "happening-now") {
      days = end - today;
      if (days === 0) return "ends today";
      return days === 1 ? "ends tomorrow" : "ends in " + duration(days);
    }
    days = today - end;
    return days === 1 ? "ended yesterday" : "ended " + duration(days) + " ago";
  }

  function byKeys(keysOf) {
    return function (a, b) {
      var x = keysOf(a);
      var y = keysOf(b);
      for (var i = 0; i < x.length; i++) {
        if (x[i] < y[i]) return -1;
        if (x[i] > y[i]) return 1;
      }
      return 0;
    };
  }

  // Groups events ({id, start, end} with day numbers) by status, nearest to today first.
  // Upcoming events sort by start, those happening now by end, past ones by most recent end, then by id.
  function groupEvents(events, today) {
    var groups = { upcoming: [], "happening-now": [], past: [] };
    events.forEach(function (event) {
      groups[statusOn(event.start, event.end, today)].push(event);
    });
    groups.upcoming.sort(byKeys(function (e) { return [e.start, e.id]; }));
    groups["happening-now"].sort(byKeys(function (e) { return [e.end, e.id]; }));
    groups.past.sort(byKeys(function (e) { return [-e.end, e.id]; }));
    return groups;
  }

  function eventOf(label) {
    return {
      id: label.getAttribute("data-event"),
      start: dayNumber(label.getAttribute("data-start")),
      end: dayNumber(label.getAttribute("data-end")),
      label: label,
    };
  }

  function updateLabels(today) {
    document.querySelectorAll(".fg-when[data-start][data-end]").forEach(function (label) {
      var event = eventOf(label);
      label.textContent = relativeLabel(event.start, event.end, today);
    });
  }

  // Moves each row of the /events/ tables into the table of its group, creating
  // a table from a copy of an existing one when a group had none at build time.
  function regroup(today) {
    var containers = {};
    STATUSES.forEach(function (status) {
      containers[status] = document.querySelector('.fg-event-group[data-status="' + status + '"]');
    });
    if (!containers.upcoming || !containers["happening-now"] || !containers.past) return;

    var labels = document.querySelectorAll(".fg-event-group .fg-when[data-start][data-end]");
    if (labels.length === 0) return;
    // Copied before any row moves, with its rows removed.
    var template = labels[0].closest("table").cloneNode(true);
    template.querySelector("tbody").textContent = "";
    var groups = groupEvents(Array.prototype.map.call(labels, eventOf), today);

    STATUSES.forEach(function (status) {
      var container = containers[status];
      var table = container.querySelector("table");
      var empty = container.querySelector(".fg-empty");
      if (groups[status].length === 0) {
        if (table) (table.closest(".md-typeset__scrollwrap") || table).remove();
        if (!empty) {
          empty = document.createElement("p");
          empty.className = "fg-empty";
          container.appendChild(empty);
        }
        empty.textContent = "None today.";
        return;
      }
      if (!table) {
        table = template.cloneNode(true);
        container.appendChild(table);
      }
      if (empty) empty.remove();
      var body = table.querySelector("tbody");
      groups[status].forEach(function (event) {
        body.appendChild(event.label.closest("tr"));
      });
    });

    var asOf = document.querySelector(".fg-as-of");
    if (asOf) asOf.textContent = "Grouped by today's date in your browser.";
  }

  // Shows each deadline in the reader's time zone, followed by the original zone.
  function localiseDeadlines() {
    var format = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    });
    document.querySelectorAll("time.fg-deadline[datetime]").forEach(function (element) {
      if (element.hasAttribute("data-original")) return;
      var original = element.textContent;
      element.setAttribute("data-original", original);
      element.textContent = format.format(new Date(element.getAttribute("datetime"))) + " your time";
      var note = document.createElement("span");
      note.className = "fg-deadline-original";
      note.textContent = ", which is " + original;
      element.after(note);
    });
  }

  function update() {
    var today = localDayNumber(new Date());
    regroup(today);
    updateLabels(today);
    localiseDeadlines();
  }

  if (typeof module === "object" && module.exports) {
    module.exports = {
      dayNumber: dayNumber,
      statusOn: statusOn,
      relativeLabel: relativeLabel,
      groupEvents: groupEvents,
    };
    return;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();
