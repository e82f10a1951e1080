import dataclasses

import pytest

from reset_stories.content.vocabulary import (
    APPLE_CATEGORIES,
    PERSON_ROLES,
    ROLE_NAMES,
    PersonRole,
    category_choices,
    did_you_mean,
    find_category,
    find_role,
    suggest,
    unknown_keys,
)

# The eleven groups of the Podcast Index taxonomy (taxonomy.json), lowercase as in feeds.
TAXONOMY_GROUPS = {
    "creative direction", "cast", "writing", "audio production", "audio post-production",
    "administration", "visuals", "community", "misc.", "video production",
    "video post-production",
}

FIELD_NAMES = ("title", "date", "audio", "summary", "guid", "number", "season", "type", "people")


# --- categories ------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["Arts", "arts", "  ARTS  "])
def test_top_level_category_is_found_with_apple_spelling(typed):
    assert find_category(typed) == ("Arts", None)


@pytest.mark.parametrize(
    "typed",
    [
        "Society & Culture > Documentary",
        "society & culture > documentary",
        "  Society  &  Culture   >   DOCUMENTARY ",
        "Society & Culture>Documentary",
    ],
)
def test_subcategory_is_found_with_apple_spelling(typed):
    assert find_category(typed) == ("Society & Culture", "Documentary")


def test_ampersands_inside_subcategory_names_are_kept():
    assert find_category("tv & film > after shows") == ("TV & Film", "After Shows")
    assert find_category("leisure > home & garden") == ("Leisure", "Home & Garden")


def test_subcategory_under_the_wrong_parent_is_refused():
    assert find_category("Arts > Documentary") is None
    assert find_category("News > Film Reviews") is None


def test_subcategory_alone_is_not_a_category():
    assert find_category("Documentary") is None


@pytest.mark.parametrize(
    "typed",
    [
        "Podcasting",                     # an old, removed Apple category
        "Society and Culture",            # "and" is not "&"
        "Society & Culture > ",           # empty subcategory
        "Arts > Books > Poetry",          # too many levels
        "",
    ],
)
def test_unknown_category_is_refused(typed):
    assert find_category(typed) is None


def test_category_choices_follow_apple_order_and_are_all_found():
    choices = category_choices()
    assert choices[:3] == ["Arts", "Arts > Books", "Arts > Design"]
    assert choices[-1] == "TV & Film > TV Reviews"
    assert len(choices) == len(set(choices))
    assert all(find_category(choice) is not None for choice in choices)
    assert "Government" in choices and "Government > Local" not in choices


# --- suggestions -----------------------------------------------------------------------------

def test_suggest_proposes_the_misspelt_category():
    assert suggest("Society & Culture > Documentry", category_choices()) == "Society & Culture > Documentary"


def test_suggest_ignores_case_and_returns_original_spelling():
    assert suggest("SOCIETY & CULTURE > documentry", category_choices()) == "Society & Culture > Documentary"


def test_suggest_proposes_the_misspelt_field_name():
    assert suggest("titel", FIELD_NAMES) == "title"


def test_suggest_accepts_a_mapping_and_proposes_a_key():
    assert suggest("co host", PERSON_ROLES) == "co-host"


@pytest.mark.parametrize("choices", [FIELD_NAMES, category_choices()])
def test_suggest_gives_nothing_for_nonsense(choices):
    assert suggest("qwxz zzkv", choices) is None


def test_suggest_gives_nothing_without_choices():
    assert suggest("title", []) is None


def test_did_you_mean_is_one_phrase_or_the_fallback():
    assert did_you_mean("titel", FIELD_NAMES, "scrivi title.") == "forse intendevi «title»?"
    assert did_you_mean("qwxz zzkv", FIELD_NAMES, "scrivi title.") == "scrivi title."


def test_did_you_mean_as_a_sentence_to_append():
    assert did_you_mean("titel", FIELD_NAMES, sentence=True) == " Forse intendevi «title»?"
    assert did_you_mean("qwxz zzkv", FIELD_NAMES, sentence=True) == ""


def test_unknown_keys_lists_each_unknown_key_in_order_with_its_hint():
    unknown = unknown_keys({"title": 1, "titel": 2, 3: 4, "qwxz": 5}, ("title", "date"), "i campi: title, date.")
    assert [(u.key, u.hint, u.better) for u in unknown] == [
        ("titel", "title", "forse intendevi «title»?"),
        ("3", None, "i campi: title, date."),
        ("qwxz", None, "i campi: title, date."),
    ]


# --- person roles ----------------------------------------------------------------------------

def test_host_and_guest_are_cast_with_italian_labels():
    host, guest = PERSON_ROLES["host"], PERSON_ROLES["guest"]
    assert (host.role, host.group, host.label) == ("host", "cast", "Conduzione")
    assert (guest.role, guest.group, guest.label) == ("guest", "cast", "Ospite")


def test_every_role_belongs_to_a_taxonomy_group():
    assert {role.group for role in PERSON_ROLES.values()} <= TAXONOMY_GROUPS


def test_every_role_is_keyed_by_its_own_lowercase_name_and_has_a_label():
    for key, role in PERSON_ROLES.items():
        assert key == role.role == role.role.lower() == role.role.strip()
        assert role.label and role.label != role.role


def test_roles_from_several_groups_are_present():
    assert PERSON_ROLES["sound designer"].group == "audio post-production"
    assert PERSON_ROLES["producer"].group == "creative direction"
    assert PERSON_ROLES["translator"].group == "writing"


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("ospite", "guest"), ("Ospite", "guest"), ("conduttore", "host"), ("Conduttrice", "host"),
        ("conduzione", "host"), ("intervistatrice", "host"), ("co-conduttore", "co-host"), ("Co conduttrice", "co-host"),
        ("Co-conduzione", "co-host"), ("ospite conduttore", "guest host"), ("produttrice", "producer"),
        ("produzione", "producer"), ("regista", "director"), ("REGIA", "director"), ("montaggio", "audio editor"),
        ("compositore", "composer"), ("musiche originali", "composer"), ("narratrice", "narrator"),
        ("voce narrante", "narrator"), ("autrice", "author"), ("redazione", "editor"), ("redattore", "editor"),
        ("fonico", "audio engineer"), ("traduttore", "translator"), ("trascrizione", "transcriber"),
        ("verifica dei fatti", "fact checker"), ("Aiuto regia", "assistant director"), ("regìa", "director"),
        ("guest", "guest"), ("Co-Host", "co-host"), ("audio editor", "audio editor"),
    ],
)
def test_roles_are_found_by_their_italian_or_english_names(written, role):
    assert find_role(written) is PERSON_ROLES[role]


def test_every_italian_label_names_its_own_role():
    for role in PERSON_ROLES.values():
        assert find_role(role.label) is role


def test_role_suggestions_consider_italian_names():
    assert suggest("ospitte", ROLE_NAMES) == "ospite"
    assert suggest("conduttrce", ROLE_NAMES) == "conduttrice"
    assert suggest("gust", ROLE_NAMES) == "guest"
    assert find_role("cantante") is None


# --- immutability ----------------------------------------------------------------------------

def test_categories_cannot_be_changed():
    with pytest.raises(TypeError):
        APPLE_CATEGORIES["Podcasting"] = ()  # type: ignore[index]
    with pytest.raises(TypeError):
        del APPLE_CATEGORIES["Arts"]  # type: ignore[attr-defined]


def test_roles_cannot_be_changed():
    with pytest.raises(TypeError):
        PERSON_ROLES["host"] = PersonRole("host", "cast", "Presentazione")  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        PERSON_ROLES["guest"].label = "Invitato"  # type: ignore[misc]
