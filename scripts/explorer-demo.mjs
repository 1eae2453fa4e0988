// Records the causal scenario played in the causality explorer: opens the page in headless Chromium (DevTools protocol
// on a pipe, like screenshot.mjs), clears the diagram, presses "Play all steps" and captures a frame every 250 ms until
// kv3 has delivered y (its hold bar is drawn) and the page has settled; then writes the last frame separately.
//   node scripts/explorer-demo.mjs <explorer url> <frames dir> <final.png>
// Exits 1 when the page never shows kv3 delivering y within 60 s.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, framesDir, finalShot] = process.argv.slice(2);
const [width, height] = [1600, 1200];
mkdirSync(framesDir, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "explorer-demo-"));
const browser = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
  "--disable-background-networking", "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank"],
  { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const pending = new Map();
let next = 0;
let buffered = "";
browser.stdio[4].on("data", chunk => {
  buffered += chunk.toString("utf8");
  let end;
  while ((end = buffered.indexOf("\0")) >= 0) {
    const message = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    if (message.id && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  }
});
const send = (method, params = {}, sessionId) => new Promise(resolve => {
  const id = ++next;
  pending.set(id, resolve);
  browser.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
});

let exitCode = 1;
try {
  const { result: { targetId } } = await send("Target.createTarget", { url: "about:blank" });
  const { result: { sessionId } } = await send("Target.attachToTarget", { targetId, flatten: true });
  const evaluate = async expression =>
    (await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, sessionId)).result?.result?.value;
  await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  await send("Page.navigate", { url }, sessionId);
  const ready = Date.now() + 30000;
  while (Date.now() < ready && !(await evaluate("document.querySelectorAll('.lane-card .conn:not(.down)').length >= 3 && !document.querySelector('#play').disabled"))) {
    await sleep(250);
  }
  await evaluate("document.querySelector('#clear').click()");
  await sleep(500);
  await evaluate("document.querySelector('#play').click()");
  let frame = 0, doneAt = 0;
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    const shot = await send("Page.captureScreenshot", { format: "png" }, sessionId);
    writeFileSync(join(framesDir, `${String(frame++).padStart(4, "0")}.png`), Buffer.from(shot.result.data, "base64"));
    const delivered = await evaluate("!!document.querySelector('.hold[data-node=\"kv3\"]') && !!document.querySelector('[data-step=\"5\"].done')");
    if (delivered && !doneAt) {
      doneAt = Date.now();
      // Explain the held write in the final frames: select it, as a viewer would.
      await evaluate("document.querySelector('g.ev.buffered[data-node=\"kv3\"]')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))");
    }
    if (doneAt && Date.now() - doneAt > 2500) {
      copyFileSync(join(framesDir, `${String(frame - 1).padStart(4, "0")}.png`), finalShot);
      exitCode = 0;
      break;
    }
    await sleep(250);
  }
} finally {
  browser.kill("SIGKILL");
  await sleep(200);
  rmSync(profile, { recursive: true, force: true });
}
process.exit(exitCode);
