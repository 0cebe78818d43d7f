"""A validation result people can act on: focus, path, value, the shape that fired, its messages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    value: str | None
    shape: str
    component: str
    severity: str
    messages: dict[str, str] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return self.messages.get(lang) or next(iter(self.messages.values()), self.component)

    def key(self) -> tuple[str, ...]:
        """A total order, so that reports are stable whichever engine made them."""
        return (self.shape, self.focus, self.path or "", self.value or "", self.component, self.message("en"))


@dataclass
class Report:
    conforms: bool
    violations: list[Violation]
