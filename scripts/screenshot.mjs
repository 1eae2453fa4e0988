// Screenshots a page that renders after load (the Aspire dashboard is a Blazor Server app: its content arrives over
// a WebSocket after the load event, which `chromium --screenshot` does not wait for). Drives headless Chromium over
// the DevTools protocol with no dependencies: waits until the page shows `waitFor` text (or the deadline), lets it
// settle, then captures.
//   node --experimental-websocket scripts/screenshot.mjs <url> <out.png> [width,height] [waitFor text] [settle ms]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [url, out, size = "1600,1000", waitFor = "", settle = "1500"] = process.argv.slice(2);
const [width, height] = size.split(",").map(Number);
const profile = mkdtempSync(join(tmpdir(), "shot-"));
const browser = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
  "--disable-background-networking", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "about:blank"],
  { stdio: "ignore" });
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

try {
  const portFile = join(profile, "DevToolsActivePort");
  for (let i = 0; i < 100 && !existsSync(portFile); i++) await sleep(100);
  const [port, path] = readFileSync(portFile, "utf8").trim().split("\n");
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((resolve, reject) => { socket.onopen = resolve; socket.onerror = reject; });
  let next = 0;
  const pending = new Map();
  socket.onmessage = event => {
    const message = JSON.parse(event.data);
    if (message.id && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  };
  const send = (method, params = {}, sessionId) => new Promise(resolve => {
    const id = ++next;
    pending.set(id, resolve);
    socket.send(JSON.stringify({ id, method, params, sessionId }));
  });

  const { result: { targetId } } = await send("Target.createTarget", { url: "about:blank" });
  const { result: { sessionId } } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  await send("Page.navigate", { url }, sessionId);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const { result } = await send("Runtime.evaluate",
      { expression: "document.readyState + '|' + (document.body ? document.body.innerText : '')", returnByValue: true }, sessionId);
    const [state, text] = String(result?.result?.value ?? "").split(/\|(.*)/s);
    if (state === "complete" && text.trim().length > 0 && (!waitFor || text.includes(waitFor))) break;
    await sleep(250);
  }
  await sleep(Number(settle));
  const shot = await send("Page.captureScreenshot", { format: "png" }, sessionId);
  writeFileSync(out, Buffer.from(shot.result.data, "base64"));
  socket.close();
} finally {
  browser.kill("SIGKILL");
  await sleep(200);
  rmSync(profile, { recursive: true, force: true });
}
