# The two commands: `make demo` (install, build, serve the web demo) and `make test` (install, build, run every test).
JOBS ?= 2
NODE_ENV_VARS := NODE_PATH=/usr/share/nodejs

.PHONY: all setup native sanitize wasm fuzz-build fuzz test test-native test-sanitize test-wasm test-js test-browser test-fuzz demo bench clean
FUZZ_SECONDS ?= 60

all: native wasm

setup:                      ## install everything a fresh Debian 12 machine lacks (idempotent)
	@toolchain/setup

native: setup               ## native build (tests + benchmarks)
	cmake --preset native >/dev/null
	cmake --build --preset native -j$(JOBS)

sanitize: setup             ## native build with ASan + UBSan
	cmake --preset native-sanitize >/dev/null
	cmake --build --preset native-sanitize -j$(JOBS)

wasm: setup                 ## WebAssembly module (bindings/js/dist) and the wasm test runner
	$(NODE_ENV_VARS) cmake --preset wasm >/dev/null
	$(NODE_ENV_VARS) cmake --build --preset wasm -j$(JOBS)

fuzz-build: setup           ## the libFuzzer targets of fuzz/ (clang, ASan + UBSan)
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j$(JOBS)

fuzz: fuzz-build            ## every fuzz target for FUZZ_SECONDS each (default 60): execs, coverage, findings
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

test-fuzz: fuzz-build       ## fuzz smoke: the regression inputs, then 8 s per target from the seed corpus
	fuzz/run.sh --smoke

test-native: native
	ctest --preset native

test-sanitize: sanitize
	ctest --preset native-sanitize

test-wasm: wasm
	$(NODE_ENV_VARS) ctest --preset wasm

test-js: wasm               ## generated tables fresh, .d.ts type check, node:test suites of the package
	node toolchain/gen-phone-tables.mjs --check
	node_modules/.bin/tsc -p tests/types/tsconfig.json
	node --test --test-timeout=600000 tests/js/ tests/seam/

test-browser: wasm          ## headless Chromium drives the web demo
	node --test --test-timeout=600000 tests/browser/

test: test-native test-sanitize test-wasm test-js test-browser test-fuzz  ## every test
	@echo "make test: all suites passed"

demo: wasm                  ## serve the web demo on 127.0.0.1 (PORT=8080 by default)
	node web-demo/serve.mjs

bench: native wasm          ## benchmarks (not tests): native Google Benchmark, then JS against peers
	build/native/bench/seamid_bench
	node bench/js/run.mjs

clean:
	rm -rf build bindings/js/dist
