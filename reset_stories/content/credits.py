"""People named in episodes and in the show's settings: a person id, and the role they have.

Roles come from the Podcast Index taxonomy (English in the feed, Italian labels on the site).
An episode's person without a role is a guest; a host of the show without a role is a host.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reset_stories.content.fields import Invalid, read_slug_reference
from reset_stories.content.fields import show as show_value
from reset_stories.content.vocabulary import (
    PERSON_ROLES,
    ROLE_NAMES,
    PersonRole,
    did_you_mean,
    find_role,
    unknown_keys,
)
from reset_stories.model import Credit

CREDIT_FIELDS = ("id", "role")
GUEST = PERSON_ROLES["guest"]
HOST = PERSON_ROLES["host"]


def credit_reader(default: PersonRole) -> Callable[[object], Credit]:
    """A reader for ``- persona-id`` or ``- id: persona-id`` with ``role:``; ``default`` when no role is written."""

    def read(value: object) -> Credit:
        if not isinstance(value, Mapping):
            return Credit(person_id=read_slug_reference(value), role=default)
        unknown = unknown_keys(value, CREDIT_FIELDS, "scrivi solo «id:» e «role:».")
        if unknown:
            raise Invalid(f"campo sconosciuto «{unknown[0].key}» — {unknown[0].better}")
        role = value.get("role")
        return Credit(person_id=read_slug_reference(value.get("id")), role=read_role(role) if role is not None else default)

    return read


def read_role(value: object) -> PersonRole:
    """A role as staff write it: in English as in the feed (guest), or in Italian (ospite, Conduzione, regista)."""
    role = find_role(value) if isinstance(value, str) else None
    if role is not None:
        return role
    better = did_you_mean(str(value), ROLE_NAMES, sentence=True)
    raise Invalid(
        f"{show_value(value)} non è un ruolo riconosciuto — scrivi il ruolo in italiano o in inglese (come nella "
        f"tassonomia di Podcast Index), per esempio ospite (guest), conduzione (host), regia (director), "
        f"montaggio (audio editor).{better}"
    )
