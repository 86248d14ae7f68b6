"""YAML loading that remembers line numbers, so a curator's error names file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Mapping(dict[str, Any]):
    """A YAML mapping that knows the line it started on (1-based)."""

    line: int = 0


class Sequence(list[Any]):
    """A YAML sequence that knows the line it started on (1-based)."""

    line: int = 0


class Scalar(str):
    """A YAML string that knows its line, for errors about one value."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} appears twice in this mapping (first on line {seen[key]}); "
                    "remove one",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        mapping = Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        sequence = Sequence(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence

    def construct_yaml_str(self, node: yaml.ScalarNode) -> Scalar:
        scalar = Scalar(super().construct_scalar(node))
        scalar.line = node.start_mark.line + 1
        return scalar


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:str", _LineLoader.construct_yaml_str)


class YamlError(ValueError):
    """YAML that does not parse; the message names file, line and column."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


def load_yaml(path: Path) -> Any:
    """Parse `path`; mappings, sequences and strings carry `.line`."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(path, 1, f"not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        what = " ".join(filter(None, [exc.context, exc.problem]))
        raise YamlError(
            path, line, f"YAML syntax error{column}: {what}; fix the YAML at this line"
        ) from exc
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, f"YAML error: {exc}") from exc


def line_of(node: Any, default: int = 1) -> int:
    return int(getattr(node, "line", default) or default)
