// newsdiff report: render a story's details from its data block when it is opened, open the story (and the
// details around a sentence) when a link such as #S3 or #S1-a2-s7 is followed, and expand or collapse every
// story. A data block is JSON, or the JSON deflated and in base64 (type application/x-newsdiff-deflate), which
// the browser's own DecompressionStream inflates, so rendering a story is asynchronous. No network; text from
// the report only ever becomes textContent, never markup.
(function () {
  "use strict";
  // The story list is hidden until this script runs (see the page's CSS): the page is then laid out once,
  // not again and again while thousands of stories are being read.
  document.documentElement.setAttribute("data-ready", "");
  var large = parseInt(document.body.getAttribute("data-large"), 10) || 30;
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function row(table, cells, head) {
    var tr = add(table, el("tr"));
    for (var i = 0; i < cells.length; i++) {
      var c = cells[i];
      var td = add(tr, el(head ? "th" : "td", c && c.cls, c && c.cls !== undefined ? c.t : c));
      if (c && c.title) td.title = c.title;
    }
    return tr;
  }
  // A story's data, read from its block: a promise, since packed data is inflated by a stream.
  function data(block) {
    if (block.type === "application/json") return Promise.resolve(JSON.parse(block.textContent));
    if (typeof DecompressionStream !== "function") {
      return Promise.reject(new Error("this browser cannot inflate it (no DecompressionStream)"));
    }
    var bin = atob(block.textContent), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).text().then(JSON.parse);
  }
  // Renders a story's details once; the promise resolves when they are in the page.
  var pending = new WeakMap();
  function render(story) {
    if (pending.has(story)) return pending.get(story);
    var block = story.querySelector("script[type='application/json'],script[type='application/x-newsdiff-deflate']");
    var done = !block ? Promise.resolve() : Promise.resolve(block).then(data).then(function (d) {
      build(story, block, d);
      story.setAttribute("data-rendered", "yes");
    }).catch(function (err) {
      story.insertBefore(el("p", "dim", "This story's details cannot be shown: " + err.message), block);
      story.setAttribute("data-rendered", "failed");
    });
    pending.set(story, done);
    return done;
  }
  function build(story, block, d) {
    var box = story.insertBefore(el("div", "detail"), block);
    if (d.kt && d.kt.length) {
      var terms = add(box, el("p"));
      d.kt.forEach(function (t) { add(terms, el("span", "tag", t)); });
    }
    var id = story.id, arts = d.a, multi = arts.length > 1;
    function sentence(c) {
      var parts = arts[c[0]] && arts[c[0]][5];
      return parts && parts[2 * c[1] + 1] !== undefined ? parts[2 * c[1] + 1] : "";
    }
    function link(c) {
      var a = el("a", null, "\u00b6\ufe0e\u00a0in\u00a0text");
      a.href = "#" + id + "-a" + (c[0] + 1) + "-s" + c[1];
      a.title = "show in the text of " + arts[c[0]][3];
      return a;
    }
    function claimLine(parent, c, runs) {
      var div = add(parent, el("div"));
      add(div, el("span", "src", arts[c[0]][0]));
      div.appendChild(document.createTextNode(": "));
      if (runs && runs.length) {
        var tags = { removed: "del", added: "ins", conflict: "mark" };
        for (var i = 0; i < runs.length; i++) {
          var op = runs[i][0], t = runs[i][1];
          if (op === "equal") div.appendChild(document.createTextNode(t));
          else add(div, el(tags[op] || "span", tags[op] ? null : op, t));
        }
      } else {
        div.appendChild(document.createTextNode(sentence(c)));
      }
      div.appendChild(document.createTextNode(" "));
      div.appendChild(link(c));
    }
    function none(text) { add(box, el("p", "dim", text)); }
    add(box, el("h3", null, "Articles"));
    var t = add(box, el("table"));
    row(t, ["#", "source", "date", "title", "id", "words"], true);
    arts.forEach(function (a, k) {
      row(t, [{ t: k + 1, cls: "num" }, { t: a[0], cls: "src" }, { t: a[1] || "", cls: "num" }, a[2] || "",
        { t: a[3], cls: "dim" }, { t: a[4], cls: "num" }]);
    });
    if (multi) {
      add(box, el("h3", null, "Similarity"));
      var h = add(box, el("table", "heat"));
      var head = [""];
      arts.forEach(function (a, k) { head.push({ t: k + 1, cls: "", title: a[0] }); });
      row(h, head, true);
      d.sim.forEach(function (r, i) {
        var tr = add(h, el("tr"));
        var th = add(tr, el("th", null, i + 1)); th.title = arts[i][0];
        r.forEach(function (v, j) {
          var td = add(tr, el("td", "num", i === j || arts.length > large ? "" : v.toFixed(2)));
          var alpha = i === j ? 0.08 : Math.min(Math.max(v, 0), 1) * 0.9 + 0.05;
          td.style.background = "rgba(36,87,197," + alpha.toFixed(2) + ")";
          if (i !== j && v > 0.55) td.style.color = "#fff";
          td.title = arts[i][0] + " / " + arts[j][0] + ": " + v.toFixed(3);
        });
      });
      add(box, el("h3", null, "Near-duplicates"));
      if (!d.dup.length) none("None: each article was written on its own.");
      else {
        var dt = add(box, el("table"));
        row(dt, ["article", "article", "resemblance", ""], true);
        d.dup.forEach(function (p) { row(dt, [p[0], p[1], { t: p[2].toFixed(2), cls: "num" }, p[3] ? "exact copy" : "near copy"]); });
      }
      add(box, el("h3", null, "Claims made by several sources"));
      if (!d.sh.length) none("None found.");
      d.sh.forEach(function (c) {
        var div = add(box, el("div", "claim"));
        add(div, el("span", "dim", c[0] + " \u00b7 " + c[1].join(", ") + " \u00b7 similarity " + c[2].toFixed(2)));
        c[3].forEach(function (m) { claimLine(div, m); });
      });
      add(box, el("h3", null, "Conflicting claims"));
      if (!d.co.length) none("None found.");
      d.co.forEach(function (c) {
        var div = add(box, el("div", "pair"));
        if (c[3]) add(add(div, el("div")), el("mark", null, c[3]));
        claimLine(div, c[0], c[4]);
        claimLine(div, c[1], c[5]);
      });
      add(box, el("h3", null, "Claims only one source makes"));
      if (!d.un.length) none("None found.");
      else {
        var ud = add(box, el("details"));
        add(ud, el("summary", null, plural(d.un.length, "claim")));
        d.un.forEach(function (c) { claimLine(add(ud, el("div", "claim")), c); });
      }
    }
    add(box, el("h3", null, "Name variants"));
    if (!d.va.length) none("Every name is spelled one way.");
    else {
      var vt = add(box, el("table", "variants"));
      row(vt, ["#", "spelling", "count", "sources"], true);
      d.va.forEach(function (g, n) {
        g[1].forEach(function (f) { row(vt, [{ t: n + 1, cls: "num" }, f[0], { t: f[1], cls: "num" }, f[2].join(", ")]); });
      });
    }
    if (arts.some(function (a) { return a[5]; })) {
      add(box, el("h3", null, "Texts"));
      arts.forEach(function (a, k) {
        if (!a[5]) return;
        var det = add(box, el("details", "text"));
        var sum = add(det, el("summary"));
        add(sum, el("span", "src", a[0]));
        sum.appendChild(document.createTextNode(" " + (a[2] || a[3])));
        var body = add(det, el("div", "body"));
        a[5].forEach(function (part, p) {
          if (p % 2 === 0) body.appendChild(document.createTextNode(part));
          else add(body, el("span", null, part)).id = id + "-a" + (k + 1) + "-s" + (p - 1) / 2;
        });
      });
    }
  }
  document.addEventListener("toggle", function (e) {
    var t = e.target;
    if (t.classList && t.classList.contains("story") && t.open) render(t);
  }, true);
  function reveal(target) {
    var story = document.getElementById(target.split("-")[0]);
    var ready = Promise.resolve();
    if (story && story.classList.contains("story")) { story.open = true; ready = render(story); }
    ready.then(function () {
      var node = document.getElementById(target);
      if (!node) return;
      for (var p = node.parentElement; p; p = p.parentElement) {
        if (p.tagName === "DETAILS") p.open = true;
      }
      var old = document.querySelectorAll(".hit");
      for (var i = 0; i < old.length; i++) old[i].classList.remove("hit");
      node.classList.add("hit");
      node.scrollIntoView({ block: node === story ? "start" : "center" });
    });
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (a) reveal(decodeURIComponent(a.getAttribute("href").slice(1)));
  });
  function all(open) {
    var ds = document.querySelectorAll("details.story");
    for (var i = 0; i < ds.length; i++) { ds[i].open = open; if (open) render(ds[i]); }
  }
  var ex = document.getElementById("expand-all");
  if (ex) ex.addEventListener("click", function () { all(true); });
  var co = document.getElementById("collapse-all");
  if (co) co.addEventListener("click", function () { all(false); });
  var opened = document.querySelectorAll("details.story[open]");
  for (var i = 0; i < opened.length; i++) render(opened[i]);
  window.addEventListener("hashchange", function () { reveal(decodeURIComponent(location.hash.slice(1))); });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
  document.documentElement.setAttribute("data-script", "ran");
})();
