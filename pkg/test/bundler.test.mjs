// A bundler building for browsers (esbuild, platform "browser") takes the ES module entry through the
// package's "browser" condition, with no plugin or asset setup, and the bundle runs: here in Node, which
// has everything the browser entry uses (WebAssembly, atob, TextDecoder).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { root, scratch } from "./installed.mjs";

const vector = JSON.parse(readFileSync(join(root, "tests", "data", "vectors", "pin-task.json"), "utf8"));

test("esbuild bundles the package for browsers, and the bundle works", async () => {
  const entry = join(scratch, "bundle-entry.mjs");
  writeFileSync(entry, 'export { pin, expand } from "ticktick-recur";\n');
  const outfile = join(scratch, "bundle.mjs");
  await build({ entryPoints: [entry], bundle: true, platform: "browser", format: "esm", outfile, logLevel: "error" });
  const bundle = readFileSync(outfile, "utf8");
  assert.ok(!bundle.includes("readFileSync"), "the bundle must not hold the Node entry");
  const { pin, expand } = await import(pathToFileURL(outfile).href);
  assert.deepEqual(pin(vector.task, { at: vector.action.at }), vector.expect);
  assert.deepEqual(expand("RRULE:FREQ=WEEKLY;BYDAY=SA", { start: "2026-01-17T15:00:00Z", limit: 2 }), [
    "2026-01-17T15:00:00.000+0000",
    "2026-01-24T15:00:00.000+0000",
  ]);
});
