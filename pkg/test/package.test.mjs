// What the tarball holds and how its entries resolve, as npm pack made it and npm installed it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { installedDir, scratch } from "./installed.mjs";

const packed = JSON.parse(readFileSync(join(scratch, "pack.json"), "utf8"));

test("the tarball holds the built package and nothing else", () => {
  assert.deepEqual(packed.files.map((f) => f.path).sort(), [
    "README.md",
    "dist/bodies.cjs",
    "dist/bodies.mjs",
    "dist/browser.mjs",
    "dist/node.cjs",
    "dist/node.mjs",
    "dist/node/ticktick_recur.d.ts",
    "dist/node/ticktick_recur.js",
    "dist/node/ticktick_recur_bg.wasm",
    "dist/tape.cjs",
    "dist/tape.mjs",
    "dist/web/ticktick_recur.js",
    "dist/web/wasm.mjs",
    "dist/wrap.cjs",
    "dist/wrap.mjs",
    "index.d.mts",
    "index.d.ts",
    "package.json",
  ]);
});

test("the entries resolve by condition, and nothing else is reachable", () => {
  const require = createRequire(join(scratch, "package.json"));
  assert.equal(require.resolve("ticktick-recur"), join(installedDir, "dist", "node.cjs"));
  assert.equal(require.resolve("ticktick-recur/package.json"), join(installedDir, "package.json"));
  assert.throws(() => require.resolve("ticktick-recur/dist/node.cjs"), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" });
  const resolved = (conditions) =>
    execFileSync(process.execPath, [...conditions.map((c) => `--conditions=${c}`), "--input-type=module", "-e",
      'console.log(import.meta.resolve("ticktick-recur"))'], { cwd: scratch, encoding: "utf8" }).trim();
  assert.ok(resolved([]).endsWith("/dist/node.mjs"));
  // What a bundler building for browsers asks for.
  assert.ok(resolved(["browser"]).endsWith("/dist/browser.mjs"));
});

/** Bytes of `bytes` gzipped as the README measures it (gzip -9). */
const gzipped = (bytes) => execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 26 }).length;

test("the browsers' gzipped .wasm, full zone database included, stays within the 175 KB budget", async () => {
  // 174,728 bytes when last measured (pkg/README "Size"): the module a page downloads.
  const { wasmBase64 } = await import(new URL("./node_modules/ticktick-recur/dist/web/wasm.mjs", `file://${scratch}/`).href);
  const size = gzipped(Buffer.from(wasmBase64, "base64"));
  assert.ok(size <= 175_000, `${size} bytes gzipped`);
});

test("Node's .wasm, built for speed with the JSON-text reader, stays within its 280 KB budget", () => {
  // 279,429 bytes when last measured (pkg/README "Size"): read from disk, never downloaded by a page.
  // The budget was 270 KB until the reminders' and the next occurrence's fast paths (264,859 before);
  // batch bodies as recipes added 3.5 KB (269,948 before); 275 KB until tasks came as the arrays of
  // their values (3.1 KB, 274,704 before); those values on a tape added 1.6 KB (277,819 before).
  const size = gzipped(readFileSync(join(installedDir, "dist", "node", "ticktick_recur_bg.wasm")));
  assert.ok(size <= 280_000, `${size} bytes gzipped`);
});

test("the package exports the API and no more", async () => {
  const api = createRequire(join(scratch, "package.json"))("ticktick-recur");
  const names = Object.keys(api).sort();
  assert.deepEqual(names, ["agenda", "applyResponse", "complete", "expand", "expandMillis", "holidayCoverage",
    "nextOccurrence", "occurrences", "pin", "reminders", "skip", "skipDate", "unpin", "wontDo"]);
  const esm = await import(new URL("./use.mjs", `file://${scratch}/`).href);
  assert.deepEqual(Object.keys(esm).sort(), names);
  const browser = await import(new URL("./node_modules/ticktick-recur/dist/browser.mjs", `file://${scratch}/`).href);
  assert.deepEqual(Object.keys(browser).sort(), names);
});
