/* yoy-diff's review page: filters whose state lives in the URL fragment
 * ("#filter:dept=hm-revenue-customs&status=changed"), the inline or side
 * by side view, and next / previous change by link or by the keys n and
 * p.  The page works without it: every cell is reachable from the grid.
 * Embedded in every page at build time (scripts/embed). */
(function () {
	"use strict";
	var doc = document, form = doc.getElementById("yoy-filters");
	var keys = ["dept", "action", "kind", "status", "view"];
	if (!form || !doc.querySelectorAll) return;
	doc.documentElement.className += " yoy-js";
	form.hidden = false;
	var cells = [].slice.call(doc.querySelectorAll(".yoy-cell"));
	var changes = cells.filter(function (c) { return c.tagName === "ARTICLE"; });
	var live = doc.getElementById("yoy-shown");

	function state() {
		var s = {}, h = location.hash;
		if (h.indexOf("#filter:") !== 0) return s;
		h.slice(8).split("&").forEach(function (kv) {
			var i = kv.indexOf("=");
			if (i > 0 && keys.indexOf(kv.slice(0, i)) >= 0)
				s[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
		});
		return s;
	}
	function fragment(s) {
		var parts = keys.filter(function (k) { return s[k]; }).map(function (k) {
			return k + "=" + encodeURIComponent(s[k]);
		});
		return parts.length ? "#filter:" + parts.join("&") : location.pathname;
	}
	function matches(el, s) {
		return ["dept", "action", "kind", "status"].every(function (k) {
			return !s[k] || el.getAttribute("data-" + k) === s[k];
		});
	}
	function show(s) {
		var n = 0;
		keys.forEach(function (k) {
			var f = form.elements["f-" + k];
			if (f && f.type !== undefined && f.tagName === "SELECT") f.value = s[k] || "";
		});
		[].forEach.call(form.querySelectorAll("input[name=f-view]"), function (r) {
			r.checked = r.value === (s.view || "inline");
		});
		doc.body.classList.toggle("yoy-view-side", s.view === "side");
		cells.forEach(function (c) {
			c.hidden = !matches(c, s);
			if (!c.hidden) n++;
		});
		[].forEach.call(doc.querySelectorAll(".yoy-dept, .yoy-action"), function (sec) {
			sec.hidden = !sec.querySelector(".yoy-cell:not([hidden])");
		});
		[].forEach.call(doc.querySelectorAll(".yoy-matrix [data-dept]"), function (c) {
			c.hidden = !!s.dept && c.getAttribute("data-dept") !== s.dept;
		});
		[].forEach.call(doc.querySelectorAll(".yoy-matrix tbody tr"), function (r) {
			r.hidden = !!s.action && r.getAttribute("data-action") !== s.action;
		});
		if (live) live.textContent = "Showing " + n + " of " + cells.length + " cells";
	}
	function set(s) {
		history.replaceState(null, "", fragment(s));
		show(s);
	}
	function read() {
		var s = {};
		["dept", "action", "kind", "status"].forEach(function (k) {
			if (form.elements["f-" + k].value) s[k] = form.elements["f-" + k].value;
		});
		var v = form.querySelector("input[name=f-view]:checked");
		if (v && v.value !== "inline") s.view = v.value;
		return s;
	}
	form.addEventListener("change", function () { set(read()); });
	form.addEventListener("submit", function (e) { e.preventDefault(); set(read()); });
	form.addEventListener("reset", function () { setTimeout(function () { set({}); }, 0); });
	[].forEach.call(doc.querySelectorAll("a[data-status]"), function (a) {
		a.addEventListener("click", function (e) {
			var s = state();
			e.preventDefault();
			s.status = a.getAttribute("data-status");
			set(s);
			(live || form).focus();
		});
	});

	/* next and previous: among the changes shown, from `from` */
	function step(from, by) {
		var shown = changes.filter(function (c) { return !c.hidden; });
		var i = shown.indexOf(from);
		if (i < 0) {
			for (i = 0; i < shown.length; i++)
				if (from.compareDocumentPosition(shown[i]) & 4) break;
			if (by < 0) i--;
		} else {
			i += by;
		}
		return shown[i];
	}
	function go(el) {
		if (!el) return;
		history.replaceState(null, "", "#" + el.id);
		el.focus();
		el.scrollIntoView({ block: "start" });
	}
	doc.addEventListener("click", function (e) {
		var a = e.target.closest && e.target.closest("a.yoy-next, a.yoy-prev");
		if (!a) return;
		e.preventDefault();
		go(step(a.closest(".yoy-cell"), a.classList.contains("yoy-next") ? 1 : -1));
	});
	doc.addEventListener("keydown", function (e) {
		var t = e.target.tagName;
		if (e.altKey || e.ctrlKey || e.metaKey || t === "INPUT" || t === "SELECT" || t === "TEXTAREA") return;
		if (e.key !== "n" && e.key !== "p") return;
		var at = doc.activeElement && doc.activeElement.closest && doc.activeElement.closest(".yoy-cell");
		var to = at ? step(at, e.key === "n" ? 1 : -1) :
			(e.key === "n" ? step(doc.getElementById("yoy-grid-title"), 1) : null);
		if (to) { e.preventDefault(); go(to); }
	});
	/* a link to a place in the page moves the focus there */
	window.addEventListener("hashchange", function () {
		if (location.hash.indexOf("#filter:") === 0) { show(state()); return; }
		var el = location.hash && doc.getElementById(decodeURIComponent(location.hash.slice(1)));
		if (el && el.hasAttribute("tabindex")) el.focus();
	});
	show(state());
	/* for scripts/bench: when the page became interactive */
	if (window.performance && performance.mark) performance.mark("yoy-interactive");
})();
