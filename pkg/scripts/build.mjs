// Builds the npm package in place (`npm --prefix pkg run build`): everything under pkg/dist/.
//
// 1. the bindings crate (bindings/wasm) for wasm32-unknown-unknown, with the workspace's `wasm` profile;
// 2. the wasm-bindgen CLI, at exactly the version Cargo.lock pins for the wasm-bindgen crate, writes the
//    "nodejs" glue (require) and the "web" glue (ES modules); both use the same .wasm;
// 3. the .wasm is embedded in base64 for the ES module entry, and the hand-written entries (src/) are
//    copied beside the glue.
//
// Options:
// --zones REGEX  builds with only the IANA zones whose names match REGEX (plus UTC), through the core's
//                `zone-filter` build option; the default is the full database.
// --wasm-opt     runs wasm-opt -Oz (npm binaryen@132: `npm --prefix pkg install --no-save binaryen@132`)
//                on the .wasm. Off by default: it makes the file 14% smaller but its gzip 0.5% larger
//                (measured with binaryen 132 on this module), and gzip is what travels.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const pkg = dirname(dirname(fileURLToPath(import.meta.url)));
const root = dirname(pkg);
const dist = join(pkg, "dist");
const crate = "ticktick-recur-wasm";
const name = "ticktick_recur";

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(" ")}`);
  return execFileSync(command, args, { stdio: "inherit", cwd: root, ...options });
}

function option(flag) {
  const i = process.argv.indexOf(flag);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** The version Cargo.lock pins for `crate`. */
function lockedVersion(crateName) {
  const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
  const found = lock.match(new RegExp(`name = "${crateName}"\\nversion = "([^"]+)"`));
  if (!found) throw new Error(`Cargo.lock has no ${crateName}`);
  return found[1];
}

/** The wasm-bindgen CLI, which must match the crate's version exactly. */
function wasmBindgen() {
  const want = lockedVersion("wasm-bindgen");
  for (const candidate of ["wasm-bindgen", join(homedir(), ".cargo/bin/wasm-bindgen")]) {
    let version;
    try {
      version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim().split(" ")[1];
    } catch {
      continue;
    }
    if (version === want) return candidate;
    console.warn(`${candidate} is ${version}, not ${want}`);
  }
  throw new Error(
    `wasm-bindgen ${want} not found: cargo install wasm-bindgen-cli --version ${want} ` +
      "(pkg/scripts/ci.sh does it)",
  );
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

const started = Date.now();
const zones = option("--zones");
const cargoArgs = ["build", "--profile", "wasm", "--target", "wasm32-unknown-unknown", "-p", crate];
const env = { ...process.env };
if (zones !== undefined) {
  cargoArgs.push("--features", "trimmed-zones");
  env.TICKTICK_RECUR_ZONES = zones;
}
run("cargo", cargoArgs, { env });
// Cargo's output folder: ./target unless CARGO_TARGET_DIR moves it (relative to where cargo runs).
const targetDir = resolve(root, process.env.CARGO_TARGET_DIR || "target");
const built = join(targetDir, "wasm32-unknown-unknown/wasm", `${crate.replaceAll("-", "_")}.wasm`);

rmSync(dist, { recursive: true, force: true });
const bindgen = wasmBindgen();
for (const target of ["nodejs", "web"]) {
  const out = join(dist, target === "nodejs" ? "node" : "web");
  run(bindgen, [
    "--target", target,
    "--out-dir", out,
    "--out-name", name,
    // Re-instantiation after a trap (src/wrap.mjs).
    "--experimental-reset-state-function",
    "--remove-name-section",
    "--remove-producers-section",
    built,
  ]);
}
// Both glues load the same module; the ES module entry embeds it instead of fetching a file.
const wasmFile = join(dist, "node", `${name}_bg.wasm`);
rmSync(join(dist, "web", `${name}_bg.wasm`));
rmSync(join(dist, "web", `${name}_bg.wasm.d.ts`));
// The types are the node glue's (index.d.ts): drop the web glue's, and its pointer to them.
rmSync(join(dist, "web", `${name}.d.ts`));
const webGlue = join(dist, "web", `${name}.js`);
writeFileSync(webGlue, readFileSync(webGlue, "utf8").replace(/^\/\* @ts-self-types=.*\*\/\n/, ""));
rmSync(join(dist, "node", `${name}_bg.wasm.d.ts`));

const before = readFileSync(wasmFile).length;
if (process.argv.includes("--wasm-opt")) {
  const wasmOpt = join(pkg, "node_modules/binaryen/bin/wasm-opt");
  if (!existsSync(wasmOpt)) throw new Error("--wasm-opt: npm --prefix pkg install --no-save binaryen@132 first");
  run(process.execPath, [wasmOpt, "-Oz", wasmFile, "-o", wasmFile]);
}
const wasm = readFileSync(wasmFile);

writeFileSync(
  join(dist, "web", "wasm.mjs"),
  `// The package's WebAssembly module (../node/${name}_bg.wasm), in base64. Generated by scripts/build.mjs.\n` +
    `export const wasmBase64 = "${wasm.toString("base64")}";\n`,
);
for (const file of ["node.cjs", "node.mjs", "browser.mjs", "wrap.mjs"]) {
  copyFileSync(join(pkg, "src", file), join(dist, file));
}
// The CommonJS copy of the wrapper: the same code, exported the CommonJS way.
const wrapEsm = readFileSync(join(pkg, "src", "wrap.mjs"), "utf8");
writeFileSync(
  join(dist, "wrap.cjs"),
  `"use strict";\n${wrapEsm.replace(/^export (const|function) /gm, "$1 ")}\nmodule.exports = { API, wrap, forceTrapForTesting };\n`,
);

// As the README measures it: gzip -9 (GNU gzip; zlib's level 9 when gzip is missing, a little larger).
let gzipped;
try {
  gzipped = execFileSync("gzip", ["-9", "-c", wasmFile], { maxBuffer: 1 << 26 }).length;
} catch {
  gzipped = gzipSync(wasm, { level: 9 }).length;
}
console.log(
  `built ${wasmFile.slice(root.length + 1)}: ${kib(wasm.length)}` +
    `${wasm.length === before ? "" : ` (${kib(before)} before wasm-opt)`}, ` +
    `${gzipped} bytes gzipped, ${zones === undefined ? "all zones" : `zones matching ${zones}`}, ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
