"""Discord API limits, encoded as constants, and checkers for outgoing bot payloads.

Every function returns a list of human-readable problems (empty == fine) instead of
raising, so the emulator can record *all* problems of a request in ``fake.violations``
and tests can also call the checkers directly on hand-written payloads.

Two kinds of problems are distinguished:

* *hard* limits, which real Discord rejects with ``400 Invalid Form Body``
  (``check_message_limits``, ``check_application_commands``, ...), and
* the project's *mention policy* (``check_allowed_mentions``): Discord accepts such
  payloads, but a bot that relays user text must never be able to ping anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# --- messages ---------------------------------------------------------------------------
MAX_CONTENT = 2000
MAX_EMBEDS = 10
MAX_STICKERS = 3
MAX_ATTACHMENTS = 10
MAX_NONCE = 25

# --- embeds -----------------------------------------------------------------------------
MAX_EMBED_TITLE = 256
MAX_EMBED_DESCRIPTION = 4096
MAX_EMBED_FIELDS = 25
MAX_EMBED_FIELD_NAME = 256
MAX_EMBED_FIELD_VALUE = 1024
MAX_EMBED_FOOTER = 2048
MAX_EMBED_AUTHOR_NAME = 256
MAX_EMBED_TOTAL = 6000  # summed over every embed of one message
MAX_EMBED_URL = 2048

# --- attachments ------------------------------------------------------------------------
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # per file, in a server without boosts (Discord's default;
# interactions announce it as ``attachment_size_limit``)
MAX_FILENAME = 1024
FILE_PART_RE = re.compile(r"^files\[(\d+)\]$")  # multipart part names discord.py sends
# "The filename for these URLs must be ASCII alphanumeric with underscores, dashes, or dots."
ATTACHMENT_NAME_RE = re.compile(r"^[A-Za-z0-9_.-]+$")
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp")
EMBED_MEDIA = (("image", "url"), ("thumbnail", "url"), ("author", "icon_url"),
               ("footer", "icon_url"))

# --- components -------------------------------------------------------------------------
MAX_ACTION_ROWS = 5
MAX_BUTTONS_PER_ROW = 5
MAX_BUTTON_LABEL = 80
MAX_CUSTOM_ID = 100
MAX_BUTTON_URL = 512
MAX_SELECT_OPTIONS = 25
MAX_SELECT_PLACEHOLDER = 150
MAX_SELECT_OPTION_LABEL = 100
MAX_SELECT_OPTION_VALUE = 100
MAX_SELECT_OPTION_DESCRIPTION = 100
MAX_SELECT_VALUES = 25
MAX_V2_COMPONENTS = 40  # total (nested) components when IS_COMPONENTS_V2 is set
MAX_V2_TEXT = 4000
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
FLAG_IS_COMPONENTS_V2 = 1 << 15

# --- modals -----------------------------------------------------------------------------
MAX_MODAL_TITLE = 45
MAX_MODAL_COMPONENTS = 5
MAX_TEXT_INPUT_LABEL = 45
MAX_TEXT_INPUT_PLACEHOLDER = 100
MAX_TEXT_INPUT_VALUE = 4000

# --- autocomplete / choices -------------------------------------------------------------
MAX_CHOICES = 25
MAX_CHOICE_NAME = 100
MAX_CHOICE_STRING_VALUE = 100

# --- application commands ---------------------------------------------------------------
COMMAND_NAME_RE = re.compile(r"^[-_\w]{1,32}$", re.UNICODE)
MAX_COMMAND_NAME = 32
MAX_COMMAND_DESCRIPTION = 100
MAX_COMMAND_OPTIONS = 25
MAX_OPTION_DESCRIPTION = 100
MAX_COMMAND_TOTAL_CHARS = 4000
MAX_CHAT_INPUT_COMMANDS = 100
MAX_USER_COMMANDS = 15
MAX_MESSAGE_COMMANDS = 15
OPTION_SUB_COMMAND = 1
OPTION_SUB_COMMAND_GROUP = 2

BUTTON_TYPE = 2
SELECT_TYPES = frozenset({3, 5, 6, 7, 8})
TEXT_INPUT_TYPE = 4
ACTION_ROW_TYPE = 1


def _len(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


def _too_long(where: str, what: str, value: Any, limit: int) -> list[str]:
    n = _len(value)
    return [f"{where}: {what} is {n} chars (max {limit})"] if n > limit else []


# --- mention policy -----------------------------------------------------------------------
def carries_text(payload: Mapping[str, Any]) -> bool:
    """True if a message-ish payload has content or embeds (i.e. could ping someone)."""
    return bool(payload.get("content")) or bool(payload.get("embeds"))


def check_allowed_mentions(payload: Mapping[str, Any], where: str = "message") -> list[str]:
    """Enforce the no-ping policy: ``allowed_mentions`` present, ``parse == []``, no
    user/role allow-lists and ``replied_user`` false/absent — whenever the payload carries
    content or embeds."""
    if not carries_text(payload):
        return []
    am = payload.get("allowed_mentions")
    if am is None:
        return [f"{where}: allowed_mentions missing (content/embeds could ping)"]
    problems: list[str] = []
    if not isinstance(am, Mapping):
        return [f"{where}: allowed_mentions is not an object: {am!r}"]
    if am.get("parse") != []:
        problems.append(f"{where}: allowed_mentions.parse must be [] (got {am.get('parse')!r})")
    for key in ("users", "roles"):
        if am.get(key):
            problems.append(f"{where}: allowed_mentions.{key} allows pings: {am[key]!r}")
    if am.get("replied_user"):
        problems.append(f"{where}: allowed_mentions.replied_user is true (pings reply author)")
    return problems


# --- embeds -------------------------------------------------------------------------------
def check_embeds(embeds: Any, where: str = "message") -> list[str]:
    """Per-embed field limits plus the 6000-character total across all embeds."""
    if embeds is None:
        return []
    if not isinstance(embeds, list):
        return [f"{where}: embeds must be a list"]
    problems: list[str] = []
    if len(embeds) > MAX_EMBEDS:
        problems.append(f"{where}: {len(embeds)} embeds (max {MAX_EMBEDS})")
    total = 0
    for i, embed in enumerate(embeds):
        w = f"{where}.embeds[{i}]"
        if not isinstance(embed, Mapping):
            problems.append(f"{w}: not an object")
            continue
        title, desc = embed.get("title"), embed.get("description")
        problems += _too_long(w, "title", title, MAX_EMBED_TITLE)
        problems += _too_long(w, "description", desc, MAX_EMBED_DESCRIPTION)
        problems += _too_long(w, "url", embed.get("url"), MAX_EMBED_URL)
        total += _len(title) + _len(desc)
        footer = embed.get("footer") or {}
        author = embed.get("author") or {}
        problems += _too_long(w, "footer.text", footer.get("text"), MAX_EMBED_FOOTER)
        problems += _too_long(w, "author.name", author.get("name"), MAX_EMBED_AUTHOR_NAME)
        total += _len(footer.get("text")) + _len(author.get("name"))
        fields = embed.get("fields") or []
        if len(fields) > MAX_EMBED_FIELDS:
            problems.append(f"{w}: {len(fields)} fields (max {MAX_EMBED_FIELDS})")
        for j, field in enumerate(fields):
            fw = f"{w}.fields[{j}]"
            name, value = field.get("name"), field.get("value")
            if not name or not value:
                problems.append(f"{fw}: name and value must be non-empty")
            problems += _too_long(fw, "name", name, MAX_EMBED_FIELD_NAME)
            problems += _too_long(fw, "value", value, MAX_EMBED_FIELD_VALUE)
            total += _len(name) + _len(value)
    if total > MAX_EMBED_TOTAL:
        problems.append(f"{where}: embeds total {total} chars (max {MAX_EMBED_TOTAL})")
    return problems


# --- attachments ----------------------------------------------------------------------------
def image_type(data: bytes) -> str | None:
    """The image media type ``data`` starts like (PNG, JPEG, GIF, WebP), else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG from its IHDR chunk; None for anything else."""
    if image_type(data) != "image/png" or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def check_attachments(payload: Mapping[str, Any], files: Sequence[Mapping[str, Any]],
                      where: str = "message", kept: Mapping[str, str] | None = None
                      ) -> list[str]:
    """Uploaded ``files`` (multipart parts) against the payload's ``attachments`` and the
    embeds that show them.

    Each part is ``files[n]`` with a file name, and ``attachments`` (when given) lists it
    as ``{"id": n}``; each ``attachment://name`` in an embed's image, thumbnail, author or
    footer icon names a file of this request (or one in ``kept``, an edited message's
    attachments by id -> filename) whose name is ASCII letters, digits, ``_``, ``-`` or
    ``.``, with an image extension, holding an image. Discord would accept a broken
    reference and show no picture; the emulator calls it a problem. Upload sizes are
    checked by :func:`oversized` (Discord answers those with 413, not 400)."""
    problems: list[str] = []
    listed = {str(a.get("id")): a for a in payload.get("attachments") or []
              if isinstance(a, Mapping)}
    if len(files) > MAX_ATTACHMENTS:
        problems.append(f"{where}: {len(files)} files (max {MAX_ATTACHMENTS})")
    uploaded: dict[str, Mapping[str, Any]] = {}  # filename -> part
    indexes: set[str] = set()
    for part in files:
        match = FILE_PART_RE.match(str(part.get("field") or ""))
        if match is None:
            problems.append(f"{where}: file part {part.get('field')!r} must be named files[n]")
            continue
        index = str(int(match[1]))
        if index in indexes:
            problems.append(f"{where}: two file parts are files[{index}]")
        indexes.add(index)
        entry = listed.get(index)
        if listed and entry is None:
            problems.append(f"{where}: files[{index}] is not listed in attachments")
        name = (entry or {}).get("filename") or part.get("filename")
        if not name:
            problems.append(f"{where}: files[{index}] has no file name")
            continue
        problems += _too_long(f"{where}: files[{index}]", "filename", name, MAX_FILENAME)
        uploaded[str(name)] = part
    kept = kept or {}
    for aid in listed:
        if aid not in indexes and aid not in kept:
            problems.append(f"{where}: attachments lists id {aid}, which is neither an "
                            "uploaded files[n] nor an attachment of the message")
    for i, embed in enumerate(payload.get("embeds") or []):
        if isinstance(embed, Mapping):
            problems += _check_embed_media(f"{where}.embeds[{i}]", embed, uploaded, kept)
    return problems


def _check_embed_media(w: str, embed: Mapping[str, Any], uploaded: Mapping[str, Any],
                       kept: Mapping[str, str]) -> list[str]:
    problems: list[str] = []
    for slot, key in EMBED_MEDIA:
        url = (embed.get(slot) or {}).get(key)
        if not isinstance(url, str) or not url.startswith("attachment://"):
            continue
        where = f"{w}.{slot}.{key}"
        name = url.removeprefix("attachment://")
        if not ATTACHMENT_NAME_RE.match(name):
            problems.append(f"{where}: {url!r}: an attachment:// name must be ASCII letters, "
                            "digits, _, - or .")
        if not name.lower().endswith(IMAGE_EXTENSIONS):
            problems.append(f"{where}: {url!r} has no image extension")
        part = uploaded.get(name)
        if part is None and name not in kept.values():
            problems.append(f"{where}: {url!r} names no file of this message")
        elif part is not None and image_type(part.get("data") or b"") is None:
            problems.append(f"{where}: {url!r} is not a PNG, JPEG, GIF or WebP image")
    return problems


def oversized(files: Sequence[Mapping[str, Any]], where: str = "message") -> list[str]:
    """Uploads larger than Discord's limit (it answers 413 Request entity too large)."""
    return [f"{where}: {f.get('field')} is {f.get('size')} bytes (max {MAX_UPLOAD_BYTES})"
            for f in files if int(f.get("size") or 0) > MAX_UPLOAD_BYTES]


# --- components ---------------------------------------------------------------------------
def _check_custom_id(w: str, comp: Mapping[str, Any], seen: set[str]) -> list[str]:
    cid = comp.get("custom_id")
    if not isinstance(cid, str) or not 1 <= len(cid) <= MAX_CUSTOM_ID:
        return [f"{w}: custom_id must be 1-{MAX_CUSTOM_ID} chars (got {_len(cid)})"]
    if cid in seen:
        return [f"{w}: duplicate custom_id {cid!r}"]
    seen.add(cid)
    return []


def _check_leaf(w: str, comp: Mapping[str, Any], seen: set[str]) -> list[str]:
    ctype = comp.get("type")
    problems: list[str] = []
    if ctype == BUTTON_TYPE:
        problems += _too_long(w, "label", comp.get("label"), MAX_BUTTON_LABEL)
        style = comp.get("style")
        if style == 5:  # link button
            if not comp.get("url"):
                problems.append(f"{w}: link button needs a url")
            if "custom_id" in comp and comp["custom_id"] is not None:
                problems.append(f"{w}: link button must not have a custom_id")
            problems += _too_long(w, "url", comp.get("url"), MAX_BUTTON_URL)
        elif style != 6:  # 6 = premium (sku_id)
            problems += _check_custom_id(w, comp, seen)
        if not comp.get("label") and not comp.get("emoji") and style != 6:
            problems.append(f"{w}: button needs a label or an emoji")
    elif ctype in SELECT_TYPES:
        problems += _check_custom_id(w, comp, seen)
        problems += _too_long(w, "placeholder", comp.get("placeholder"), MAX_SELECT_PLACEHOLDER)
        lo, hi = comp.get("min_values", 1), comp.get("max_values", 1)
        if not 0 <= lo <= MAX_SELECT_VALUES or not 1 <= hi <= MAX_SELECT_VALUES or lo > hi:
            problems.append(f"{w}: bad min_values/max_values {lo}/{hi}")
        if ctype == 3:
            options = comp.get("options") or []
            if not 1 <= len(options) <= MAX_SELECT_OPTIONS:
                problems.append(f"{w}: {len(options)} select options (1-{MAX_SELECT_OPTIONS})")
            for k, opt in enumerate(options):
                ow = f"{w}.options[{k}]"
                problems += _too_long(ow, "label", opt.get("label"), MAX_SELECT_OPTION_LABEL)
                problems += _too_long(ow, "value", opt.get("value"), MAX_SELECT_OPTION_VALUE)
                problems += _too_long(
                    ow, "description", opt.get("description"), MAX_SELECT_OPTION_DESCRIPTION
                )
    elif ctype == TEXT_INPUT_TYPE:
        problems += _check_custom_id(w, comp, seen)
        problems += _too_long(w, "label", comp.get("label"), MAX_TEXT_INPUT_LABEL)
        problems += _too_long(w, "placeholder", comp.get("placeholder"), MAX_TEXT_INPUT_PLACEHOLDER)
        problems += _too_long(w, "value", comp.get("value"), MAX_TEXT_INPUT_VALUE)
    return problems


def _walk_components(comps: Iterable[Any]) -> Iterable[Mapping[str, Any]]:
    for comp in comps:
        if isinstance(comp, Mapping):
            yield comp
            yield from _walk_components(comp.get("components") or [])
            if isinstance(comp.get("accessory"), Mapping):
                yield comp["accessory"]
            if isinstance(comp.get("component"), Mapping):  # modal "label" wrapper
                yield from _walk_components([comp["component"]])


def check_components(components: Any, where: str = "message", flags: int = 0) -> list[str]:
    """Action-row structure (≤5 rows, ≤5 buttons or 1 select per row), labels, custom_ids."""
    if components is None:
        return []
    if not isinstance(components, list):
        return [f"{where}: components must be a list"]
    problems: list[str] = []
    seen: set[str] = set()
    if flags & FLAG_IS_COMPONENTS_V2:
        every = list(_walk_components(components))
        if len(every) > MAX_V2_COMPONENTS:
            problems.append(f"{where}: {len(every)} components (max {MAX_V2_COMPONENTS})")
        text = sum(_len(c.get("content")) for c in every if c.get("type") == 10)
        if text > MAX_V2_TEXT:
            problems.append(f"{where}: text displays total {text} chars (max {MAX_V2_TEXT})")
        for i, comp in enumerate(every):
            problems += _check_leaf(f"{where}.components#{i}", comp, seen)
        return problems
    if len(components) > MAX_ACTION_ROWS:
        problems.append(f"{where}: {len(components)} action rows (max {MAX_ACTION_ROWS})")
    for i, row in enumerate(components):
        w = f"{where}.components[{i}]"
        if not isinstance(row, Mapping) or row.get("type") != ACTION_ROW_TYPE:
            problems.append(f"{w}: top-level component must be an action row (type 1)")
            continue
        children = row.get("components") or []
        buttons = [c for c in children if c.get("type") == BUTTON_TYPE]
        selects = [c for c in children if c.get("type") in SELECT_TYPES]
        if not children:
            problems.append(f"{w}: empty action row")
        if len(buttons) > MAX_BUTTONS_PER_ROW:
            problems.append(f"{w}: {len(buttons)} buttons (max {MAX_BUTTONS_PER_ROW})")
        if selects and len(children) > 1:
            problems.append(f"{w}: a select menu must be alone in its row")
        for j, child in enumerate(children):
            problems += _check_leaf(f"{w}.components[{j}]", child, seen)
    return problems


# --- whole messages -----------------------------------------------------------------------
def check_message_limits(
    payload: Mapping[str, Any], where: str = "message", *, creating: bool = True
) -> list[str]:
    """Hard limits of a message create/edit body (also interaction message data)."""
    problems: list[str] = []
    content = payload.get("content")
    if content is not None and not isinstance(content, str):
        problems.append(f"{where}: content must be a string")
    problems += _too_long(where, "content", content, MAX_CONTENT)
    problems += check_embeds(payload.get("embeds"), where)
    flags = payload.get("flags") or 0
    problems += check_components(payload.get("components"), where, flags)
    if flags & FLAG_IS_COMPONENTS_V2 and (payload.get("content") or payload.get("embeds")):
        problems.append(f"{where}: IS_COMPONENTS_V2 messages cannot have content or embeds")
    if len(payload.get("sticker_ids") or []) > MAX_STICKERS:
        problems.append(f"{where}: more than {MAX_STICKERS} stickers")
    if len(payload.get("attachments") or []) > MAX_ATTACHMENTS:
        problems.append(f"{where}: more than {MAX_ATTACHMENTS} attachments")
    nonce = payload.get("nonce")
    if isinstance(nonce, str) and len(nonce) > MAX_NONCE:
        problems.append(f"{where}: nonce longer than {MAX_NONCE} chars")
    if creating and not any(
        payload.get(k) for k in ("content", "embeds", "components", "sticker_ids", "poll")
    ) and not payload.get("attachments"):
        problems.append(f"{where}: cannot send an empty message")
    return problems


def check_message_payload(payload: Mapping[str, Any], where: str = "message") -> list[str]:
    """Hard limits + mention policy for a message-ish payload (convenience for tests)."""
    return check_message_limits(payload, where) + check_allowed_mentions(payload, where)


# --- interaction-specific -----------------------------------------------------------------
def check_choices(choices: Any, where: str = "autocomplete") -> list[str]:
    """Autocomplete results / option choices: ≤25, names 1-100, string values ≤100."""
    if choices is None:
        return []
    if not isinstance(choices, list):
        return [f"{where}: choices must be a list"]
    problems: list[str] = []
    if len(choices) > MAX_CHOICES:
        problems.append(f"{where}: {len(choices)} choices (max {MAX_CHOICES})")
    for i, choice in enumerate(choices):
        w = f"{where}.choices[{i}]"
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= MAX_CHOICE_NAME:
            problems.append(f"{w}: name must be 1-{MAX_CHOICE_NAME} chars (got {_len(name)})")
        problems += _too_long(w, "value", choice.get("value"), MAX_CHOICE_STRING_VALUE)
    return problems


def check_modal(data: Mapping[str, Any], where: str = "modal") -> list[str]:
    """Modal title/custom_id/component-count limits and text-input limits."""
    problems: list[str] = []
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= MAX_MODAL_TITLE:
        problems.append(f"{where}: title must be 1-{MAX_MODAL_TITLE} chars (got {_len(title)})")
    problems += _check_custom_id(where, data, set())
    comps = data.get("components") or []
    if not 1 <= len(comps) <= MAX_MODAL_COMPONENTS:
        problems.append(f"{where}: {len(comps)} components (1-{MAX_MODAL_COMPONENTS})")
    seen: set[str] = set()
    for i, comp in enumerate(_walk_components(comps)):
        if comp.get("type") not in (ACTION_ROW_TYPE, 18, 10):  # row, label, text display
            problems += _check_leaf(f"{where}.components#{i}", comp, seen)
    return problems


# --- application commands -----------------------------------------------------------------
def _check_name(w: str, name: Any, *, chat_input: bool) -> list[str]:
    if not isinstance(name, str) or not 1 <= len(name) <= MAX_COMMAND_NAME:
        return [f"{w}: name must be 1-{MAX_COMMAND_NAME} chars (got {name!r})"]
    if chat_input:
        if not COMMAND_NAME_RE.match(name):
            return [f"{w}: name {name!r} does not match {COMMAND_NAME_RE.pattern}"]
        if name != name.lower():
            return [f"{w}: name {name!r} must be lowercase"]
    return []


def _check_description(w: str, desc: Any, limit: int) -> list[str]:
    if not isinstance(desc, str) or not 1 <= len(desc) <= limit:
        return [f"{w}: description must be 1-{limit} chars (got {_len(desc)})"]
    return []


def _count_chars(node: Mapping[str, Any]) -> int:
    total = _len(node.get("name")) + _len(node.get("description"))
    for choice in node.get("choices") or []:
        total += _len(choice.get("name")) + _len(str(choice.get("value", "")))
    return total + sum(_count_chars(o) for o in node.get("options") or [])


def _check_options(w: str, options: Any) -> list[str]:
    if options is None:
        return []
    problems: list[str] = []
    if len(options) > MAX_COMMAND_OPTIONS:
        problems.append(f"{w}: {len(options)} options (max {MAX_COMMAND_OPTIONS})")
    names: set[str] = set()
    seen_optional = False
    for i, opt in enumerate(options):
        ow = f"{w}.options[{i}]"
        name = opt.get("name")
        problems += _check_name(ow, name, chat_input=True)
        if name in names:
            problems.append(f"{ow}: duplicate option name {name!r}")
        names.add(name)
        problems += _check_description(ow, opt.get("description"), MAX_OPTION_DESCRIPTION)
        problems += check_choices(opt.get("choices"), ow)
        if opt.get("autocomplete") and opt.get("choices"):
            problems.append(f"{ow}: autocomplete and choices are mutually exclusive")
        if opt.get("type") in (OPTION_SUB_COMMAND, OPTION_SUB_COMMAND_GROUP):
            problems += _check_options(ow, opt.get("options"))
            continue
        if opt.get("required"):
            if seen_optional:
                problems.append(f"{ow}: required option after an optional one")
        else:
            seen_optional = True
    return problems


def check_application_command(cmd: Mapping[str, Any], where: str = "command") -> list[str]:
    """One command: name/description/options limits (chat input rules for type 1)."""
    ctype = cmd.get("type", 1)
    w = f"{where} {cmd.get('name')!r}"
    problems = _check_name(w, cmd.get("name"), chat_input=ctype == 1)
    if ctype == 1:
        problems += _check_description(w, cmd.get("description"), MAX_COMMAND_DESCRIPTION)
        problems += _check_options(w, cmd.get("options"))
        total = _count_chars(cmd)
        if total > MAX_COMMAND_TOTAL_CHARS:
            problems.append(f"{w}: {total} total chars (max {MAX_COMMAND_TOTAL_CHARS})")
    elif cmd.get("description") or cmd.get("options"):
        problems.append(f"{w}: context-menu commands take no description/options")
    for key, limit in (("name_localizations", 32), ("description_localizations", 100)):
        for locale, text in (cmd.get(key) or {}).items():
            problems += _too_long(f"{w}.{key}[{locale}]", "text", text, limit)
    return problems


def check_application_commands(
    commands: Sequence[Mapping[str, Any]], where: str = "commands"
) -> list[str]:
    """A bulk overwrite: each command, unique (name, type), per-type count limits."""
    if not isinstance(commands, list):
        return [f"{where}: body must be a list of commands"]
    problems: list[str] = []
    seen: set[tuple[str, int]] = set()
    counts = {1: 0, 2: 0, 3: 0}
    for cmd in commands:
        problems += check_application_command(cmd, where)
        key = (str(cmd.get("name")), int(cmd.get("type", 1)))
        if key in seen:
            problems.append(f"{where}: duplicate command {key}")
        seen.add(key)
        counts[key[1]] = counts.get(key[1], 0) + 1
    for ctype, limit in ((1, MAX_CHAT_INPUT_COMMANDS), (2, MAX_USER_COMMANDS),
                         (3, MAX_MESSAGE_COMMANDS)):
        if counts.get(ctype, 0) > limit:
            problems.append(f"{where}: {counts[ctype]} commands of type {ctype} (max {limit})")
    return problems
