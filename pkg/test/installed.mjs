// The package as installed from its tarball by install.mjs, loaded as a user's code loads it.
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const pkg = dirname(dirname(fileURLToPath(import.meta.url)));
export const root = dirname(pkg);
export const scratch = join(pkg, ".test-install");
export const installedDir = join(scratch, "node_modules", "ticktick-recur");

/** The package through a user's `require("ticktick-recur")` and `import ... from "ticktick-recur"`. */
export async function load() {
  const viaRequire = createRequire(join(scratch, "package.json"))("./use.cjs");
  const viaImport = await import(pathToFileURL(join(scratch, "use.mjs")).href);
  return { require: viaRequire, import: viaImport };
}

/** The ES module entry for browsers and bundlers, loaded in Node (it runs anywhere). */
export async function loadBrowserEntry() {
  return import(pathToFileURL(join(installedDir, "dist", "browser.mjs")).href);
}

/**
 * The test hook of each way to load the package: traps the module instance behind that entry (a
 * panic or an `unreachable`) through the package's own recovery. Not part of the API: the entries do
 * not export it, so it is reached through the installed files themselves.
 */
export async function loadTrapHooks() {
  const require = createRequire(join(scratch, "package.json"));
  const nodeGlue = require(join(installedDir, "dist", "node", "ticktick_recur.js"));
  const { forceTrapForTesting: nodeHook } = require(join(installedDir, "dist", "wrap.cjs"));
  const webGlue = await import(pathToFileURL(join(installedDir, "dist", "web", "ticktick_recur.js")).href);
  const { forceTrapForTesting: webHook } = await import(pathToFileURL(join(installedDir, "dist", "wrap.mjs")).href);
  const node = (kind) => nodeHook(nodeGlue, kind);
  return { require: node, import: node, browserEntry: (kind) => webHook(webGlue, kind) };
}

/**
 * The command line, when built (cargo build or cargo test builds it), to compare answers and messages
 * with: `TICKTICK_RECUR_CLI`, or the newest of the debug and release builds; undefined when none is.
 */
export function cli() {
  const candidates = [
    process.env.TICKTICK_RECUR_CLI,
    join(root, "target", "debug", "ticktick-recur"),
    join(root, "target", "release", "ticktick-recur"),
  ].filter((p) => p && existsSync(p));
  return candidates.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
}
