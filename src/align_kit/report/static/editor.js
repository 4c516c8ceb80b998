// align-kit review editor: renders the beads from /api/alignment and posts one edit at a time.
// Every text goes through textContent (never innerHTML), so sentences cannot inject markup.
(function () {
  "use strict";
  var state = null;
  var current = 0;
  var tbody = document.querySelector("#beads tbody");
  var thead = document.querySelector("#beads thead");
  var statusEl = document.getElementById("status");
  var token = document.body.getAttribute("data-token") || "";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function colour(score) {
    return "hsl(" + Math.round(Math.max(0, Math.min(1, score)) * 120) + ", 70%, 42%)";
  }

  function say(message, isError) {
    statusEl.textContent = message;
    statusEl.className = isError ? "error" : "ok";
  }

  function button(cls, label, title, data) {
    var b = el("button", {type: "button", "class": cls, title: title}, label);
    Object.keys(data).forEach(function (k) { b.setAttribute("data-" + k, data[k]); });
    return b;
  }

  function render() {
    document.body.setAttribute("data-version", state.version);
    document.getElementById("file").textContent = state.file;
    document.title = "align-kit review: " + state.file;
    document.getElementById("undo").disabled = state.undo === 0;
    var reviewed = state.beads.filter(function (b) { return b.flags.indexOf("reviewed") >= 0; });
    document.getElementById("progress").textContent =
      state.beads.length + " beads, " + reviewed.length + " confirmed";
    thead.textContent = "";
    var hr = el("tr");
    hr.appendChild(el("th", {"class": "num"}, "#"));
    hr.appendChild(el("th", {"class": "score"}, "conf."));
    state.documents.forEach(function (d) {
      hr.appendChild(el("th", {lang: d.language}, d.language +
        (d.language === state.original ? " (original)" : "")));
    });
    hr.appendChild(el("th", {"class": "actions"}, ""));
    thead.appendChild(hr);
    tbody.textContent = "";
    var last = state.beads.length - 1;
    state.beads.forEach(function (bead, b) {
      var tr = el("tr", {"data-bead": b, "data-kind": bead.kind, id: "bead-" + b});
      if (bead.flags.indexOf("reviewed") >= 0) { tr.classList.add("reviewed"); }
      if (bead.score < 0.5) { tr.classList.add("low"); }
      tr.appendChild(el("th", {"class": "num"}, String(bead.number)));
      var sc = el("td", {"class": "score", title: "confidence " + bead.score + ", " + bead.kind},
        bead.score.toFixed(2));
      sc.style.background = colour(bead.score);
      tr.appendChild(sc);
      bead.sides.forEach(function (side, k) {
        var td = el("td", {"class": "side" + (side.length ? "" : " empty"), "data-side": k,
                           lang: state.documents[k].language});
        side.forEach(function (s, n) {
          if (n > 0) {
            td.appendChild(button("split", "✂ split here", "split this bead before this sentence",
              {bead: b, side: k, at: n}));
          }
          td.appendChild(el("span", {"class": "sent", "data-i": s.i}, s.text));
          td.appendChild(button("edit-text", "✎", "edit the text of this sentence",
            {bead: b, side: k, segment: s.i}));
          td.appendChild(button("delete", "🗑", "delete this sentence", {bead: b, side: k,
            segment: s.i}));
        });
        var moves = el("div", {"class": "moves"});
        if (side.length && b > 0) {
          moves.appendChild(button("move", "move first sentence to previous bead",
            "the first sentence of this side joins the end of bead " + b,
            {bead: b, side: k, direction: "prev"}));
        }
        if (side.length && b < last) {
          moves.appendChild(button("move", "move last sentence to next bead",
            "the last sentence of this side joins the start of bead " + (b + 2),
            {bead: b, side: k, direction: "next"}));
        }
        moves.appendChild(button("insert", "+ add sentence", "add a new sentence at the end of "
          + "this side of the bead", {bead: b, side: k, at: side.length}));
        td.appendChild(moves);
        tr.appendChild(td);
      });
      var actions = el("td", {"class": "actions"});
      if (b < last) {
        actions.appendChild(button("merge", "merge with next", "merge this bead with the next",
          {bead: b}));
      }
      var isReviewed = bead.flags.indexOf("reviewed") >= 0;
      var rv = button("review", isReviewed ? "✓ confirmed" : "confirm",
        "confirm this bead (a person checked it); click again to unconfirm (r)",
        {bead: b, reviewed: isReviewed ? "0" : "1"});
      if (bead.kind.split("-").filter(function (n) { return n !== "0"; }).length > 1) {
        actions.appendChild(button("split-sides", "split in each language…",
          "choose where each language splits (how many sentences stay in the first bead)",
          {bead: b}));
      }
      rv.setAttribute("aria-pressed", isReviewed ? "true" : "false");
      actions.appendChild(rv);
      if (bead.why && bead.why.length) {  // the scorers' evidence, in words
        var why = el("ul", {"class": "why", title: "why this bead scored " +
          bead.score.toFixed(2)});
        bead.why.forEach(function (w) { why.appendChild(el("li", {}, w)); });
        actions.appendChild(why);
      }
      if (bead.findings.length) {
        var ul = el("ul", {"class": "findings"});
        bead.findings.forEach(function (f) {
          ul.appendChild(el("li", {"class": f.severity, title: f.tooltip}, f.message));
        });
        actions.appendChild(ul);
      }
      tr.appendChild(actions);
      tbody.appendChild(tr);
    });
    focusBead(Math.min(current, last), false);
  }

  function focusBead(b, scroll) {
    var rows = tbody.querySelectorAll("tr");
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(b, rows.length - 1));
    Array.prototype.forEach.call(rows, function (r) { r.classList.remove("current"); });
    rows[current].classList.add("current");
    if (scroll) { rows[current].scrollIntoView({block: "center"}); }
  }

  function request(method, url, body) {
    document.body.setAttribute("data-busy", "1");
    // the server's token goes with every call (it refuses requests without it)
    var opts = {method: method, headers: {"Content-Type": "application/json",
                                          "X-Review-Token": token}};
    if (body) { opts.body = JSON.stringify(body); }
    return fetch(url, opts).then(function (resp) {
      return resp.json().then(function (data) { return {ok: resp.ok, status: resp.status, data: data}; });
    }).then(function (r) {
      if (r.ok) {
        state = r.data;
        render();
      } else {
        say(r.data.error || ("error " + r.status), true);
      }
      return r;
    }).catch(function (err) {
      say("the review server did not answer: " + err, true);
    }).then(function (r) {
      document.body.setAttribute("data-busy", "0");
      return r;
    });
  }

  function load() {
    return request("GET", "/api/alignment").then(function (r) {
      if (r && r.ok) { say("loaded version " + state.version, false); }
    });
  }

  function edit(body, done) {
    if (!state) { return; }
    body.version = state.version;
    request("POST", "/api/edit", body).then(function (r) {
      if (r && r.ok) { say(done, false); }
    });
  }

  tbody.addEventListener("click", function (ev) {
    var t = ev.target.closest("button");
    if (!t) { return; }
    var b = parseInt(t.getAttribute("data-bead"), 10);
    current = b;
    if (t.classList.contains("merge")) {
      edit({op: "merge", bead: b}, "merged bead " + (b + 1) + " with the next");
    } else if (t.classList.contains("split")) {
      edit({op: "split", bead: b, side: parseInt(t.getAttribute("data-side"), 10),
            at: parseInt(t.getAttribute("data-at"), 10)}, "split bead " + (b + 1));
    } else if (t.classList.contains("move")) {
      edit({op: "move", bead: b, side: parseInt(t.getAttribute("data-side"), 10),
            direction: t.getAttribute("data-direction")}, "moved a sentence");
    } else if (t.classList.contains("edit-text")) {
      var seg = parseInt(t.getAttribute("data-segment"), 10);
      var old = t.previousSibling ? t.previousSibling.textContent : "";
      var text = window.prompt("New text of this sentence:", old);
      if (text !== null && text !== old) {
        edit({op: "text", side: parseInt(t.getAttribute("data-side"), 10), segment: seg,
              text: text}, "edited a sentence of bead " + (b + 1));
      }
    } else if (t.classList.contains("delete")) {
      edit({op: "delete", side: parseInt(t.getAttribute("data-side"), 10),
            segment: parseInt(t.getAttribute("data-segment"), 10)},
           "deleted a sentence of bead " + (b + 1));
    } else if (t.classList.contains("insert")) {
      var added = window.prompt("Text of the new sentence:", "");
      if (added) {
        edit({op: "insert", bead: b, side: parseInt(t.getAttribute("data-side"), 10),
              at: parseInt(t.getAttribute("data-at"), 10), text: added},
             "added a sentence to bead " + (b + 1));
      }
    } else if (t.classList.contains("split-sides")) {
      var sides = state.beads[b].sides;
      var langs = state.documents.map(function (d) { return d.language; }).join(", ");
      var guess = sides.map(function (sd) { return Math.floor(sd.length / 2); }).join(", ");
      var answer = window.prompt("Sentences that stay in the first bead, per language (" +
        langs + "):", guess);
      if (answer !== null) {
        var cuts = answer.split(",").map(function (x) { return parseInt(x, 10); });
        edit({op: "split", bead: b, cuts: cuts}, "split bead " + (b + 1));
      }
    } else if (t.classList.contains("review")) {
      edit({op: "review", bead: b, reviewed: t.getAttribute("data-reviewed") === "1"},
           "bead " + (b + 1) + " marked");
    }
  });
  document.getElementById("undo").addEventListener("click", function () {
    edit({op: "undo"}, "undone");
  });
  document.getElementById("reload").addEventListener("click", load);

  // jump to the next bead after the current one that matches (wrapping around)
  function jump(matches) {
    if (!state) { return; }
    var n = state.beads.length;
    for (var step = 1; step <= n; step++) {
      var b = (current + step) % n;
      if (matches(state.beads[b])) { focusBead(b, true); return; }
    }
    say("no such bead", false);
  }
  function unconfirmed(bead) { return bead.flags.indexOf("reviewed") < 0; }
  function lowConfidence(bead) { return bead.score < 0.5; }
  document.getElementById("next-unconfirmed").addEventListener("click", function () {
    jump(unconfirmed);
  });
  document.getElementById("next-low").addEventListener("click", function () {
    jump(lowConfidence);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !state) { return; }
    if (ev.target && /INPUT|TEXTAREA/.test(ev.target.tagName)) { return; }
    if (ev.key === "j") { focusBead(current + 1, true); }
    else if (ev.key === "k") { focusBead(current - 1, true); }
    else if (ev.key === "n") { jump(unconfirmed); }
    else if (ev.key === "l") { jump(lowConfidence); }
    else if (ev.key === "m" && current < state.beads.length - 1) {
      edit({op: "merge", bead: current}, "merged bead " + (current + 1) + " with the next");
    } else if (ev.key === "r") {
      var isReviewed = state.beads[current].flags.indexOf("reviewed") >= 0;
      edit({op: "review", bead: current, reviewed: !isReviewed}, "bead " + (current + 1) + " marked");
    } else if (ev.key === "u" && state.undo > 0) { edit({op: "undo"}, "undone"); }
  });
  load();
}());
