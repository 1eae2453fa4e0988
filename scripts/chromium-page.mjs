// Headless Chromium driven over the DevTools protocol on a pipe (no WebSocket client needed, so Debian's own Node.js
// is enough), shared by screenshot.mjs and explorer-demo.mjs. With --remote-debugging-pipe Chromium reads commands on
// fd 3 and answers on fd 4, each message ending in NUL.
//   const page = await openPage(width, height); await page.navigate(url); ... await page.close();
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Starts Chromium with one page of the given size; returns send/evaluate/navigate/screenshot/close. */
export async function openPage(width, height) {
  const profile = mkdtempSync(join(tmpdir(), "chromium-page-"));
  const browser = spawn("chromium", ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
    "--disable-background-networking", "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
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

  const { result: { targetId } } = await send("Target.createTarget", { url: "about:blank" });
  const { result: { sessionId } } = await send("Target.attachToTarget", { targetId, flatten: true });
  await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  return {
    navigate: url => send("Page.navigate", { url }, sessionId),
    evaluate: async expression =>
      (await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, sessionId)).result?.result?.value,
    screenshot: async () => Buffer.from((await send("Page.captureScreenshot", { format: "png" }, sessionId)).result.data, "base64"),
    close: async () => {
      browser.kill("SIGKILL");
      await sleep(200);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
