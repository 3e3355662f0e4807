// Builds the npm package in place (`npm --prefix pkg run build`): everything under pkg/dist/.
//
// 1. the bindings crate (bindings/wasm) for wasm32-unknown-unknown, with the workspace's `wasm` profile;
// 2. the wasm-bindgen CLI, at exactly the version Cargo.lock pins for the wasm-bindgen crate, writes the
//    "nodejs" glue (require) and the "web" glue (ES modules); both use the same .wasm;
// 3. the .wasm is embedded in base64 for the ES module entry, and the hand-written entries (src/) are
//    copied beside the glue.
//
// Before anything is built it checks what the build needs (cargo, the wasm32-unknown-unknown target,
// the wasm-bindgen CLI at Cargo.lock's version) and, when something is missing, prints the commands that
// install it and exits with status 1 without building. It installs nothing itself: `bash
// pkg/scripts/ci.sh` installs all of it and then builds and tests.
//
// Options:
// --check        checks the prerequisites only (status 0 when all are there, 1 otherwise);
// --zones REGEX  builds with only the IANA zones whose names match REGEX (plus UTC), through the core's
//                `zone-filter` build option; the default is the full database.
// --wasm-opt     runs wasm-opt -Oz (npm binaryen@132: `npm --prefix pkg install --no-save binaryen@132`)
//                on the .wasm. Off by default: it makes the file 14% smaller but its gzip 0.5% larger
//                (measured with binaryen 132 on this module), and gzip is what travels.
import { execFileSync, spawnSync } from "node:child_process";
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

/** Runs a command without a shell: `{ ok, stdout }`, `ok` false when it is missing or fails. */
function probe(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return { ok: result.status === 0, stdout: result.stdout ?? "" };
}

const TARGET = "wasm32-unknown-unknown";

/**
 * What the build needs and does not find: `{ wasmBindgen, missing }`, where `wasmBindgen` is the CLI to
 * run (when found) and `missing` lists `{ what, fix }` (a sentence and the command that fixes it).
 * `run(command, args)` answers `{ ok, stdout }` (injected by the tests), `exists(path)` whether a path
 * exists; `bindgenVersion` is the wasm-bindgen version Cargo.lock pins.
 */
export function prerequisites({ run = probe, exists = existsSync, home = homedir(), bindgenVersion } = {}) {
  const missing = [];
  if (!run("cargo", ["--version"]).ok) {
    missing.push({ what: "cargo (Rust) is not on PATH", fix: "install Rust with rustup, then run this again" });
    return { wasmBindgen: undefined, missing };
  }

  const targets = run("rustup", ["target", "list", "--installed"]);
  if (targets.ok) {
    if (!targets.stdout.split(/\r?\n/).some((line) => line.trim() === TARGET)) {
      missing.push({
        what: `the Rust target ${TARGET} is not installed (rustup target list --installed)`,
        fix: `rustup target add ${TARGET}`,
      });
    }
  } else {
    // Rust without rustup (a distribution's package, say): look for the target's standard library.
    const libdir = run("rustc", ["--print", "target-libdir", "--target", TARGET]);
    if (!libdir.ok || !exists(libdir.stdout.trim())) {
      missing.push({
        what: `the Rust target ${TARGET} is not installed, and rustup is not on PATH to add it`,
        fix: `rustup target add ${TARGET}   (or your Rust distribution's package for ${TARGET})`,
      });
    }
  }

  const want = bindgenVersion ?? lockedVersion("wasm-bindgen");
  const found = [];
  for (const candidate of ["wasm-bindgen", join(home, ".cargo/bin/wasm-bindgen")]) {
    const answer = run(candidate, ["--version"]);
    if (!answer.ok) continue;
    const version = answer.stdout.trim().split(/\s+/)[1];
    if (version === want) return { wasmBindgen: candidate, missing };
    found.push(`${candidate} is ${version}`);
  }
  missing.push({
    what:
      `the wasm-bindgen CLI must be ${want}, the version Cargo.lock pins for the wasm-bindgen crate ` +
      `(${found.length ? found.join(", ") : "none found on PATH or in ~/.cargo/bin"})`,
    fix: `cargo install wasm-bindgen-cli --version ${want}`,
  });
  return { wasmBindgen: undefined, missing };
}

/** The message for what `prerequisites` found missing. */
export function missingMessage(missing) {
  return [
    "the npm package's build needs what this machine lacks:",
    ...missing.map(({ what }) => `  - ${what}`),
    "run:",
    ...missing.map(({ fix }) => `  ${fix}`),
    "(or `bash pkg/scripts/ci.sh`, which installs them, then builds and tests the package)",
  ].join("\n");
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function build() {
  const started = Date.now();
  const { wasmBindgen, missing } = prerequisites();
  if (missing.length > 0) {
    console.error(missingMessage(missing));
    process.exitCode = 1;
    return;
  }
  if (process.argv.includes("--check")) {
    const bindgenVersion = lockedVersion("wasm-bindgen");
    console.log(`prerequisites found: cargo, the ${TARGET} target, ${wasmBindgen} ${bindgenVersion}`);
    return;
  }
  const zones = option("--zones");
  const cargoArgs = ["build", "--profile", "wasm", "--target", TARGET, "-p", crate];
  const env = { ...process.env };
  if (zones !== undefined) {
    cargoArgs.push("--features", "trimmed-zones");
    env.TICKTICK_RECUR_ZONES = zones;
  }
  run("cargo", cargoArgs, { env });
  // Cargo's output folder: ./target unless CARGO_TARGET_DIR moves it (relative to where cargo runs).
  const targetDir = resolve(root, process.env.CARGO_TARGET_DIR || "target");
  const built = join(targetDir, TARGET, "wasm", `${crate.replaceAll("-", "_")}.wasm`);

  rmSync(dist, { recursive: true, force: true });
  for (const target of ["nodejs", "web"]) {
    const out = join(dist, target === "nodejs" ? "node" : "web");
    run(wasmBindgen, [
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
}

// Run as a script (not imported by the tests).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) build();
