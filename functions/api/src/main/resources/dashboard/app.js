/* Community Pulse dashboard: plain JavaScript, no build step. Every figure comes from the read API
   (GET /health, /leaderboard, /contributors/{id}[/explain|/activity]); nothing is computed here but layout.
   On AWS the read API needs an API key: asked once, kept in this browser's localStorage, sent as x-api-key
   to this origin only. Text is always set with textContent, never parsed as HTML. */
(function () {
  "use strict";
  var KEY = "communityPulse.apiKey";
  var MODE = "communityPulse.mode";
  var main = document.getElementById("main");

  function store(name, value) {
    try {
      if (value === undefined) { return window.localStorage.getItem(name); }
      if (value === null) { window.localStorage.removeItem(name); } else { window.localStorage.setItem(name, value); }
    } catch (e) { return null; }
    return null;
  }
  function publicMode() { return store(MODE) === "public"; }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (attrs[k] === null || attrs[k] === undefined) { return; }
        if (k === "text") { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function link(url, text) {
    var u = safeUrl(url);
    return u ? el("a", { href: u, rel: "noopener noreferrer", target: "_blank", text: text }) : el("span", { text: text });
  }
  function profileLink(id, text) { return el("a", { href: "#/contributor/" + encodeURIComponent(id), text: text || id }); }

  /** A failed read: status and the API's reason (or API Gateway's "Forbidden" for a refused key). */
  function ApiError(status, message) { this.status = status; this.message = message; }

  function api(path) {
    var headers = { "Accept": "application/json" };
    var key = store(KEY);
    if (key) { headers["x-api-key"] = key; }
    return fetch(path, { headers: headers, credentials: "omit", cache: "no-cache" }).then(function (r) {
      return r.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (!r.ok) {
          throw new ApiError(r.status, body && (body.error || body.message) || ("HTTP " + r.status));
        }
        if (body === null) { throw new ApiError(r.status, "the API's answer was not JSON"); }
        return body;
      });
    }, function (e) { throw new ApiError(0, "the read API could not be reached (" + e.message + ")"); });
  }

  function clear() { while (main.firstChild) { main.removeChild(main.firstChild); } }
  function loading(what) { clear(); document.body.setAttribute("data-state", "loading"); main.appendChild(el("p", { "class": "status", role: "status", text: "Loading " + what + "…" })); }
  function ready() {
    document.body.setAttribute("data-state", "ready");
    if (!window.__pulseFirstFigures) { window.__pulseFirstFigures = performance.now(); }
  }

  function showError(err, retry) {
    clear();
    document.body.setAttribute("data-state", "error");
    var box = el("div", { "class": "error", role: "alert", "data-error-status": String(err.status || 0) });
    if (err.status === 401 || err.status === 403) {
      box.appendChild(el("strong", { text: "API key refused" }));
      box.appendChild(el("p", { text: store(KEY) ? "The read API refused the key kept in this browser. Enter the stack's read API key (stack output ReadApiKeyId: aws apigateway get-api-key --include-value)." : "The read API needs an API key. Enter the stack's read API key (stack output ReadApiKeyId)." }));
      box.appendChild(keyForm(retry));
    } else {
      box.appendChild(el("strong", { text: err.message || String(err) }));
      if (err.status) { box.appendChild(el("p", { "class": "muted", text: "The read API answered " + err.status + "." })); }
    }
    main.appendChild(box);
  }

  function keyForm(after) {
    var input = el("input", { type: "password", id: "api-key", name: "api-key", autocomplete: "off", placeholder: "read API key", "aria-label": "Read API key" });
    var form = el("form", { "class": "inline", id: "key-form" }, [input, el("button", { type: "submit", text: "Save key" }),
      el("button", { type: "button", id: "forget-key", text: "Forget key" }), el("button", { type: "button", id: "public-mode", text: publicMode() ? "Leave public mode" : "Public mode" })]);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (input.value.trim()) { store(KEY, input.value.trim()); store(MODE, null); }
      (after || render)();
    });
    form.querySelector("#forget-key").addEventListener("click", function () { store(KEY, null); (after || render)(); });
    form.querySelector("#public-mode").addEventListener("click", function () {
      store(MODE, publicMode() ? null : "public");
      location.hash = publicMode() ? "#/leaderboard" : "#/";
      render();
    });
    return form;
  }

  function term(name, definitions) {
    var d = definitions && definitions[name];
    if (!d) { return el("span", { "class": "label", text: name }); }
    return el("details", { "class": "term" }, [el("summary", { text: name }), el("p", { text: d })]);
  }

  function table(headers, rows, numeric) {
    var head = el("tr", null, headers.map(function (h, i) { return el("th", { scope: "col", "class": numeric && numeric[i] ? "num" : null, text: h }); }));
    var body = rows.map(function (r) {
      return el("tr", null, r.map(function (c, i) {
        var td = el("td", { "class": numeric && numeric[i] ? "num" : null });
        if (c !== null && typeof c === "object") { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? "" : String(c); }
        return td;
      }));
    });
    return el("div", { "class": "scroll" }, [el("table", null, [el("thead", null, [head]), el("tbody", null, body)])]);
  }

  function pct(rate) { return rate === null || rate === undefined ? "n/a" : Math.round(rate * 100) + "%"; }
  function dur(seconds) {
    if (seconds === null || seconds === undefined) { return "n/a"; }
    var s = Math.floor(seconds);
    if (s < 60) { return s + "s"; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + "m"; }
    var h = Math.floor(m / 60);
    if (h < 48) { return h + "h " + (m % 60) + "m"; }
    return Math.floor(h / 24) + "d " + (h % 24) + "h";
  }
  function day(iso) { return iso ? iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC") : ""; }

  /** A uPlot chart with a caption saying what it shows in words; series told apart by dash and point shape too. */
  var DASHES = [[], [8, 4], [2, 3], [12, 3, 2, 3]];
  var COLORS = ["#1f5fbf", "#b3541e", "#2e7d32", "#6a1b9a"];
  function chart(container, title, labels, series, yLabel, kind) {
    var fig = el("figure", { "class": "chart" }, [el("figcaption", { text: title })]);
    container.appendChild(fig);
    if (typeof window.uPlot !== "function") { fig.appendChild(el("p", { "class": "muted", text: "(chart library not loaded; the table below has the figures)" })); return; }
    var width = Math.max(280, Math.min(fig.clientWidth || container.clientWidth || 320, 1060));
    var xs = labels.map(function (_, i) { return i; });
    var opts = {
      width: width, height: width < 480 ? 190 : 230,
      scales: { x: { time: false } },
      axes: [{ values: function (u, vals) { return vals.map(function (v) { return labels[v] !== undefined && v === Math.round(v) ? labels[v].replace(/^\d{4}-/, "") : ""; }); } },
             { label: yLabel, size: 50 }],
      series: [{ label: "week", value: function (u, v) { return v === null ? "" : labels[v]; } }].concat(series.map(function (s, i) {
        return { label: s.label, stroke: COLORS[i % 4], width: 2, dash: DASHES[i % 4], fill: kind === "bars" ? COLORS[i % 4] + "33" : undefined,
          points: { show: true, size: 6 + 2 * i }, paths: kind === "bars" && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined,
          value: s.format ? function (u, v) { return s.format(v); } : undefined };
      }))
    };
    try { new uPlot(opts, [xs].concat(series.map(function (s) { return s.values; })), fig); } catch (e) { fig.appendChild(el("p", { "class": "muted", text: "(chart could not be drawn: " + e.message + ")" })); }
  }

  // ------------------------------------------------------------------ Health
  function health() {
    if (publicMode()) { clear(); main.appendChild(el("div", { "class": "notice", role: "status" }, [el("strong", { text: "Public mode: " }), "the health figures need the read API key; the leaderboard and public profiles do not. ", el("a", { href: "#/leaderboard", text: "Open the leaderboard" })])); main.appendChild(keyForm()); ready(); return; }
    loading("the health figures");
    api("health?weeks=12").then(function (h) {
      clear();
      var defs = {};
      (h.definitions || []).forEach(function (d) { defs[d.name] = d.definition; });
      defs["Returning contributors"] = "active in the week, but their first action ever was before it (the digest's \"returning\")";
      defs["Pull requests merged"] = "pr_merged actions in the week, credited to the PR's author";
      defs["Median time to first response"] = defs["Time to first response"];
      defs["p90 time to first response"] = defs["Time to first response"];
      main.appendChild(el("h2", { text: "Health" }));
      if (h.empty) {
        main.appendChild(el("div", { "class": "notice", role: "status", id: "no-data" }, [el("strong", { text: "No data yet: start a backfill. " }),
          "Nothing has been scored in the last " + h.weeks_requested + " weeks. Connect a platform's webhook or post deliveries (README: \"Send any platform's delivery with one command\"), then reload."]));
      }
      var weeks = h.weeks || [];
      var complete = weeks.filter(function (w) { return w.complete; });
      var last = complete.length ? complete[complete.length - 1] : weeks[weeks.length - 1];
      var current = weeks[weeks.length - 1];
      if (last) {
        main.appendChild(el("h3", { id: "headline-week", "data-week": last.week, text: "Week " + last.week + " (" + last.from + " to " + last.to + ", as in the digest)" }));
        if (last.total_actions === 0) { main.appendChild(el("p", { "class": "notice", id: "quiet-week", text: "A week with no activity: no one but bots acted in " + last.week + "." })); }
        var tiles = el("div", { "class": "tiles", id: "headline" });
        (h.headline_labels || []).forEach(function (label, i) {
          tiles.appendChild(el("div", { "class": "tile", "data-figure": label }, [term(label, defs), el("span", { "class": "value", text: last.headline[i] })]));
        });
        tiles.appendChild(el("div", { "class": "tile", "data-figure": "Returning contributors" }, [term("Returning contributors", defs), el("span", { "class": "value", text: String(last.returning_contributors) })]));
        tiles.appendChild(el("div", { "class": "tile", "data-figure": "p90 time to first response" }, [term("p90 time to first response", defs), el("span", { "class": "value", text: last.p90_time_to_first_response })]));
        main.appendChild(tiles);
        if (last.new_contributor_names && last.new_contributor_names.length) {
          main.appendChild(el("p", { id: "new-names" }, ["New contributors: ", last.new_contributor_names.join(", ")]));
        }
        if (current && current !== last) {
          main.appendChild(el("p", { "class": "muted", id: "this-week" }, ["This week so far (" + current.week + "): " + current.active_contributors + " active, " + current.new_contributors + " new, " + current.prs_merged + " PRs merged."]));
        }
      }

      main.appendChild(el("h2", { text: "The last " + weeks.length + " weeks" }));
      var labels = weeks.map(function (w) { return w.week; });
      var charts = el("div");
      main.appendChild(charts);
      chart(charts, "Contributors per week: active (solid), new (dashed), returning (dotted)", labels, [
        { label: "Active", values: weeks.map(function (w) { return w.active_contributors; }) },
        { label: "New", values: weeks.map(function (w) { return w.new_contributors; }) },
        { label: "Returning", values: weeks.map(function (w) { return w.returning_contributors; }) }], "people");
      chart(charts, "Pull requests merged per week (bars)", labels, [
        { label: "PRs merged", values: weeks.map(function (w) { return w.prs_merged; }) }], "PRs", "bars");
      chart(charts, "PR acceptance rate per week, % (no point: none decided)", labels, [
        { label: "Acceptance %", values: weeks.map(function (w) { return w.pr_acceptance_rate === null ? null : Math.round(w.pr_acceptance_rate * 100); }), format: function (v) { return v === null ? "n/a" : v + "%"; } }], "%");
      chart(charts, "Time to first response per week, hours: median (solid), p90 (dashed)", labels, [
        { label: "Median h", values: weeks.map(function (w) { return w.median_time_to_first_response_s === null ? null : Math.round(w.median_time_to_first_response_s / 36) / 100; }) },
        { label: "p90 h", values: weeks.map(function (w) { return w.p90_time_to_first_response_s === null ? null : Math.round(w.p90_time_to_first_response_s / 36) / 100; }) }], "hours");

      var rows = weeks.slice().reverse().map(function (w) {
        return [w.week + (w.complete ? "" : " (so far)"), w.active_contributors, w.new_contributors, w.returning_contributors,
          w.prs_merged, pct(w.pr_acceptance_rate), dur(w.median_time_to_first_response_s), dur(w.p90_time_to_first_response_s)];
      });
      var weekTable = table(["Week", "Active contributors", "New contributors", "Returning contributors", "Pull requests merged", "PR acceptance rate", "Median time to first response", "p90 time to first response"], rows, [false, true, true, true, true, true, true, true]);
      weekTable.id = "weeks-table";
      main.appendChild(weekTable);
      var defList = el("div", { "class": "definitions" }, ["Active contributors", "New contributors", "Returning contributors", "PR acceptance rate", "Time to first response"].map(function (n) { return term(n, defs); }));
      main.appendChild(defList);

      var debt = h.response_debt;
      main.appendChild(el("h2", null, [term("Response debt", defs)]));
      main.appendChild(el("p", { id: "debt-summary", text: "First-timers' threads opened in the " + debt.window_days + " days to now: " + debt.first_timer_threads + ", answered by a human: " + debt.answered + ", human-only time to first response: median " + debt.median_first_response + ", p90 " + debt.p90_first_response + ". Waiting past the " + debt.target_hours + "h target: " + debt.waiting.length + "." }));
      if (debt.waiting.length) {
        var debtTable = table(["Waiting", "Thread", "Repository", "By", "Opened"], debt.waiting.map(function (w) {
          return [w.waited, link(w.url, w.thread), w.repo, w.author_login, day(w.opened_at)];
        }), [true, false, false, false, false]);
        debtTable.id = "debt-table";
        main.appendChild(debtTable);
      } else {
        main.appendChild(el("p", { "class": "muted", text: "No first-timer is waiting past the target." }));
      }

      var bus = h.bus_factor;
      main.appendChild(el("h2", null, [term("Bus factor", defs)]));
      main.appendChild(el("p", { "class": "muted", text: "CHAOSS Contributor Absence Factor over the " + bus.window_days + " days to now; quiet after " + bus.quiet_after_days + " days." }));
      if (bus.repos.length) {
        var busTable = table(["Repository", "Bus factor", "People", "Contributions", "Core", "Flags"], bus.repos.map(function (r) {
          return [r.repo, r.factor, r.contributors, r.contributions, r.core.map(function (c) { return c.login + " " + c.contributions; }).join(", "),
            r.flags ? el("span", { "class": "flag", text: r.flags.replace(/FLAG: /g, "") }) : "none"];
        }), [false, true, true, true, false, false]);
        busTable.id = "bus-table";
        main.appendChild(busTable);
      } else {
        main.appendChild(el("p", { "class": "muted", text: "No contribution in the window." }));
      }
      main.appendChild(el("p", { "class": "muted", text: "As of " + day(h.as_of) + "." }));
      ready();
    }, function (err) { showError(err, health); });
  }

  // ------------------------------------------------------------------ Leaderboard
  var PERIODS = [["week", "This week"], ["month", "This month"], ["all", "All time"]];
  var PAGE_SIZE = 20;
  function leaderboard(params) {
    var period = params.period || "week";
    var page = params.page || "1";
    loading("the leaderboard");
    var base = publicMode() ? "public/leaderboard" : "leaderboard";
    function tabs() {
      return el("nav", { "class": "tabs", "aria-label": "Period" }, PERIODS.map(function (p) {
        return el("a", { href: "#/leaderboard?period=" + p[0], "aria-current": p[0] === period ? "true" : "false", text: p[1] });
      }));
    }
    if (!/^[0-9]{1,9}$/.test(page)) {
      clear(); main.appendChild(el("h2", { text: "Leaderboard" })); main.appendChild(tabs());
      main.appendChild(el("div", { "class": "error", role: "alert" }, [el("strong", { text: "page must be a whole number, got " + page })]));
      document.body.setAttribute("data-state", "error");
      return;
    }
    api(base + "?period=" + encodeURIComponent(period) + "&limit=" + PAGE_SIZE + "&page=" + encodeURIComponent(page)).then(function (b) {
      clear();
      main.appendChild(el("h2", { text: "Leaderboard" }));
      main.appendChild(tabs());
      main.appendChild(el("p", { "class": "muted", text: "Highest score first (" + b.board + "); bots are never listed. Page " + b.page + "." }));
      if (!b.items.length) {
        main.appendChild(el("div", { "class": "notice", role: "status", id: "empty-board" }, [el("strong", { text: "No data yet: start a backfill. " }), "No one has scored " + (period === "week" ? "this week" : period === "month" ? "this month" : "yet") + "."]));
      } else {
        var t = table(["Rank", "Contributor", "Platform", "Score", "Tier"], b.items.map(function (i) {
          return [i.rank, profileLink(i.id, i.login || i.id), i.platform, i.score, i.tier ? el("span", { "class": "tier", text: i.tier }) : ""];
        }), [true, false, false, true, false]);
        t.id = "leaderboard-table";
        main.appendChild(t);
      }
      var n = parseInt(page, 10);
      var pager = el("div", { "class": "pager" }, [
        n > 1 ? el("a", { href: "#/leaderboard?period=" + period + "&page=" + (n - 1), rel: "prev", text: "← Previous page" }) : null,
        el("span", { text: "Page " + n }),
        b.next ? el("a", { href: "#/leaderboard?period=" + period + "&page=" + (n + 1), rel: "next", text: "Next page →" }) : null]);
      main.appendChild(pager);
      ready();
    }, function (err) {
      showError(err, function () { leaderboard(params); });
      if (err.status !== 401 && err.status !== 403) { main.insertBefore(tabs(), main.firstChild); main.insertBefore(el("h2", { text: "Leaderboard" }), main.firstChild); }
    });
  }

  // ------------------------------------------------------------------ Contributor
  function searchForm(value) {
    var input = el("input", { type: "text", id: "contributor-id", name: "id", value: value || "", placeholder: "github:583231 or github:@octocat", "aria-label": "Contributor id or login" });
    var form = el("form", { "class": "inline", id: "contributor-form", role: "search" }, [input, el("button", { type: "submit", text: "Show" })]);
    form.addEventListener("submit", function (e) { e.preventDefault(); if (input.value.trim()) { location.hash = "#/contributor/" + encodeURIComponent(input.value.trim()); } });
    return form;
  }

  function contributor(id) {
    if (!id) {
      clear(); main.appendChild(el("h2", { text: "Contributor" }));
      main.appendChild(el("p", { text: "A profile by any linked identity (platform:id) or login (platform:@login)." }));
      main.appendChild(searchForm(""));
      ready();
      return;
    }
    loading("the profile of " + id);
    var path = encodeURIComponent(id);
    if (publicMode()) {
      api("public/contributors/" + path).then(function (p) {
        clear(); main.appendChild(el("h2", { text: p.login || p.id })); main.appendChild(searchForm(id));
        main.appendChild(el("div", { "class": "tiles" }, [
          el("div", { "class": "tile", "data-figure": "score" }, [el("span", { text: "Score" }), el("span", { "class": "value", text: String(p.score) })]),
          el("div", { "class": "tile", "data-figure": "tier" }, [el("span", { text: "Tier" }), el("span", { "class": "value", text: p.tier || "" })])]));
        main.appendChild(el("p", { "class": "muted", text: "Public profile: login, score and tier only. The full profile needs the read API key." }));
        ready();
      }, function (err) { showError(err); main.insertBefore(searchForm(id), main.firstChild); });
      return;
    }
    Promise.all([api("contributors/" + path), api("contributors/" + path + "/explain"), api("contributors/" + path + "/activity")]).then(function (r) {
      var p = r[0], x = r[1], a = r[2];
      clear();
      main.appendChild(el("h2", { id: "profile-login", text: (p.login || p.id) }));
      main.appendChild(searchForm(id));
      main.appendChild(el("div", { "class": "tiles", id: "profile" }, [
        el("div", { "class": "tile", "data-figure": "score" }, [el("span", { text: "Score" }), el("span", { "class": "value", text: String(p.score) }), el("span", { "class": "sub", text: "this week " + p.week_score })]),
        el("div", { "class": "tile", "data-figure": "tier" }, [el("span", { text: "Tier" }), el("span", { "class": "value", text: p.tier || "(none)" })]),
        el("div", { "class": "tile", "data-figure": "first_seen" }, [el("span", { text: "First seen" }), el("span", { "class": "value", style: null, text: (p.first_seen || "").slice(0, 10) })]),
        el("div", { "class": "tile", "data-figure": "welcomed" }, [el("span", { text: "Welcomed" }), el("span", { "class": "value", text: p.welcomed ? "yes" : "no" }), el("span", { "class": "sub", text: p.welcomed_at ? day(p.welcomed_at) : "" })])]));
      main.appendChild(el("p", { id: "identities" }, ["Identities: ", p.identities.join(", "), ". Last active " + day(p.last_active) + "."]));

      main.appendChild(el("h3", { text: "Tier history" }));
      var hist = (x.tier && x.tier.history) || p.tier_history || [];
      main.appendChild(el("ul", { "class": "plain", id: "tier-history" }, hist.map(function (s) { return el("li", { text: day(s.at) + ": " + s.tier + (s.reason ? " (" + s.reason + ")" : "") }); })));
      if (x.tier && x.tier.rule) { main.appendChild(el("p", { "class": "muted", text: "In " + x.tier.tier + " by " + x.tier.rule + "; keeps it " + x.tier.keeps_tier_while + "." })); }

      main.appendChild(el("h3", { text: "Score explained" }));
      var lines = table(["Platform", "Type", "Count", "Weight", "Points", "Rule"], x.lines.map(function (l) {
        return [l.platform, l.type, l.count, l.weight, l.points, l.rule];
      }), [false, false, true, true, true, false]);
      lines.id = "explain-lines";
      main.appendChild(lines);
      main.appendChild(el("p", { id: "explain-total", text: "Total " + x.total_points + " = score " + x.score + (x.legacy_points ? " (legacy points " + x.legacy_points + ")" : "") + ", scoring config " + x.config_version + "." }));

      main.appendChild(el("h3", { text: "Activity per week" }));
      var weeks = a.weeks || [];
      if (weeks.length) {
        chart(main, "Score earned per ISO week (bars)", weeks.map(function (w) { return w.week; }),
          [{ label: "Score", values: weeks.map(function (w) { return Number(w.score); }) }], "points", "bars");
        var wt = table(["Week", "Score", "Days active"], weeks.slice().reverse().map(function (w) { return [w.week, w.score, w.days_active]; }), [false, true, true]);
        wt.id = "activity-table";
        main.appendChild(wt);
      } else {
        main.appendChild(el("p", { "class": "muted", text: "No weekly activity recorded (older weeks expire with the activity)." }));
      }
      ready();
    }, function (err) {
      if (err.status === 404) { err.message = "No contributor " + id + ": no action from this identity or login has been scored (or the person was erased)."; }
      showError(err, function () { contributor(id); });
      if (err.status !== 401 && err.status !== 403) { main.insertBefore(searchForm(id), main.firstChild); main.insertBefore(el("h2", { text: "Contributor" }), main.firstChild); }
    });
  }

  // ------------------------------------------------------------------ routing
  function parseHash() {
    var h = location.hash.replace(/^#\/?/, "");
    var q = {};
    var qi = h.indexOf("?");
    if (qi >= 0) {
      h.slice(qi + 1).split("&").forEach(function (pair) { var i = pair.indexOf("="); if (i > 0) { q[decodeURIComponent(pair.slice(0, i))] = decodeURIComponent(pair.slice(i + 1)); } });
      h = h.slice(0, qi);
    }
    var parts = h.split("/");
    return { page: parts[0] || "health", arg: parts.length > 1 ? decodeURIComponent(parts.slice(1).join("/")) : "", query: q };
  }

  function render() {
    var r = parseHash();
    Array.prototype.forEach.call(document.querySelectorAll("[data-nav]"), function (a) {
      if (a.getAttribute("data-nav") === r.page) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
    });
    if (r.page === "leaderboard") { document.title = "Leaderboard · Community Pulse"; leaderboard(r.query); }
    else if (r.page === "contributor") { document.title = (r.arg || "Contributor") + " · Community Pulse"; contributor(r.arg); }
    else if (r.page === "health") { document.title = "Health · Community Pulse"; health(); }
    else { clear(); showError(new ApiError(0, "No page " + r.page + ": try Health, Leaderboard or Contributor.")); }
  }

  document.getElementById("key-button").addEventListener("click", function () {
    clear();
    main.appendChild(el("h2", { text: "API key" }));
    main.appendChild(el("p", { text: "On AWS the read API needs the stack's API key. It is kept only in this browser (localStorage) and sent only to this API, as x-api-key. The local runner needs none." + (store(KEY) ? " A key is saved." : " No key is saved.") }));
    main.appendChild(keyForm(function () { location.hash = "#/"; render(); }));
  });
  window.addEventListener("hashchange", render);
  render();
})();
