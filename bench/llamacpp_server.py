"""Serve a GGUF model with llama-cpp-python's OpenAI-compatible server, for `bench/llamacpp_check.sh`.

Runs in the check's own virtualenv (where llama-cpp-python[server] was built), not in the
project's. It registers a Gemma-3 style chat template that keeps the system message (folded
into the first user turn, as Gemma's own template does) and, like it, refuses a conversation
whose roles do not alternate user/assistant: the behaviour of the servers users run.

    python bench/llamacpp_server.py --model gemma.gguf --port 8765 --n-ctx 8192
"""

from __future__ import annotations

import argparse

import uvicorn
from llama_cpp import llama_chat_format
from llama_cpp.server.app import create_app
from llama_cpp.server.settings import ModelSettings, ServerSettings

CHAT_FORMAT = "pactcheck-gemma3"

# Self-written equivalent of Gemma 3's chat template (string contents only).
TEMPLATE = (
    "{{ bos_token }}"
    "{%- if messages[0]['role'] == 'system' -%}"
    "{%- set prefix = messages[0]['content'] + '\n\n' -%}{%- set turns = messages[1:] -%}"
    "{%- else -%}{%- set prefix = '' -%}{%- set turns = messages -%}{%- endif -%}"
    "{%- for m in turns -%}"
    "{%- if (m['role'] == 'user') != (loop.index0 % 2 == 0) -%}"
    "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}"
    "{%- endif -%}"
    "{{ '<start_of_turn>' + ('model' if m['role'] == 'assistant' else m['role']) + '\n' }}"
    "{{ (prefix if loop.first else '') + ((m['content'] or '') | trim) + '<end_of_turn>\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<start_of_turn>model\n' }}{%- endif -%}"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--n-ctx", type=int, default=8192)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    formatter = llama_chat_format.Jinja2ChatFormatter(template=TEMPLATE, eos_token="<end_of_turn>", bos_token="<bos>")
    llama_chat_format.LlamaChatCompletionHandlerRegistry().register_chat_completion_handler(
        CHAT_FORMAT, formatter.to_chat_handler(), overwrite=True
    )
    model = ModelSettings(
        model=args.model,
        model_alias="gemma-3-270m",
        chat_format=CHAT_FORMAT,
        n_ctx=args.n_ctx,
        n_threads=args.threads,
        n_threads_batch=args.threads,
        verbose=False,
    )
    server = ServerSettings(host="127.0.0.1", port=args.port)
    app = create_app(server_settings=server, model_settings=[model])
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
