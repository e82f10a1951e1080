"""Fixed vocabularies the feed must use, and helpers to match what staff typed against them.

- :data:`APPLE_CATEGORIES`: Apple Podcasts' category list, for ``<itunes:category>``;
- :data:`PERSON_ROLES`: the Podcast Index person-role taxonomy, for ``<podcast:person role group>``,
  each role with the Italian label shown on the public site;
- :func:`find_role`, :data:`ROLE_NAMES`: a role as staff write it, in English or in Italian;
- :func:`find_category`, :func:`category_choices`, :func:`suggest`: lookups and
  "did you mean …?" hints.

Pure data and pure functions: no I/O, no third-party imports.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

# --- Apple Podcasts limits ------------------------------------------------------------------

APPLE_DESCRIPTION_BYTES = 4000  # bytes of UTF-8: Apple cuts a description (show or episode) there

# --- Apple Podcasts categories --------------------------------------------------------------

# Source: https://podcasters.apple.com/support/1691-apple-podcasts-categories
# (the list introduced in 2019 and still current). Apple's own spelling, "&" included, in Apple's
# order (note that Apple lists History before Health & Fitness). Category names are
# case-sensitive in the feed; the ampersand is escaped as "&amp;" by the XML writer, not here.
APPLE_CATEGORIES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
})

# How staff write "category > subcategory" in mkdocs.yml.
CATEGORY_SEPARATOR = " > "


def _fold(text: str) -> str:
    """Case- and spacing-insensitive form of a name: lowercase, runs of whitespace as one space."""
    return " ".join(text.split()).lower()


# Folded (category, subcategory) -> canonical (category, subcategory); built once.
_CATEGORY_INDEX: Mapping[tuple[str, str | None], tuple[str, str | None]] = MappingProxyType({
    (_fold(category), _fold(sub) if sub is not None else None): (category, sub)
    for category, subs in APPLE_CATEGORIES.items()
    for sub in (None, *subs)
})


def find_category(text: str) -> tuple[str, str | None] | None:
    """Apple's spelling of ``"Category"`` or ``"Category > Subcategory"``, or None if not listed.

    Matching ignores case and extra whitespace; "and" is not accepted for "&". A subcategory
    must be written under its own parent, and a subcategory alone is not a category.
    """
    parts = text.split(CATEGORY_SEPARATOR.strip())
    if len(parts) > 2:
        return None
    category = _fold(parts[0])
    sub = _fold(parts[1]) if len(parts) == 2 else None
    if not category or sub == "":
        return None
    return _CATEGORY_INDEX.get((category, sub))


def category_choices() -> list[str]:
    """Every valid category spelling ("Arts", "Arts > Books", …) in Apple's order, for hints."""
    choices: list[str] = []
    for category, subs in APPLE_CATEGORIES.items():
        choices.append(category)
        choices.extend(f"{category}{CATEGORY_SEPARATOR}{sub}" for sub in subs)
    return choices


# --- suggestions ----------------------------------------------------------------------------

def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``word`` for a "did you mean …?" message, or None if none is close.

    Comparison ignores case; the choice is returned as spelled in ``choices``. Works on any
    strings: field names, categories, roles, file names (a mapping passes its keys).
    """
    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.lower(), choice)
    found = difflib.get_close_matches(word.strip().lower(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[found[0]] if found else None


def you_meant(hint: str) -> str:
    """The "did you mean" phrase for ``hint``, the one wording every message uses."""
    return f"forse intendevi «{hint}»?"


def did_you_mean(word: str, choices: Iterable[str], otherwise: str = "", *, sentence: bool = False) -> str:
    """The "did you mean" phrase with the choice closest to ``word``, or ``otherwise`` if none is close.

    With ``sentence`` the phrase is a sentence of its own, to append to a message:
    " Forse intendevi «…»?".
    """
    hint = suggest(word, choices)
    if hint is None:
        return otherwise
    phrase = you_meant(hint)
    return f" {phrase[0].upper()}{phrase[1:]}" if sentence else phrase


@dataclass(frozen=True, slots=True)
class UnknownKey:
    """A key that is not among the allowed ones: ``hint`` is the allowed key closest to it, ``better`` what to say."""

    key: str
    hint: str | None
    better: str


def unknown_keys(keys: Iterable[object], allowed: Collection[str], otherwise: str) -> list[UnknownKey]:
    """Every key of ``keys`` not in ``allowed``, in order, each with its "did you mean" or ``otherwise``."""
    unknown = []
    for key in keys:
        if key in allowed:
            continue
        hint = suggest(str(key), allowed)
        unknown.append(UnknownKey(str(key), hint, you_meant(hint) if hint else otherwise))
    return unknown


# --- Podcast Index person roles -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PersonRole:
    """One role of the Podcast Index taxonomy.

    ``role`` and ``group`` are written lowercase into ``<podcast:person role=… group=…>``;
    ``label`` is the Italian credit shown on the public site.
    """

    role: str
    group: str
    label: str


def _group(group: str, *roles: tuple[str, str]) -> list[PersonRole]:
    return [PersonRole(role=role, group=group, label=label) for role, label in roles]


# Source: https://github.com/Podcastindex-org/podcast-namespace/blob/main/taxonomy.json
# (same roles in taxonomy-en.json), in the taxonomy's order. The taxonomy has "Editor" twice:
# under Writing (script editing) and under Video Post-Production (video editing). Feeds name a
# role by its text alone, so "editor" means the Writing one here, the one an audio podcast uses;
# the video editor cannot be expressed by role name and is left out.
_ROLES: list[PersonRole] = [
    *_group(
        "creative direction",
        ("director", "Regia"),
        ("assistant director", "Aiuto regia"),
        ("executive producer", "Produzione esecutiva"),
        ("senior producer", "Supervisione alla produzione"),
        ("producer", "Produzione"),
        ("associate producer", "Produzione associata"),
        ("development producer", "Sviluppo del progetto"),
        ("creative director", "Direzione creativa"),
    ),
    *_group(
        "cast",
        ("host", "Conduzione"),
        ("co-host", "Co-conduzione"),
        ("guest host", "Conduzione ospite"),
        ("guest", "Ospite"),
        ("voice actor", "Voce"),
        ("narrator", "Voce narrante"),
        ("announcer", "Speaker"),
        ("reporter", "Reportage"),
    ),
    *_group(
        "writing",
        ("author", "Testi"),
        ("editorial director", "Direzione editoriale"),
        ("co-writer", "Co-scrittura"),
        ("writer", "Scrittura"),
        ("songwriter", "Canzoni originali"),
        ("guest writer", "Firma ospite"),
        ("story editor", "Editing narrativo"),
        ("managing editor", "Caporedazione"),
        ("script editor", "Revisione del copione"),
        ("script coordinator", "Coordinamento del copione"),
        ("researcher", "Ricerca"),
        ("editor", "Redazione"),
        ("fact checker", "Verifica dei fatti"),
        ("translator", "Traduzione"),
        ("transcriber", "Trascrizione"),
        ("logger", "Spoglio delle registrazioni"),
    ),
    *_group(
        "audio production",
        ("studio coordinator", "Coordinamento di studio"),
        ("technical director", "Direzione tecnica"),
        ("technical manager", "Coordinamento tecnico"),
        ("audio engineer", "Registrazione"),
        ("remote recording engineer", "Registrazione a distanza"),
        ("post production engineer", "Tecnica di post-produzione"),
    ),
    *_group(
        "audio post-production",
        ("audio editor", "Montaggio"),
        ("sound designer", "Sound design"),
        ("foley artist", "Rumori di sala"),
        ("composer", "Musiche originali"),
        ("theme music", "Sigla"),
        ("music production", "Produzione musicale"),
        ("music contributor", "Musiche"),
    ),
    *_group(
        "administration",
        ("production coordinator", "Coordinamento di produzione"),
        ("booking coordinator", "Coordinamento ospiti"),
        ("production assistant", "Assistenza alla produzione"),
        ("content manager", "Gestione dei contenuti"),
        ("marketing manager", "Marketing"),
        ("sales representative", "Commerciale"),
        ("sales manager", "Direzione commerciale"),
    ),
    *_group(
        "visuals",
        ("graphic designer", "Grafica"),
        ("cover art designer", "Copertina"),
    ),
    *_group(
        "community",
        ("social media manager", "Social media"),
    ),
    *_group(
        "misc.",
        ("consultant", "Consulenza"),
        ("intern", "Tirocinio"),
    ),
    *_group(
        "video production",
        ("camera operator", "Riprese"),
        ("lighting designer", "Luci"),
        ("camera grip", "Macchinista"),
        ("assistant camera", "Aiuto operatore"),
    ),
    *_group(
        "video post-production",
        ("assistant editor", "Assistente al montaggio"),
    ),
]

# Role as written in the feed (lowercase English) -> its group and Italian label.
PERSON_ROLES: Mapping[str, PersonRole] = MappingProxyType({r.role: r for r in _ROLES})

if len(PERSON_ROLES) != len(_ROLES):  # pragma: no cover - guards against editing mistakes
    raise RuntimeError("vocabulary: a person role is listed twice")

del _ROLES


# Italian names staff commonly write for a role, besides the site's own labels (which are accepted
# too): masculine and feminine, the person and the activity. Written here lowercase as staff would.
_ITALIAN_ROLE_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "guest": ("ospite", "ospiti", "invitato", "invitata"),
    # The taxonomy has no interviewer: whoever leads an interview is hosting it.
    "host": ("conduttore", "conduttrice", "presentatore", "presentatrice", "intervistatore", "intervistatrice"),
    "co-host": ("co-conduttore", "co-conduttrice", "coconduttore", "coconduttrice"),
    "guest host": ("ospite conduttore", "ospite conduttrice", "conduttore ospite", "conduttrice ospite"),
    "producer": ("produttore", "produttrice"),
    "executive producer": ("produttore esecutivo", "produttrice esecutiva"),
    "director": ("regista",),
    "assistant director": ("aiuto regista",),
    "voice actor": ("doppiatore", "doppiatrice", "attore", "attrice"),
    "narrator": ("narratore", "narratrice"),
    "announcer": ("annunciatore", "annunciatrice"),
    "reporter": ("giornalista", "inviato", "inviata", "cronista"),
    "author": ("autore", "autrice"),
    "writer": ("scrittore", "scrittrice", "sceneggiatore", "sceneggiatrice"),
    "editor": ("redattore", "redattrice"),
    "managing editor": ("caporedattore", "caporedattrice"),
    "researcher": ("ricercatore", "ricercatrice"),
    "translator": ("traduttore", "traduttrice"),
    "transcriber": ("trascrittore", "trascrittrice"),
    "audio engineer": ("fonico", "fonica", "tecnico del suono", "tecnica del suono"),
    "audio editor": ("montatore", "montatrice", "montaggio audio"),
    "composer": ("compositore", "compositrice"),
    "music contributor": ("musicista",),
    "graphic designer": ("grafico",),
    "consultant": ("consulente",),
    "intern": ("tirocinante", "stagista"),
})


def fold_role(text: str) -> str:
    """A role name compared loosely: lowercase, without accents, hyphens as spaces, single spaces."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").replace("_", " ").split())


def _role_names() -> dict[str, PersonRole]:
    names: dict[str, PersonRole] = {}
    for role in PERSON_ROLES.values():
        for name in (role.role, role.label.lower(), *_ITALIAN_ROLE_NAMES.get(role.role, ())):
            if names.setdefault(name, role) is not role:  # pragma: no cover - guards against editing mistakes
                raise RuntimeError(f"vocabulary: the role name {name!r} means two roles")
    return names


# Every name staff may write for a role (English, the Italian label, the Italian names above) -> role.
ROLE_NAMES: Mapping[str, PersonRole] = MappingProxyType(_role_names())
_ROLE_INDEX: Mapping[str, PersonRole] = MappingProxyType({fold_role(name): role for name, role in ROLE_NAMES.items()})

if set(_ITALIAN_ROLE_NAMES) - set(PERSON_ROLES):  # pragma: no cover - guards against editing mistakes
    raise RuntimeError("vocabulary: an Italian role name is given for a role the taxonomy does not have")


def find_role(text: str) -> PersonRole | None:
    """The role ``text`` names, in English or Italian, ignoring case, accents and hyphens; None if none."""
    return _ROLE_INDEX.get(fold_role(text))
