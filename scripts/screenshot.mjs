// Screenshots a page that renders after load (the Aspire dashboard is a Blazor Server app: its content arrives over
// a WebSocket after the load event, which `chromium --screenshot` does not wait for). Drives headless Chromium over
// the DevTools protocol on a pipe (no WebSocket client needed, so Debian's own Node.js is enough): waits until the
// page shows `waitFor` text (or 30 s), lets it settle, then captures.
//   node scripts/screenshot.mjs <url> <out.png> [width,height] [waitFor text] [settle ms]
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, out, size = "1600,1000", waitFor = "", settle = "1500"] = process.argv.slice(2);
const [width, height] = size.split(",").map(Number);
const profile = mkdtempSync(join(tmpdir(), "shot-"));
// With --remote-debugging-pipe Chromium reads commands on fd 3 and answers on fd 4, each message ending in NUL.
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

try {
  const { result: { targetId } } = await send("Target.createTarget", { url: "about:blank" });
  const { result: { sessionId } } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  await send("Page.navigate", { url }, sessionId);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const { result } = await send("Runtime.evaluate",
      { expression: "document.readyState + '|' + (document.body ? document.body.innerText : '')", returnByValue: true }, sessionId);
    const [state, text = ""] = String(result?.result?.value ?? "").split(/\|(.*)/s);
    if (state === "complete" && text.trim().length > 0 && (!waitFor || text.includes(waitFor))) break;
    await sleep(250);
  }
  await sleep(Number(settle));
  const shot = await send("Page.captureScreenshot", { format: "png" }, sessionId);
  writeFileSync(out, Buffer.from(shot.result.data, "base64"));
} finally {
  browser.kill("SIGKILL");
  await sleep(200);
  rmSync(profile, { recursive: true, force: true });
}
process.exit(0);
