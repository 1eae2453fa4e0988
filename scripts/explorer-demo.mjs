// Records the causal scenario played in the causality explorer: opens the page in headless Chromium (DevTools protocol
// on a pipe, chromium-page.mjs), clears the diagram, presses "Play all steps" and captures a frame every 250 ms until
// kv3 has delivered y (its hold bar is drawn) and the page has settled; then writes the last frame separately.
//   node scripts/explorer-demo.mjs <explorer url> <frames dir> <final.png>
// Exits 1 when the page never shows kv3 delivering y within 60 s.
import { mkdirSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { openPage, sleep } from "./chromium-page.mjs";

const [url, framesDir, finalShot] = process.argv.slice(2);
mkdirSync(framesDir, { recursive: true });
const page = await openPage(1600, 1200);

let exitCode = 1;
try {
  const evaluate = page.evaluate;
  await page.navigate(url);
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
    writeFileSync(join(framesDir, `${String(frame++).padStart(4, "0")}.png`), await page.screenshot());
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
  await page.close();
}
process.exit(exitCode);
