// Builds the npm package in place (`npm --prefix pkg run build`): everything under pkg/dist/.
//
// 1. the bindings crate (bindings/wasm) for wasm32-unknown-unknown twice: with the workspace's `wasm`
//    profile (small code, for browsers, where the module travels over the network) and its `wasm-node`
//    profile (fast code, for Node, where it loads from disk, with the `text-reader` feature: tasks
//    passed as JSON text and read by the core's text reader, about 49 KB gzipped more than the tape);
// 2. the wasm-bindgen CLI, at exactly the version Cargo.lock pins for the wasm-bindgen crate, writes the
//    "nodejs" glue (require) for the fast module and the "web" glue (ES modules) for the small one;
// 3. the small .wasm is embedded in base64 for the ES module entry, and the hand-written entries (src/)
//    are copied beside the glue.
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
// --small-only   builds the small module only and gives it to Node too (a quicker build);
// --no-wasm-opt  leaves out wasm-opt -O3 (binaryen, a devDependency), which the build otherwise runs on
//                the .wasm: it makes calls 5-20% faster for 0.4% more gzip (binaryen 132 on this
//                module; -Oz makes the file smaller but its gzip larger, and gzip is what travels).
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
  const env = { ...process.env };
  const features = [];
  if (zones !== undefined) {
    features.push("--features", "trimmed-zones");
    env.TICKTICK_RECUR_ZONES = zones;
  }
  // Cargo's output folder: ./target unless CARGO_TARGET_DIR moves it (relative to where cargo runs).
  const targetDir = resolve(root, process.env.CARGO_TARGET_DIR || "target");
  const smallOnly = process.argv.includes("--small-only");
  const modules = { web: "wasm", nodejs: smallOnly ? "wasm" : "wasm-node" };
  const built = {};
  for (const profile of new Set(Object.values(modules))) {
    // Node's module also reads tasks as JSON text (bindings/wasm/src/text.rs): faster, and larger.
    const own = profile === "wasm-node" ? ["--features", "text-reader"] : [];
    run("cargo", ["build", "--profile", profile, "--target", TARGET, "-p", crate, ...features, ...own], { env });
    built[profile] = join(targetDir, TARGET, profile, `${crate.replaceAll("-", "_")}.wasm`);
  }

  rmSync(dist, { recursive: true, force: true });
  const sizes = [];
  for (const [target, profile] of Object.entries(modules)) {
    const out = join(dist, target === "nodejs" ? "node" : "web");
    run(wasmBindgen, [
      "--target", target,
      "--out-dir", out,
      "--out-name", name,
      // Re-instantiation after a trap (src/wrap.mjs).
      "--experimental-reset-state-function",
      "--remove-name-section",
      "--remove-producers-section",
      built[profile],
    ]);
    const wasmFile = join(out, `${name}_bg.wasm`);
    const before = readFileSync(wasmFile).length;
    if (!process.argv.includes("--no-wasm-opt")) {
      const wasmOpt = join(pkg, "node_modules/binaryen/bin/wasm-opt");
      if (!existsSync(wasmOpt)) throw new Error("wasm-opt is missing: npm --prefix pkg install first");
      run(process.execPath, [wasmOpt, "-O3", wasmFile, "-o", wasmFile]);
    }
    const wasm = readFileSync(wasmFile);
    sizes.push(`${target === "nodejs" ? "Node" : "browsers"} (${profile}): ${kib(wasm.length)}` +
      `${wasm.length === before ? "" : ` (${kib(before)} before wasm-opt)`}, ${gzippedSize(wasmFile, wasm)} bytes gzipped`);
    rmSync(join(out, `${name}_bg.wasm.d.ts`));
    if (target === "web") {
      // The ES module entry embeds the module instead of fetching a file.
      writeFileSync(
        join(out, "wasm.mjs"),
        `// The package's WebAssembly module for browsers, in base64. Generated by scripts/build.mjs.\n` +
          `export const wasmBase64 = "${wasm.toString("base64")}";\n`,
      );
      rmSync(wasmFile);
      // The types are the node glue's (index.d.ts): drop the web glue's, and its pointer to them.
      rmSync(join(out, `${name}.d.ts`));
      const webGlue = join(out, `${name}.js`);
      writeFileSync(webGlue, readFileSync(webGlue, "utf8").replace(/^\/\* @ts-self-types=.*\*\/\n/, ""));
    }
  }
  for (const file of ["node.cjs", "node.mjs", "browser.mjs"]) copyFileSync(join(pkg, "src", file), join(dist, file));
  // The wrapper and the modules it imports, each also as its CommonJS copy: the same code, imported
  // and exported the CommonJS way.
  for (const name of ["wrap", "bodies", "tape"]) {
    const esm = readFileSync(join(pkg, "src", `${name}.mjs`), "utf8");
    writeFileSync(join(dist, `${name}.mjs`), esm);
    writeFileSync(join(dist, `${name}.cjs`), commonJs(esm));
  }

  console.log(
    `built pkg/dist, ${zones === undefined ? "all zones" : `zones matching ${zones}`}, ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s:\n  ${sizes.join("\n  ")}`,
  );
}

/**
 * The CommonJS form of one of src/'s ES modules, written as they are: `import { a, b } from
 * "./x.mjs";` lines, and `export const` / `export function` declarations.
 */
export function commonJs(esm) {
  const exported = [...esm.matchAll(/^export (?:const|function) (\w+)/gm)].map((match) => match[1]);
  const body = esm
    .replace(/^import \{([^}]*)\} from "\.\/(\w+)\.mjs";$/gm, 'const {$1} = require("./$2.cjs");')
    .replace(/^export (const|function) /gm, "$1 ");
  return `"use strict";\n${body}\nmodule.exports = { ${exported.join(", ")} };\n`;
}

/** Bytes of `file` (holding `bytes`) gzipped as the README measures it: gzip -9 (GNU gzip; zlib's level 9 when gzip is missing, a little larger). */
function gzippedSize(file, bytes) {
  try {
    return execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 1 << 26 }).length;
  } catch {
    return gzipSync(bytes, { level: 9 }).length;
  }
}

// Run as a script (not imported by the tests).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) build();
