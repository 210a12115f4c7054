"""Load versioned prompt files from `prompts/`.

A prompt file starts with a front matter block (`id`, `version`, `description`) and has a
`## system` and a `## user` section; the user section is a Jinja2 template. Released
versions are never edited: a change is a new file with the next version, and every
summary records the id, version and the hash of the exact text used.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, StrictUndefined, Template

from service.errors import ConfigurationError
from service.resources import resource_dir

_ENV = Environment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=64)
def _compiled(template: str) -> Template:
    """Compiling a template costs milliseconds; a batch renders the same one per article."""
    return _ENV.from_string(template)


_SECTION = re.compile(r"^## (system|user)\s*$", re.M)


@dataclass(frozen=True)
class Prompt:
    """One released prompt: its identity and its two templates."""

    id: str
    version: str
    description: str
    system: str
    user_template: str
    sha256: str
    path: Path

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def render_user(self, **values: object) -> str:
        return _compiled(self.user_template).render(**values)


def parse_prompt(text: str, path: Path) -> Prompt:
    if not text.startswith("---\n"):
        raise ConfigurationError(f"{path}: a prompt file must start with a '---' front matter block")
    front, _, rest = text[4:].partition("\n---\n")
    meta = {}
    for line in front.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.strip()
    missing = {"id", "version"} - set(meta)
    if missing:
        raise ConfigurationError(f"{path}: front matter lacks {', '.join(sorted(missing))}")
    parts = _SECTION.split(rest)
    sections = {parts[i]: parts[i + 1].strip() + "\n" for i in range(1, len(parts) - 1, 2)}
    if set(sections) != {"system", "user"}:
        raise ConfigurationError(f"{path}: needs exactly one '## system' and one '## user' section")
    return Prompt(
        id=meta["id"],
        version=meta["version"],
        description=meta.get("description", ""),
        system=sections["system"],
        user_template=sections["user"],
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=path,
    )


@cache
def all_prompts() -> dict[str, dict[str, Prompt]]:
    """Every prompt file, indexed by id then version."""
    found: dict[str, dict[str, Prompt]] = {}
    for path in sorted(resource_dir("prompts").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        prompt = parse_prompt(path.read_text(encoding="utf-8"), path)
        found.setdefault(prompt.id, {})[prompt.version] = prompt
    return found


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", version)) or (0,)


def load_prompt(prompt_id: str, version: str | None = None) -> Prompt:
    """The named prompt at `version`, or its highest version."""
    versions = all_prompts().get(prompt_id)
    if not versions:
        raise ConfigurationError(f"no prompt with id {prompt_id!r} in {resource_dir('prompts')}")
    if version is None:
        return versions[max(versions, key=_version_key)]
    if version not in versions:
        raise ConfigurationError(f"prompt {prompt_id!r} has no version {version!r} (have {sorted(versions)})")
    return versions[version]
