// time-to-interactive PAGE [LOADS]: opens a review page in Debian's
// chromium LOADS times (default 10), each in a fresh tab, and prints the
// page's size and the median time from navigation to its script having
// run (the "yoy-interactive" mark), with the fastest and slowest.  For
// scripts/bench; not a test.
"use strict";
const fs = require("fs");
const path = require("path");
const puppeteer = require("puppeteer-core");

(async () => {
	const file = path.resolve(process.argv[2]), loads = +process.argv[3] || 10;
	const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
	const times = [];
	let cells = 0;
	for (let i = 0; i < loads; i++) {
		const page = await browser.newPage();
		await page.setViewport({ width: 1280, height: 900 });
		await page.goto("file://" + file, { waitUntil: "load" });
		const t = await page.evaluate(() => {
			const m = performance.getEntriesByName("yoy-interactive")[0];
			return m ? m.startTime : -1;
		});
		cells = await page.$$eval(".yoy-cell", (c) => c.length);
		if (t < 0) { console.error("time-to-interactive: the page's script did not run"); process.exit(1); }
		times.push(t);
		await page.close();
	}
	await browser.close();
	times.sort((a, b) => a - b);
	const mb = fs.statSync(file).size / 1e6;
	console.log(`review page ${mb.toFixed(2)} MB, ${cells} cells: interactive in ` +
		`${Math.round(times[Math.floor((times.length - 1) / 2)])} ms ` +
		`(median of ${loads} loads; ${Math.round(times[0])} to ${Math.round(times[times.length - 1])} ms)`);
})().catch((e) => { console.error("time-to-interactive: " + (e.message || e)); process.exit(2); });
