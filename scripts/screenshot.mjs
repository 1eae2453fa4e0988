// Screenshots a page that renders after load (the Aspire dashboard is a Blazor Server app: its content arrives over
// a WebSocket after the load event, which `chromium --screenshot` does not wait for): waits until the page shows
// `waitFor` text (or 30 s), lets it settle, then captures.
//   node scripts/screenshot.mjs <url> <out.png> [width,height] [waitFor text] [settle ms]
import { writeFileSync } from "node:fs";
import { openPage, sleep } from "./chromium-page.mjs";

const [url, out, size = "1600,1000", waitFor = "", settle = "1500"] = process.argv.slice(2);
const [width, height] = size.split(",").map(Number);
const page = await openPage(width, height);
try {
  await page.navigate(url);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const value = String(await page.evaluate("document.readyState + '|' + (document.body ? document.body.innerText : '')") ?? "");
    const [state, text = ""] = value.split(/\|(.*)/s);
    if (state === "complete" && text.trim().length > 0 && (!waitFor || text.includes(waitFor))) break;
    await sleep(250);
  }
  await sleep(Number(settle));
  writeFileSync(out, await page.screenshot());
} finally {
  await page.close();
}
process.exit(0);
