// yoy-diff's review page in a real browser: Debian's chromium, driven by
// puppeteer-core, checked by axe-core.
//
//   node review.test.js OUT NAME=PAGE... --hostile PAGE --split DIR
//
// Each PAGE is a review page that tests/browser.sh made; OUT receives the
// screenshots and the PDF.  Prints "ok NAME" or "not ok NAME: why" a
// check, and exits 1 when any failed, 2 when the browser cannot start.
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const out = process.argv[2];
const pages = {};
let hostile = null, split = null;
for (let i = 3; i < process.argv.length; i++) {
	const a = process.argv[i];
	if (a === "--hostile") hostile = process.argv[++i];
	else if (a === "--split") split = process.argv[++i];
	else { const [k, v] = a.split("="); pages[k] = v; }
}
let failed = 0;
function report(name, good, why) {
	if (good) console.log("ok " + name);
	else { failed++; console.log("not ok " + name + (why ? ": " + why : "")); }
}
async function check(name, fn) {
	try {
		const why = await fn();
		report(name, why === undefined || why === true, why === false ? "" : why);
	} catch (e) {
		report(name, false, String(e && e.stack || e).split("\n").slice(0, 3).join(" | "));
	}
}
const url = (file) => "file://" + path.resolve(file);

// A page opened at a width; requests other than the page itself are
// counted, dialogs recorded and dismissed.
async function open(browser, file, width, js = true) {
	const page = await browser.newPage();
	page.requests = [];
	page.dialogs = [];
	page.on("request", (r) => { if (r.url().split("#")[0] !== url(file)) page.requests.push(r.url()); });
	page.on("dialog", async (d) => { page.dialogs.push(d.message()); await d.dismiss(); });
	await page.setJavaScriptEnabled(js);
	await page.setViewport({ width, height: 900 });
	await page.goto(url(file), { waitUntil: "load" });
	return page;
}

async function axe(page) {
	await page.evaluate(axeSource);
	const r = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
	}));
	return r.violations.map((v) => v.id + " (" + v.nodes.length + "): " +
		v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", "));
}

// which cells are shown, by their data
function shownCells(page) {
	return page.$$eval(".yoy-cell", (cs) => cs.filter((c) => c.offsetParent !== null || c.getClientRects().length)
		.map((c) => ({ id: c.id, dept: c.dataset.dept, status: c.dataset.status })));
}

async function perPage(browser, name, file) {
	let page = await open(browser, file, 1280);
	await check(name + ": 0 axe violations (WCAG 2.2 A and AA)", async () => {
		const v = await axe(page);
		return v.length === 0 || v.join("; ");
	});
	await check(name + ": no request but the page itself, no dialog", async () =>
		page.requests.length === 0 && page.dialogs.length === 0 || page.requests.concat(page.dialogs).join(", "));
	await check(name + ": one h1, headings in order, a main landmark, a skip link", async () =>
		page.evaluate(() => {
			const hs = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => +h.tagName[1]);
			let prev = 0;
			for (const h of hs) { if (h > prev + 1) return "h" + h + " after h" + prev; prev = h; }
			return hs.filter((h) => h === 1).length === 1 && !!document.querySelector("main#main") &&
				document.querySelector("a.yoy-skip-link").getAttribute("href") === "#main" || "structure";
		}));
	await check(name + ": fits 1280 px, every column of the grid in sight", async () =>
		page.evaluate(() => {
			const g = document.querySelector(".yoy-grid");
			return document.documentElement.scrollWidth <= window.innerWidth && (!g || g.scrollWidth <= g.clientWidth) ||
				"page " + document.documentElement.scrollWidth + " px, grid " + (g && g.scrollWidth) + " px wide";
		}));
	await page.screenshot({ path: path.join(out, name + "-1280.png"), fullPage: false });
	await page.setViewport({ width: 390, height: 844 });
	await check(name + ": fits 390 px, the grid scrolling in its own box", async () =>
		page.evaluate(() => {
			const g = document.querySelector(".yoy-grid");
			return document.documentElement.scrollWidth <= window.innerWidth &&
				(!g || getComputedStyle(g).overflowX === "auto") ||
				"page " + document.documentElement.scrollWidth + " px wide";
		}));
	await page.screenshot({ path: path.join(out, name + "-390.png"), fullPage: false });
	await page.close();
	page = await open(browser, file, 1280, false);
	await check(name + ": without JavaScript every cell is reachable from the grid or the lists", async () =>
		page.evaluate(() => {
			const linked = new Set([...document.querySelectorAll("a[href^='#']")]
				.map((a) => a.getAttribute("href").slice(1)));
			const bad = [...document.querySelectorAll(".yoy-cell")].filter((c) => !linked.has(c.id) &&
				!linked.has(c.parentElement.id));
			const grid = [...document.querySelectorAll(".yoy-matrix td a[href^='#']")]
				.filter((a) => !document.getElementById(a.getAttribute("href").slice(1)));
			return bad.length + grid.length === 0 || bad.length + " cells unlinked, " + grid.length + " dead links";
		}));
	await page.close();
}

async function interactions(browser, file) {
	const page = await open(browser, file, 1280);
	const dept = await page.$eval("#f-dept option:nth-child(2)", (o) => o.value);
	await check("filter by department: only its cells shown, the fragment says so", async () => {
		await page.select("#f-dept", dept);
		const shown = await shownCells(page);
		const all = await page.$$eval(".yoy-cell", (cs) => cs.filter((c) => c.dataset.dept === cs[0].ownerDocument
			.getElementById("f-dept").value).length);
		const hash = await page.evaluate(() => location.hash);
		return shown.length > 0 && shown.length === all && shown.every((c) => c.dept === dept) &&
			hash === "#filter:dept=" + dept || JSON.stringify({ n: shown.length, all, hash });
	});
	await check("the fragment restores the filter on reload", async () => {
		await page.reload({ waitUntil: "load" });
		const v = await page.$eval("#f-dept", (s) => s.value);
		const shown = await shownCells(page);
		return v === dept && shown.length > 0 && shown.every((c) => c.dept === dept) || v;
	});
	await check("a status count filters to its cells", async () => {
		await page.goto(url(file), { waitUntil: "load" });
		await page.click("a[data-status=changed]");
		const shown = await shownCells(page);
		return shown.length > 0 && shown.every((c) => c.status === "changed") &&
			(await page.evaluate(() => location.hash)) === "#filter:status=changed" || shown.length + " shown";
	});
	await check("next and previous change move the focus in order (keys n and p, and the links)", async () => {
		await page.goto(url(file), { waitUntil: "load" });
		const order = await page.$$eval("article.yoy-cell", (cs) => cs.map((c) => c.id));
		const focused = () => page.evaluate(() => document.activeElement.id);
		await page.focus("#" + order[0]);
		await page.keyboard.press("n");
		const second = await focused();
		await page.keyboard.press("n");
		const third = await focused();
		await page.keyboard.press("p");
		const back = await focused();
		await page.click("#" + back + " a.yoy-next");
		const link = await focused();
		return order.length >= 3 && second === order[1] && third === order[2] && back === order[1] &&
			link === order[2] || [second, third, back, link].join(" ");
	});
	await check("side by side: the old and the new text of the same cell", async () => {
		await page.goto(url(file), { waitUntil: "load" });
		await page.click("#f-view-side");
		return page.evaluate(() => {
			const c = document.querySelector("article.yoy-changed");
			const side = c.querySelector(".yoy-side"), inline = c.querySelector(".yoy-inline");
			const [old, now] = side.children;
			const del = [...inline.querySelectorAll("del")].map((d) => d.textContent);
			const ins = [...inline.querySelectorAll("ins")].map((d) => d.textContent);
			return getComputedStyle(side).display === "grid" && getComputedStyle(inline).display === "none" &&
				del.every((t) => old.textContent.includes(t)) && ins.every((t) => now.textContent.includes(t)) &&
				!old.querySelector("ins") && !now.querySelector("del") && del.length + ins.length > 0 &&
				location.hash === "#filter:view=side" || "views";
		});
	});
	await check("the grid's links land on their sections, and back", async () => {
		await page.goto(url(file), { waitUntil: "load" });
		const href = await page.$eval(".yoy-matrix td.yoy-changed a", (a) => a.getAttribute("href"));
		await page.click(".yoy-matrix td.yoy-changed a");
		const at = await page.evaluate(() => ({ hash: location.hash, focus: document.activeElement.id,
			top: document.getElementById(location.hash.slice(1)).getBoundingClientRect().top }));
		const back = await page.$eval(href + " a[href^='#m-']", (a) => a.getAttribute("href"));
		await page.click(href + " a[href^='#m-']");
		const home = await page.evaluate(() => ({ hash: location.hash,
			top: document.getElementById(location.hash.slice(1)).getBoundingClientRect().top }));
		return at.hash === href && at.focus === href.slice(1) && Math.abs(at.top) < 5 &&
			home.hash === back && home.top > -2 && home.top < 900 || JSON.stringify({ at, home });
	});
	await check("print: insertions underlined, deletions struck, no backgrounds, controls hidden", async () => {
		await page.goto(url(file), { waitUntil: "load" });
		await page.emulateMediaType("print");
		const r = await page.evaluate(() => {
			const s = (sel) => getComputedStyle(document.querySelector(sel));
			return { ins: s("ins").textDecorationLine, insBg: s("ins").backgroundColor,
				del: s("del").textDecorationLine, delBg: s("del").backgroundColor,
				filters: s("#yoy-filters").display };
		});
		await page.emulateMediaType("screen");
		return r.ins.includes("underline") && r.del.includes("line-through") && r.insBg === "rgba(0, 0, 0, 0)" &&
			r.delBg === "rgba(0, 0, 0, 0)" && r.filters === "none" || JSON.stringify(r);
	});
	await check("print to PDF", async () => {
		const pdf = await page.pdf({ path: path.join(out, "seeds.pdf"), format: "A4", printBackground: false });
		return Buffer.from(pdf).subarray(0, 5).toString() === "%PDF-" || "not a PDF";
	});
	await page.close();
}

async function hostilePage(browser, file) {
	await check("hostile inputs: no dialog, no script of theirs, the layout kept", async () => {
		const page = await open(browser, file, 1280);
		await page.hover(".yoy-cell p");
		const r = await page.evaluate(() => ({
			pwned: window.__pwned === undefined ? 0 : 1,
			scripts: document.scripts.length,
			rules: document.styleSheets[0].cssRules.length,
			wide: document.documentElement.scrollWidth - window.innerWidth,
			js: [...document.querySelectorAll("a[href]")].filter((a) => !a.getAttribute("href").startsWith("#")).length,
			handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => a.name.startsWith("on"))).length,
		}));
		await page.screenshot({ path: path.join(out, "hostile-1280.png") });
		await page.close();
		return r.pwned === 0 && r.scripts === 1 && r.rules > 50 && r.wide <= 0 && r.js === 0 && r.handlers === 0 &&
			page.dialogs.length === 0 || JSON.stringify(r) + " dialogs " + page.dialogs.join(",");
	});
}

(async () => {
	let browser;
	try {
		browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true,
			args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
	} catch (e) {
		console.log("not ok the browser starts: " + CHROMIUM + ": " + String(e.message || e).split("\n")[0]);
		process.exit(2);
	}
	try {
		fs.mkdirSync(out, { recursive: true });
		for (const [name, file] of Object.entries(pages)) await perPage(browser, name, file);
		await interactions(browser, pages.seeds);
		if (hostile) await hostilePage(browser, hostile);
		if (split) {
			await perPage(browser, "split-index", path.join(split, "index.html"));
			const dept = fs.readdirSync(split).filter((f) => f.startsWith("department-"))[0];
			await perPage(browser, "split-department", path.join(split, dept));
		}
	} finally {
		await browser.close();
	}
	process.exit(failed ? 1 : 0);
})();
