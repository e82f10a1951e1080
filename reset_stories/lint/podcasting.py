"""The Podcasting 2.0 namespace (https://podcastindex.org/namespace/1.0): every tag of phases 1–7
and the 2025 revisions of ``location`` and ``image``, read from the tag documents of
https://github.com/Podcastindex-org/podcast-namespace (``docs/tags/*.md``).

Most of what the documents say of a tag is the same kind of fact for every tag (where it may
stand, how many times, which attributes it needs, which are numbers, URLs, true/false, one of a
list, how long its text may be): those facts are one table, :data:`TAGS`, read by one set of
generic checks. What belongs to one tag alone (a guid that is a UUID, a country code, a person's
role in the taxonomy, the type apps need to parse a transcript) has a rule of its own.

Only ``podcast:`` elements are read here, each once, as the driver walks the channel and its
items; ``podcast:liveItem`` (which the driver does not walk: it is not an ``<item>``) is read
here from the channel, with the tags an item may hold. What chapters and transcript *files*
contain is checked elsewhere (they have to be fetched).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass

from lxml import etree

from reset_stories.content.vocabulary import PERSON_ROLES
from reset_stories.lint import dates, spdx
from reset_stories.lint.checking import PODCAST_LEGACY_NS, PODCAST_NS, Check, Indexed, Level, Rule, canonical, name, split_url
from reset_stories.lint.rss import is_language

_SPEC = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/"
_DOC = "Podcasting 2.0, " + _SPEC + "1.0.md"


def _page(doc: str) -> str:
    return f"Podcasting 2.0, {_SPEC}tags/{doc}.md"


# --- what the tag documents say -----------------------------------------------------------------

# Where a tag stands, as the table below names it: the channel, an item, a live item (which may
# hold whatever an item may) and the podcast: elements that hold others.
CHANNEL, ITEM, LIVE = "channel", "item", "liveItem"
_ITEMS = frozenset({ITEM, LIVE})
_ANY = frozenset({CHANNEL, ITEM, LIVE})

# The node value, where the table lists attributes.
TEXT = ""

MEDIUMS = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher", "course")
# Each medium has a "list" variant (suffix L), and "mixed" is a list of several.
ALL_MEDIUMS = (*MEDIUMS, *(m + "L" for m in MEDIUMS), "mixed")
# The namespace's lists: socialprotocols.txt, docs/chatprotocols.txt, serviceslugs.txt.
SOCIAL_PROTOCOLS = ("disabled", "activitypub", "twitter", "lightning", "bluesky", "hive", "matrix", "nostr")
CHAT_PROTOCOLS = ("irc", "xmpp", "nostr", "matrix")
_LIST_FILES = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/"
SERVICES = (
    "acast", "amazon", "anchor", "apple", "audioboom", "backtracks", "bitcoin", "blubrry", "buzzsprout", "captivate",
    "castos", "fireside", "google", "hypercatcher", "libsyn", "mastodon", "megafono", "megaphone", "omnystudio",
    "overcast", "paypal", "pinecast", "podbean", "podcastaddict", "podcastindex", "podcasts.com", "podchaser",
    "podfriend", "podiant", "podigee", "podnews", "podomatic", "podserve", "podverse", "redcircle", "relayfm",
    "resonate", "rss.com", "shoutengine", "simplecast", "slack", "soundcloud", "spotify", "spreaker", "transistor",
    "twitter", "whooshkaa", "zencast",
)
# The value block (value/value.md and value/valueslugs.txt, which lists the three kinds of slug
# together): the currency or layer, the way it is paid (value.md names keysend, amp and "default"
# for a currency without one; value/lnaddress.md adds lnaddress), and what a recipient's address is.
VALUE_TYPES = ("lightning", "bitcoin")
VALUE_METHODS = ("keysend", "amp", "lnaddress", "default")
RECIPIENT_TYPES = ("node", "wallet", "lnaddress")
_LISTS = {SOCIAL_PROTOCOLS: _LIST_FILES + "socialprotocols.txt", CHAT_PROTOCOLS: _LIST_FILES + "docs/chatprotocols.txt",
          SERVICES: _LIST_FILES + "serviceslugs.txt", VALUE_TYPES: _LIST_FILES + "value/valueslugs.txt",
          VALUE_METHODS: _LIST_FILES + "value/value.md", RECIPIENT_TYPES: _LIST_FILES + "value/valueslugs.txt"}


@dataclass(frozen=True, slots=True)
class Tag:
    """What a tag's document says: ``parents`` where it may stand, ``single`` at most once there,
    ``required`` attributes, ``text`` a node value that cannot be blank, ``limits`` lengths
    (:data:`TEXT` for the node value), ``integers``/``decimals``/``booleans``/``urls``/``iso``
    attributes of that kind, ``choices`` attributes with a closed list of values, ``children``
    elements one of which it must hold, ``listed`` attributes whose values the namespace keeps in
    a list that grows (a value not in it yet is a warning, not an error), ``mimes`` attributes that
    are media types."""

    doc: str
    parents: frozenset[str]
    single: bool = False
    required: tuple[str, ...] = ()
    text: bool = False
    limits: tuple[tuple[str, int], ...] = ()
    integers: tuple[str, ...] = ()
    decimals: tuple[str, ...] = ()
    booleans: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    iso: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    children: tuple[str, ...] = ()
    listed: tuple[tuple[str, tuple[str, ...]], ...] = ()
    mimes: tuple[str, ...] = ()


TAGS: dict[str, Tag] = {
    # Phase 1
    "locked": Tag("locked", frozenset({CHANNEL}), single=True, text=True, choices=((TEXT, ("yes", "no")),)),
    # ``type`` of transcript and chapters: rules of their own (apps cannot pick a parser without it).
    "transcript": Tag("transcript", _ITEMS, required=("url",), urls=("url",)),
    "funding": Tag("funding", frozenset({CHANNEL}), required=("url",), urls=("url",), limits=((TEXT, 128),)),
    "chapters": Tag("chapters", _ITEMS, single=True, required=("url",), urls=("url",)),
    "soundbite": Tag("soundbite", _ITEMS, required=("startTime", "duration"), decimals=("startTime", "duration"),
                     limits=((TEXT, 128),)),
    # Phase 2 (the person's name and role, the location's attributes: rules of their own)
    "person": Tag("person", _ANY, limits=((TEXT, 128),), urls=("href", "img")),
    "location": Tag("location", _ANY, limits=((TEXT, 128),), choices=(("rel", ("subject", "creator")),)),
    "season": Tag("season", _ITEMS, single=True, text=True, integers=(TEXT,), limits=(("name", 128),)),
    "episode": Tag("episode", _ITEMS, single=True, text=True, decimals=(TEXT,), limits=(("display", 32),)),
    # Phase 3
    "trailer": Tag("trailer", frozenset({CHANNEL}), required=("url", "pubdate"), text=True, limits=((TEXT, 128),),
                   integers=("length", "season"), urls=("url",), mimes=("type",)),
    "license": Tag("license", frozenset({CHANNEL, ITEM, LIVE}), single=True, text=True, limits=((TEXT, 128),),
                   urls=("url",)),
    "alternateEnclosure": Tag("alternate-enclosure", _ITEMS, required=("type",), integers=("length", "height"),
                              decimals=("bitrate",), booleans=("default",), limits=(("title", 32), ("rel", 32)),
                              children=("source",), mimes=("type",)),
    "source": Tag("source", frozenset({"alternateEnclosure"}), required=("uri",), urls=("uri",),
                  mimes=("contentType",)),
    "integrity": Tag("integrity", frozenset({"alternateEnclosure"}), single=True, required=("type", "value"),
                     choices=(("type", ("sri", "pgp-signature")),)),
    "guid": Tag("guid", frozenset({CHANNEL}), single=True, text=True),
    # Phase 4
    "value": Tag("value", _ANY, required=("type", "method"), decimals=("suggested",), children=("valueRecipient",),
                 listed=(("type", VALUE_TYPES), ("method", VALUE_METHODS))),
    "valueRecipient": Tag("value-recipient", frozenset({"value", "valueTimeSplit"}),
                          required=("type", "address", "split"), integers=("split",), booleans=("fee",),
                          listed=(("type", RECIPIENT_TYPES),)),
    "medium": Tag("medium", frozenset({CHANNEL}), single=True, text=True, choices=((TEXT, ALL_MEDIUMS),)),
    "images": Tag("images", _ANY, single=True, required=("srcset",)),
    "liveItem": Tag("live-item", frozenset({CHANNEL}), required=("status", "start"), iso=("start", "end"),
                    choices=(("status", ("pending", "live", "ended")),), children=("contentLink",)),
    "contentLink": Tag("content-link", _ITEMS, required=("href",), urls=("href",)),
    # Phase 5
    "socialInteract": Tag("social-interact", _ANY, required=("protocol",), urls=("uri", "accountUrl"),
                          integers=("priority",), listed=(("protocol", SOCIAL_PROTOCOLS),)),
    "block": Tag("block", frozenset({CHANNEL}), text=True, choices=((TEXT, ("yes", "no")),),
                 listed=(("id", SERVICES),)),
    # Phase 6
    "txt": Tag("txt", frozenset({CHANNEL, ITEM, LIVE}), text=True, limits=((TEXT, 4000), ("purpose", 128))),
    "remoteItem": Tag("remote-item", frozenset({CHANNEL, "podroll", "valueTimeSplit", "publisher"}),
                      required=("feedGuid",), urls=("feedUrl",), choices=(("medium", ALL_MEDIUMS),)),
    "podroll": Tag("podroll", frozenset({CHANNEL}), single=True, children=("remoteItem",)),
    "updateFrequency": Tag("update-frequency", frozenset({CHANNEL}), single=True, text=True,
                           limits=((TEXT, 128),), booleans=("complete",), iso=("dtstart",)),
    "podping": Tag("podping", frozenset({CHANNEL}), single=True, booleans=("usesPodping",)),
    "valueTimeSplit": Tag("value-time-split", frozenset({"value"}), required=("startTime", "duration"),
                          decimals=("startTime", "duration", "remoteStartTime"), integers=("remotePercentage",),
                          children=("remoteItem", "valueRecipient")),
    # Phase 7 and the 2025 revisions
    "publisher": Tag("publisher", frozenset({CHANNEL}), single=True, children=("remoteItem",)),
    "chat": Tag("chat", _ANY, single=True, required=("server", "protocol"), listed=(("protocol", CHAT_PROTOCOLS),)),
    "image": Tag("image", _ANY, required=("href",), urls=("href",), integers=("width", "height"),
                 limits=(("purpose", 128),), mimes=("type",)),
}

TRANSCRIPT_TYPES = frozenset({"text/plain", "text/html", "text/vtt", "application/json", "application/x-subrip",
                              "application/srt", "text/srt"})
CHAPTERS_TYPE = "application/json+chapters"
# Licenses apps know by name (lower-cased): the namespace's licenseslugs.txt (a few slugs that are
# no SPDX identifier: cc, gpl, lgpl) and the whole SPDX License List (spdx.py, pinned); any other
# needs its url.
LICENSES = frozenset({"cc", "gpl", "lgpl", *(identifier.lower() for identifier in spdx.IDENTIFIERS)})
# A soundbite's recommended length, in seconds (soundbite.md: "recommended between 15 and 120 seconds").
SOUNDBITE_SECONDS = (15, 120)
PERSON_GROUPS = frozenset(role.group for role in PERSON_ROLES.values())
# ISO 3166-1 alpha-2, the officially assigned codes (and XK, which Kosovo uses everywhere).
_COUNTRY_CODES = (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO "
    "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE "
    "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO "
    "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW "
    "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM "
    "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"
)
COUNTRIES = frozenset(_COUNTRY_CODES.split())

# Numbers in ASCII digits only: Python's \d and str.isdigit() also take superscript, Arabic-Indic and full-width digits, which
# no app reads as numbers.
_INTEGER = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# RFC 5870: geo:latitude,longitude[,altitude][;crs=…][;u=…]
_GEO = re.compile(r"geo:(-?[0-9]{1,2}(?:\.[0-9]+)?),(-?[0-9]{1,3}(?:\.[0-9]+)?)(?:,-?[0-9]+(?:\.[0-9]+)?)?"
                  r"(?:;[A-Za-z0-9-]+=[^;]+)*")
_OSM = re.compile(r"[NWR][0-9]+(?:#[0-9]+)?")
_ISO8601 = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
                      r"(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?")
_ASPECT_RATIO = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:\s*/\s*[0-9]+(?:\.[0-9]+)?)?")
# An https URL whose scheme and host need no parsing to be told apart (most of them: a shortcut).
_PLAIN_HTTPS = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#]|\Z)")
# RFC 6838 type/subtype, with parameters (codecs="opus").
# Each part can match only its own characters, so that no value makes the match backtrack.
_MIME = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*[ \t]*(?:;[^;]*)*")
# A preview served from this machine is http: not worth a warning.
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_SHOWN = 80  # characters of a feed's value quoted in a message


# --- the rules ----------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("podcast-namespace-legacy", Level.WARNING, _DOC + " (l'introduzione: «Clients which recognize this "
         "namespace must also recognize https://github.com/…/1.0.md as identical»)",
         "il namespace Podcasting 2.0 è dichiarato con il suo vecchio indirizzo, «{uri}»: la specifica chiede alle app "
         "di riconoscerlo, ma alcune riconoscono solo quello attuale e ignorano tutti i tag podcast: del feed",
         "dichiara xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" nell'elemento <rss>",
         "",
         "il validatore W3C non controlla il namespace Podcasting 2.0"),
    Rule("podcast-namespace-unknown", Level.ERROR, _DOC + " (Namespace)",
         "il prefisso podcast: è dichiarato con l'indirizzo «{uri}», che non è quello del namespace Podcasting 2.0: "
         "le app non riconoscono nessun tag podcast: del feed",
         "dichiara xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" (esattamente così: https, senza barra finale) "
         "nell'elemento <rss>",
         "",
         "il validatore W3C non controlla il namespace Podcasting 2.0"),
    Rule("podcast-tag-unknown", Level.WARNING, _DOC,
         "<podcast:{tag}> non è un tag del namespace Podcasting 2.0: le app lo ignorano",
         "controlla come è scritto (il tag più simile è <podcast:{near}>; maiuscole e minuscole contano) "
         "o toglilo"),
    Rule("podcast-tag-placement", Level.ERROR, _DOC + " (la voce «Parent» di ogni tag)",
         "<podcast:{tag}> non può stare qui: le app lo cercano solo in {parents}",
         "sposta il tag in {parents}, come dice la sua pagina nella specifica ({page})"),
    Rule("podcast-tag-count", Level.ERROR, _DOC + " (la voce «Count» di ogni tag)",
         "<podcast:{tag}> compare {count} volte qui: la specifica ne ammette uno solo, e non tutte le app "
         "leggono lo stesso",
         "tieni un solo <podcast:{tag}> e togli gli altri"),
    Rule("podcast-attribute-required", Level.ERROR, _DOC + " (la voce «Attributes» di ogni tag)",
         "manca l'attributo {attribute}, obbligatorio in <podcast:{tag}>: senza, le app ignorano il tag",
         "aggiungi l'attributo {attribute}, come descrive la pagina del tag nella specifica ({page})"),
    Rule("podcast-text-empty", Level.ERROR, _DOC + " (la voce «Node Value» di ogni tag)",
         "<podcast:{tag}> è vuoto: il suo testo non può mancare",
         "scrivi il valore dentro il tag, come descrive la pagina del tag nella specifica ({page}), o togli il tag"),
    Rule("podcast-text-length", Level.WARNING, _DOC + " (la voce «Node Value» o «Attributes» di ogni tag)",
         "{what} è lungo {length} caratteri, oltre i {limit} della specifica: le app e gli aggregatori lo tagliano",
         "accorcialo a {limit} caratteri al massimo"),
    Rule("podcast-number", Level.ERROR, _DOC + " (la voce «Node Value» o «Attributes» di ogni tag)",
         "{what} vale «{value}», che non è {kind} scritto in cifre: le app non lo leggono",
         "scrivi {kind} con le cifre 0-9 (senza lettere, spazi o altri simboli: «uno», «1°», «²» non sono numeri)"),
    Rule("podcast-boolean", Level.ERROR, _DOC + " (la voce «Attributes» di ogni tag)",
         "{what} vale «{value}»: i valori ammessi sono true e false",
         "scrivi true oppure false, in minuscolo"),
    Rule("podcast-value-allowed", Level.ERROR, _DOC + " (i valori ammessi di ogni tag)",
         "{what} vale «{value}», che non è tra i valori ammessi: {allowed}",
         "scrivi uno dei valori ammessi, esattamente così (maiuscole e minuscole contano), come dice la "
         "specifica ({page})"),
    Rule("podcast-url", Level.ERROR, _DOC + " (indirizzi degli attributi url, href, img, uri)",
         "l'indirizzo «{value}» (attributo {attribute}) non è completo",
         "scrivi l'indirizzo completo, con https:// e il nome del sito: un'app non ha una pagina da cui completare "
         "un indirizzo relativo",
         "",
         "il validatore W3C non controlla i tag Podcasting 2.0"),
    Rule("podcast-url-https", Level.WARNING, _DOC + " (l'introduzione: «Anywhere the url of a hyper-text based "
         "resource is specified, it must be given as https: and not http:»)",
         "l'indirizzo «{value}» (attributo {attribute}) usa http: Podcasting 2.0 chiede https",
         "usa https: le app sui telefoni spesso rifiutano i contenuti non cifrati",
         "scrivi site_url (e media_base_url, se c'è) con https:// in mkdocs.yml",
         "il validatore W3C non controlla i tag Podcasting 2.0; qui un indirizzo http di questo computer "
         "(localhost, 127.0.0.1: un'anteprima) non è segnalato"),
    Rule("podcast-date-rfc822", Level.ERROR, _page("trailer") + " (pubdate)",
         "{what} vale «{value}», che non è una data RFC 2822",
         "scrivi la data come le altre date del feed, in inglese, per esempio «Thu, 20 Jun 2024 08:00:00 +0200»"),
    Rule("podcast-date-iso8601", Level.ERROR, _page("live-item") + " (start, end); " + _page("update-frequency"),
         "{what} vale «{value}», che non è una data ISO 8601",
         "scrivi data e ora così: «2024-06-20T08:00:00+02:00» (anno-mese-giorno, T, ore:minuti:secondi e fuso)"),
    Rule("podcast-child-required", Level.ERROR, _DOC + " (la voce «Node Value» di ogni tag)",
         "<podcast:{tag}> non contiene {children}: senza, le app non sanno che farne",
         "aggiungi dentro <podcast:{tag}> almeno un {children}, come descrive la specifica ({page})"),
    Rule("podcast-mime-type", Level.ERROR, _DOC + "; RFC 6838, https://www.rfc-editor.org/rfc/rfc6838#section-4.2",
         "{what} vale «{value}», che non è un tipo MIME: le app non sanno se possono riprodurre il file",
         "scrivi il tipo del file come tipo/sottotipo, per esempio audio/mpeg, audio/mp4, video/mp4 o image/jpeg"),
    Rule("podcast-guid-uuid", Level.ERROR, _page("guid"),
         "«{value}» non è un UUID: <podcast:guid> identifica il podcast per sempre, anche se il feed cambia indirizzo",
         "scrivi un UUID versione 5 calcolato dall'indirizzo del feed (senza https://), come spiega la specifica",
         "scrivi podcast.guid in mkdocs.yml: `reset-stories check` dice quale scrivere"),
    Rule("podcast-guid-version", Level.WARNING, _page("guid"),
         "«{value}» è un UUID versione {version}: la specifica chiede la versione 5, calcolata dall'indirizzo del feed, "
         "perché chiunque possa ricalcolarla",
         "se il podcast è già pubblicato con questo guid, tienilo (cambiarlo è peggio); altrimenti usa un UUID "
         "versione 5 calcolato dall'indirizzo del feed",
         "se il podcast è già pubblicato, tieni podcast.guid com'è; altrimenti scrivi quello che indica "
         "`reset-stories check`"),
    Rule("podcast-person-name", Level.ERROR, _page("person"),
         "una persona senza nome: il nome non può essere vuoto",
         "scrivi il nome della persona dentro <podcast:person>, o togli il tag",
         "scrivi il titolo (title) della pagina della persona in content/persone/"),
    Rule("podcast-person-role", Level.WARNING, _page("person") + "; https://github.com/Podcastindex-org/"
         "podcast-namespace/blob/main/taxonomy.json",
         "il ruolo «{value}» non è nella tassonomia di Podcast Index: le app potrebbero non mostrarlo",
         "scrivi uno dei ruoli della tassonomia, in inglese (per esempio host, guest, producer)",
         "scrivi in role uno dei ruoli elencati nella guida (per esempio ospite o host)"),
    Rule("podcast-person-group", Level.WARNING, _page("person") + "; https://github.com/Podcastindex-org/"
         "podcast-namespace/blob/main/taxonomy.json",
         "il gruppo «{value}» non è nella tassonomia di Podcast Index: le app potrebbero non mostrarlo",
         "scrivi uno dei gruppi della tassonomia, in inglese (per esempio cast, writing, audio post-production), "
         "o togli group: il gruppo predefinito è cast"),
    Rule("podcast-location-empty", Level.ERROR, _page("location"),
         "il luogo è vuoto: il suo nome non può mancare",
         "scrivi dentro <podcast:location> il nome del luogo (per esempio «Siena»), o togli il tag",
         "scrivi podcast.location.name in mkdocs.yml (o location nell'episodio)"),
    Rule("podcast-location-country", Level.ERROR, _page("location") + " (revisione 2025: country, ISO 3166-1 alpha-2)",
         "il paese «{value}» non è un codice ISO 3166-1 di due lettere",
         "scrivi il codice di due lettere del paese, per esempio IT per l'Italia, GB per il Regno Unito",
         "scrivi in podcast.location.country (mkdocs.yml) le due lettere del paese, per esempio IT"),
    Rule("podcast-location-geo", Level.ERROR, _page("location") + "; RFC 5870, https://www.rfc-editor.org/rfc/rfc5870",
         "la posizione «{value}» non è un URI geo (latitudine e longitudine)",
         "scrivi latitudine e longitudine con il punto decimale, così: geo:43.3188,11.3308 (latitudine tra -90 e 90, "
         "longitudine tra -180 e 180)",
         "scrivi in podcast.location.geo (mkdocs.yml) per esempio geo:43.3188,11.3308"),
    Rule("podcast-location-osm", Level.ERROR, _page("location"),
         "«{value}» non è un oggetto OpenStreetMap",
         "scrivi il tipo dell'oggetto (N per un nodo, W per una via, R per una relazione) seguito dal suo numero, "
         "per esempio R41950",
         "scrivi in podcast.location.osm (mkdocs.yml) per esempio R41950"),
    Rule("podcast-transcript-type", Level.ERROR, _page("transcript"),
         "manca il tipo della trascrizione: le app non sanno come leggerla",
         "aggiungi l'attributo type con il tipo del file: text/vtt, application/x-subrip, application/json, "
         "text/html o text/plain"),
    Rule("podcast-chapters-type", Level.ERROR, _page("chapters"),
         "manca il tipo del file dei capitoli: le app non sanno come leggerlo",
         "aggiungi type=\"application/json+chapters\""),
    Rule("podcast-type-unknown", Level.WARNING, _page("transcript") + "; " + _page("chapters"),
         "il tipo «{value}» non è tra quelli che le app leggono per {what}",
         "scrivi uno di questi tipi: {allowed}"),
    Rule("podcast-images-deprecated", Level.WARNING, _page("images"),
         "<podcast:images> è superato e le app nuove non lo leggono",
         "usa al suo posto un <podcast:image href=\"…\"> per ogni immagine (con width o aspect-ratio)"),
    Rule("podcast-image-aspect-ratio", Level.ERROR, _page("image") + " (aspect-ratio)",
         "le proporzioni «{value}» non sono scritte come in CSS",
         "scrivi larghezza/altezza con due numeri, per esempio 1/1 o 16/9"),
    Rule("podcast-value-unlisted", Level.WARNING, _DOC + " (socialprotocols.txt, docs/chatprotocols.txt, "
         "serviceslugs.txt, value/valueslugs.txt, value/value.md)",
         "{what} vale «{value}», che non è nell'elenco del namespace: le app potrebbero non riconoscerlo",
         "scrivi, in minuscolo, uno dei valori dell'elenco ({list}); un servizio o un protocollo nuovo può non "
         "esserci ancora: in quel caso proponi di aggiungerlo"),
    Rule("podcast-license-url", Level.WARNING, _page("license") + "; SPDX License List " + spdx.VERSION
         + ", https://spdx.org/licenses/",
         "la licenza «{value}» non è tra quelle note per nome (come CC-BY-4.0) e non ha l'attributo url: "
         "chi ascolta non può leggerne il testo",
         "scrivi l'identificativo SPDX della licenza (per esempio CC-BY-NC-4.0) o, per una licenza propria, "
         "aggiungi url con l'indirizzo del suo testo completo",
         "scrivi in podcast.license (mkdocs.yml) un identificativo come CC-BY-4.0, o identifier e url per una "
         "licenza propria"),
    Rule("podcast-rrule", Level.ERROR, _page("update-frequency") + "; RFC 5545 3.3.10, "
         "https://www.rfc-editor.org/rfc/rfc5545#section-3.3.10",
         "la regola di ripetizione «{value}» non è una RRULE di iCalendar",
         "scrivi le parti NOME=valore separate da punto e virgola, con FREQ per prima cosa: per esempio "
         "FREQ=WEEKLY oppure FREQ=MONTHLY;INTERVAL=2"),
    Rule("podcast-remote-guid", Level.ERROR, _page("remote-item"),
         "feedGuid vale «{value}», che non è un UUID: le app trovano il feed a cui rimanda solo dal suo "
         "<podcast:guid>",
         "scrivi in feedGuid il <podcast:guid> del feed a cui rimandi (un UUID, come "
         "917393e3-1b1e-5cef-ace4-edaa54e1f810)"),
    Rule("podcast-locked-owner", Level.WARNING, _page("locked"),
         "l'attributo owner vale «{value}», che non è un indirizzo e-mail: le piattaforme non possono chiedere "
         "conferma al proprietario",
         "scrivi in owner l'indirizzo e-mail di chi gestisce il podcast, lo stesso di <itunes:owner>",
         "scrivi podcast.owner.email in mkdocs.yml"),
    Rule("podcast-soundbite-duration", Level.WARNING, _page("soundbite") + " (duration: «recommended between 15 and "
         "120 seconds»)",
         "il soundbite dura {duration} secondi: la specifica consiglia tra {low} e {high} secondi, e le app che ne fanno "
         "anteprime o audiogrammi possono scartarlo",
         "scegli un estratto tra {low} e {high} secondi e scrivi la sua durata in secondi in duration",
         "",
         "il validatore W3C non controlla i tag Podcasting 2.0"),
    Rule("podcast-live-end", Level.ERROR, _page("live-item") + " (start, end)",
         "la diretta finisce («{end}») prima del suo inizio («{start}») o nello stesso momento: le app non sanno "
         "quando mostrarla",
         "scrivi in end un momento successivo a start (con il fuso orario, per esempio 2024-06-20T09:00:00+02:00)",
         "",
         "il validatore W3C non controlla i tag Podcasting 2.0"),
    Rule("podcast-alternate-default", Level.WARNING, _page("alternate-enclosure") + " (default)",
         "{count} <podcast:alternateEnclosure> dello stesso episodio hanno default=\"true\": il file predefinito è uno solo "
         "e ogni app sceglie a modo suo",
         "lascia default=\"true\" solo sul file uguale a quello di <enclosure> e togli l'attributo dagli altri",
         "",
         "il validatore W3C non controlla i tag Podcasting 2.0"),
    Rule("podcast-person-role-group", Level.WARNING, _page("person") + "; https://github.com/Podcastindex-org/"
         "podcast-namespace/blob/main/taxonomy.json",
         "il ruolo «{role}» nella tassonomia di Podcast Index appartiene al gruppo «{expected}», non a «{group}»: le app "
         "che raggruppano le persone per gruppo lo mettono nel posto sbagliato o lo ignorano",
         "scrivi group=\"{expected}\", o scegli un ruolo del gruppo «{group}»",
         "",  # the build writes each role's own group (content.vocabulary.PERSON_ROLES)
         "il validatore W3C non controlla i tag Podcasting 2.0"),
    Rule("podcast-transcript-language", Level.ERROR, _page("transcript") + " (language); RSS 2.0, "
         "https://www.rssboard.org/rss-language-codes",
         "la lingua della trascrizione «{value}» non è un codice di lingua: le app non sanno offrirla a chi la cerca",
         "scrivi il codice della lingua come in <language>, per esempio it, en o it-IT, o togli language (vale allora "
         "la lingua del feed)",
         "scrivi podcast.language nelle impostazioni (mkdocs.yml), per esempio «language: it»: le trascrizioni "
         "prendono la lingua del podcast",
         "il validatore W3C non controlla i tag Podcasting 2.0"),
)

# --- the checks ---------------------------------------------------------------------------------


class Checks:
    """The Podcasting 2.0 rules, for one feed."""

    def __init__(self, check: Check) -> None:
        self.check = check
        self.legacy = False  # reported once: the legacy namespace hides every tag the same way

    def channel(self, channel: Indexed) -> None:
        self.namespace(channel.element)
        self.tags(channel, CHANNEL)
        for live in channel.findall("podcast:liveItem"):
            # Not an <item>, so the driver does not walk it: its findings are said to be its own here.
            indexed = Indexed(live)
            self.check.at_item((indexed.findtext("guid") or "").strip() or None)
            self.tags(indexed, LIVE)
        self.check.at_item(None)

    def item(self, item: Indexed, channel: Indexed) -> None:
        self.tags(item, ITEM)

    def end(self, channel: Indexed) -> None:
        pass

    # --- the namespace ---------------------------------------------------------------------------

    def namespace(self, element: etree._Element) -> None:
        """The URI the podcast: prefix stands for, as the channel sees it (declared on it or on <rss>)."""
        uri = element.nsmap.get("podcast")
        if uri is None or uri == PODCAST_NS:
            return
        root = element.getparent()
        if root is not None and root.nsmap.get("podcast") == uri:
            element = root  # the line of <rss>, where it is declared
        if uri in PODCAST_LEGACY_NS:
            self.legacy = True  # its tags are read (see checking.Indexed): said once, not for each
            self.check.report(_legacy_rule(uri), element, "rss@xmlns:podcast", uri=_shown(uri))
        elif "podcastindex" in uri.lower() or "podcast-namespace" in uri.lower():
            self.check.report("podcast-namespace-unknown", element, "rss@xmlns:podcast", uri=_shown(uri))

    # --- every podcast: tag of a parent ----------------------------------------------------------

    def tags(self, parent: Indexed, where: str) -> None:
        for key, elements in parent.children.items():
            if key.startswith(_PODCAST):
                self.elements(key[len(_PODCAST):], elements, where)

    def elements(self, tag: str, elements: list[etree._Element], where: str) -> None:
        """The ``tag`` elements (all of them) of one parent, which the table calls ``where``."""
        if not self.legacy and elements[0].tag != _PODCAST + tag:
            self.legacy = True  # declared on the element itself, not on the channel
            uri = _uri(elements[0].tag)
            self.check.report(_legacy_rule(uri), elements[0], "", uri=_shown(uri))
        spec = TAGS.get(tag)
        if spec is None:
            for element in elements:
                self.check.report("podcast-tag-unknown", element, "", tag=_shown(tag), near=_nearest(tag))
            return
        if where not in spec.parents:
            for element in elements:
                self.check.report("podcast-tag-placement", element, "", tag=tag, parents=_parents(spec),
                                  page=_url(spec))
            return
        if spec.single and len(elements) > 1:
            self.check.report("podcast-tag-count", elements[1], "", tag=tag, count=len(elements))
        for element in elements:
            self.element(tag, spec, element)
        if tag == "alternateEnclosure":
            self.defaults(elements)

    def element(self, tag: str, spec: Tag, element: etree._Element) -> None:
        """One element, by its tag's facts, then by its own rules; then the podcast: elements it holds."""
        self.facts(tag, spec, element)
        own = _OWN.get(tag)
        if own is not None:
            own(self, element)
        if spec.children or tag in _HOLDERS:
            self.held(tag, spec, element)

    def held(self, tag: str, spec: Tag, element: etree._Element) -> None:
        inner: dict[str, list[etree._Element]] = {}
        for child in element:
            if isinstance(child.tag, str):
                inner.setdefault(canonical(child.tag), []).append(child)
        if spec.children and not any(_PODCAST + c in inner for c in spec.children):
            children = " o ".join(f"<podcast:{c}>" for c in spec.children)
            self.check.report("podcast-child-required", element, "", tag=tag, children=children, page=_url(spec))
        if tag == LIVE:
            return  # its children were walked as an item's
        for key, elements in inner.items():
            if key.startswith(_PODCAST):
                self.elements(key[len(_PODCAST):], elements, tag)

    # --- the facts of the table ------------------------------------------------------------------

    def facts(self, tag: str, spec: Tag, element: etree._Element) -> None:
        report = self.check.report
        text = (element.text or "").strip()
        for attribute in spec.required:
            if not (element.get(attribute) or "").strip():
                report("podcast-attribute-required", element, _at(element, attribute), tag=tag,
                       attribute=attribute, page=_url(spec))
        if spec.text and not text:
            report("podcast-text-empty", element, "", tag=tag, page=_url(spec))
        for attribute, limit in spec.limits:
            value = _value(element, attribute)
            if value is not None and len(value) > limit:
                report("podcast-text-length", element, _at(element, attribute), what=_what(tag, attribute),
                       length=len(value), limit=limit)
        for attributes, pattern, kind in ((spec.integers, _INTEGER, "un numero intero"),
                                          (spec.decimals, _DECIMAL, "un numero")):
            for attribute in attributes:
                value = _value(element, attribute)
                if value and not pattern.fullmatch(value.strip()):
                    report("podcast-number", element, _at(element, attribute), what=_what(tag, attribute),
                           value=_shown(value), kind=kind)
        for attribute in spec.booleans:
            value = element.get(attribute)
            if value is not None and value.strip() not in ("true", "false"):
                report("podcast-boolean", element, _at(element, attribute), what=_what(tag, attribute),
                       value=_shown(value))
        for attribute, allowed in spec.choices:
            value = _value(element, attribute)
            if value and value.strip() not in allowed:
                report("podcast-value-allowed", element, _at(element, attribute), what=_what(tag, attribute),
                       value=_shown(value), allowed=", ".join(allowed), page=_url(spec))
        for attribute, listed in spec.listed:
            value = element.get(attribute)
            if value and value.strip().lower() not in listed:
                report("podcast-value-unlisted", element, _at(element, attribute), what=_what(tag, attribute),
                       value=_shown(value), list=_LISTS[listed])
        for attribute in spec.mimes:
            value = element.get(attribute)
            if value and not _MIME.fullmatch(value.strip()):
                report("podcast-mime-type", element, _at(element, attribute), what=_what(tag, attribute),
                       value=_shown(value))
        for attribute in spec.urls:
            self.url(element, attribute)
        for attribute in spec.iso:
            value = element.get(attribute)
            if value is not None and not _iso8601(value.strip()):
                report("podcast-date-iso8601", element, _at(element, attribute), what=_what(tag, attribute),
                       value=_shown(value))

    def url(self, element: etree._Element, attribute: str) -> None:
        value = element.get(attribute)
        if value is None or _PLAIN_HTTPS.match(value) or not value.strip():
            return  # an empty required one is podcast-attribute-required's
        parts = split_url(value.strip())
        if attribute == "uri":  # any scheme: ipfs:, magnet:, at: (the protocols' own)
            complete = bool(parts.scheme) and bool(parts.netloc or parts.path)
        else:
            complete = parts.scheme in ("http", "https") and bool(parts.netloc)
        if not complete:
            self.check.report("podcast-url", element, _at(element, attribute), value=_shown(value), attribute=attribute)
        elif parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
            self.check.report("podcast-url-https", element, _at(element, attribute), value=_shown(value),
                              attribute=attribute)

    # --- rules of one tag ------------------------------------------------------------------------

    def guid(self, element: etree._Element) -> None:
        value = (element.text or "").strip()
        if not value:
            return  # podcast-text-empty
        if not _UUID.fullmatch(value):
            self.check.report("podcast-guid-uuid", element, "", value=_shown(value))
        elif value[14] != "5":
            self.check.report("podcast-guid-version", element, "", value=value, version=value[14])

    def person(self, element: etree._Element) -> None:
        if not (element.text or "").strip():
            self.check.report("podcast-person-name", element, "")
        role = element.get("role")
        if role is not None and role.strip().casefold() not in PERSON_ROLES:
            self.check.report("podcast-person-role", element, _at(element, "role"), value=_shown(role))
        group = element.get("group")
        if group is not None and group.strip().casefold() not in PERSON_GROUPS:
            self.check.report("podcast-person-group", element, _at(element, "group"), value=_shown(group))
        # Only a group written out: without one the spec's default (cast) is meant, and apps that
        # know the role place it anyway.
        elif (group is not None and role is not None and (known := PERSON_ROLES.get(role.strip().casefold())) is not None
              and known.group != group.strip().casefold()):
            self.check.report("podcast-person-role-group", element, _at(element, "group"), role=_shown(role.strip()),
                              group=_shown(group.strip()), expected=known.group)

    def location(self, element: etree._Element) -> None:
        if not (element.text or "").strip():
            self.check.report("podcast-location-empty", element, "")
        country = element.get("country")
        if country is not None and country.strip().upper() not in COUNTRIES:
            self.check.report("podcast-location-country", element, _at(element, "country"), value=_shown(country))
        geo = element.get("geo")
        if geo is not None and not _geo(geo.strip()):
            self.check.report("podcast-location-geo", element, _at(element, "geo"), value=_shown(geo))
        osm = element.get("osm")
        if osm is not None and not _OSM.fullmatch(osm.strip()):
            self.check.report("podcast-location-osm", element, _at(element, "osm"), value=_shown(osm))

    def transcript(self, element: etree._Element) -> None:
        kind = (element.get("type") or "").strip()
        if not kind:
            self.check.report("podcast-transcript-type", element, _at(element, "type"))
        elif kind.lower() not in TRANSCRIPT_TYPES:
            self.check.report("podcast-type-unknown", element, _at(element, "type"), value=_shown(kind),
                              what="una trascrizione", allowed=", ".join(sorted(TRANSCRIPT_TYPES)))
        self.transcript_language(element)

    def transcript_language(self, element: etree._Element) -> None:
        language = element.get("language")
        if language is not None and not is_language(language):
            self.check.report("podcast-transcript-language", element, _at(element, "language"), value=_shown(language))

    def soundbite(self, element: etree._Element) -> None:
        value = (element.get("duration") or "").strip()
        if not _DECIMAL.fullmatch(value):
            return  # podcast-number, or podcast-attribute-required
        low, high = SOUNDBITE_SECONDS
        if not low <= float(value) <= high:
            self.check.report("podcast-soundbite-duration", element, _at(element, "duration"), duration=_shown(value),
                              low=low, high=high)

    def live_item(self, element: etree._Element) -> None:
        start, end = (element.get("start") or "").strip(), (element.get("end") or "").strip()
        begins, ends = _moment(start), _moment(end)
        if begins is not None and ends is not None and ends <= begins:
            self.check.report("podcast-live-end", element, _at(element, "end"), start=_shown(start), end=_shown(end))

    def defaults(self, elements: list[etree._Element]) -> None:
        """At most one of an item's alternate enclosures is the default."""
        marked = [e for e in elements if (e.get("default") or "").strip() == "true"]
        if len(marked) > 1:
            self.check.report("podcast-alternate-default", marked[1], _at(marked[1], "default"), count=len(marked))

    def chapters(self, element: etree._Element) -> None:
        kind = (element.get("type") or "").strip()
        if not kind:
            self.check.report("podcast-chapters-type", element, _at(element, "type"))
        elif kind.lower() != CHAPTERS_TYPE:
            self.check.report("podcast-type-unknown", element, _at(element, "type"), value=_shown(kind),
                              what="un file di capitoli", allowed=CHAPTERS_TYPE)

    def trailer(self, element: etree._Element) -> None:
        value = element.get("pubdate")
        if value is not None and value.strip() and not _rfc822(value):
            self.check.report("podcast-date-rfc822", element, _at(element, "pubdate"),
                              what=_what("trailer", "pubdate"), value=_shown(value))

    def images(self, element: etree._Element) -> None:
        self.check.report("podcast-images-deprecated", element, "")

    def image(self, element: etree._Element) -> None:
        ratio = element.get("aspect-ratio")
        if ratio is not None and not _ASPECT_RATIO.fullmatch(ratio.strip()):
            self.check.report("podcast-image-aspect-ratio", element, _at(element, "aspect-ratio"), value=_shown(ratio))

    def locked(self, element: etree._Element) -> None:
        owner = element.get("owner")
        if owner is not None and not _email(owner.strip()):
            self.check.report("podcast-locked-owner", element, _at(element, "owner"), value=_shown(owner))

    def license(self, element: etree._Element) -> None:
        value = (element.text or "").strip()
        if value and element.get("url") is None and value.lower() not in LICENSES:
            self.check.report("podcast-license-url", element, "", value=_shown(value))

    def update_frequency(self, element: etree._Element) -> None:
        rule = element.get("rrule")
        if rule is None:
            return
        parts = _rrule(rule.strip())
        if parts is None:
            self.check.report("podcast-rrule", element, _at(element, "rrule"), value=_shown(rule))
        elif "COUNT" in parts and element.get("dtstart") is None:
            self.check.report("podcast-attribute-required", element, _at(element, "dtstart"), tag="updateFrequency",
                              attribute="dtstart", page=_url(TAGS["updateFrequency"]))

    def remote_item(self, element: etree._Element) -> None:
        guid = (element.get("feedGuid") or "").strip()
        if guid and not _UUID.fullmatch(guid):
            self.check.report("podcast-remote-guid", element, _at(element, "feedGuid"), value=_shown(guid))

    def social_interact(self, element: etree._Element) -> None:
        if element.get("uri") is None and (element.get("protocol") or "").strip() != "disabled":
            self.check.report("podcast-attribute-required", element, _at(element, "uri"), tag="socialInteract",
                              attribute="uri", page=_url(TAGS["socialInteract"]))


_OWN = {
    "guid": Checks.guid, "person": Checks.person, "location": Checks.location, "transcript": Checks.transcript,
    "chapters": Checks.chapters, "trailer": Checks.trailer, "images": Checks.images, "image": Checks.image,
    "locked": Checks.locked, "socialInteract": Checks.social_interact, "license": Checks.license,
    "updateFrequency": Checks.update_frequency, "remoteItem": Checks.remote_item, "soundbite": Checks.soundbite,
    "liveItem": Checks.live_item,
}
# Tags that hold other podcast: tags, which are checked where they stand.
_HOLDERS = frozenset({"alternateEnclosure", "value", "valueTimeSplit", "podroll", "publisher", LIVE})
_PODCAST = f"{{{PODCAST_NS}}}"


# --- reading values -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _nearest(tag: str) -> str:
    """The namespace's tag most like ``tag`` (a typo's likely meaning)."""
    return (difflib.get_close_matches(tag, TAGS, n=1, cutoff=0) or ["guid"])[0]


def _value(element: etree._Element, attribute: str) -> str | None:
    """An attribute's value, or the node value's (stripped) for :data:`TEXT`; None when absent."""
    if attribute == TEXT:
        return (element.text or "").strip()
    return element.get(attribute)


def _at(element: etree._Element, attribute: str) -> str:
    """Where an attribute's finding is: ``item/podcast:transcript@type`` (the element itself for its text)."""
    return name(element) + (f"@{attribute}" if attribute else "")


def _what(tag: str, attribute: str) -> str:
    """The value a message speaks of, in Italian."""
    return f"il testo di <podcast:{tag}>" if attribute == TEXT else f"l'attributo {attribute} di <podcast:{tag}>"


def _parents(spec: Tag) -> str:
    names = {CHANNEL: "<channel>", ITEM: "<item>", LIVE: "<podcast:liveItem>"}
    shown = [names.get(p, f"<podcast:{p}>") for p in sorted(spec.parents, key=lambda p: _PARENT_ORDER.get(p, 9))]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " o " + shown[-1]


_PARENT_ORDER = {CHANNEL: 0, ITEM: 1, LIVE: 2, "alternateEnclosure": 3, "value": 4, "valueTimeSplit": 5,
                 "podroll": 6, "publisher": 7}


def _url(spec: Tag) -> str:
    return f"{_SPEC}tags/{spec.doc}.md"


def _legacy_rule(uri: str) -> str:
    """The rule a legacy namespace URI breaks: the GitHub one is the spec's own former URI, which
    apps must still read; any other (``http://podcastindex.org/…``) is not the namespace at all."""
    return "podcast-namespace-legacy" if uri == _GITHUB_NS else "podcast-namespace-unknown"


_GITHUB_NS = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"


def _uri(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def _shown(value: str) -> str:
    """A feed's value as a message quotes it: on one line, and not a whole page of it."""
    flat = " ".join(value.split())
    return flat if len(flat) <= _SHOWN else flat[: _SHOWN - 1] + "…"


def _email(value: str) -> bool:
    """An address with one @, a dot in its domain, and no space (string tests: no regex to backtrack)."""
    local, at, domain = value.partition("@")
    return (bool(at and local) and "@" not in domain and "." in domain.strip(".")
            and not any(c.isspace() for c in value))


def _geo(value: str) -> bool:
    match = _GEO.fullmatch(value)
    return match is not None and abs(float(match[1])) <= 90 and abs(float(match[2])) <= 180


def _rrule(value: str) -> dict[str, str] | None:
    """An iCalendar RRULE's parts (RFC 5545 3.3.10), by name; None if it is not one. Values are
    not read further: the namespace's own examples write UNTIL in ISO 8601, not iCalendar's form."""
    parts: dict[str, str] = {}
    for part in value.split(";"):
        key, equals, part_value = part.partition("=")
        if not equals or key not in _RRULE_PARTS or key in parts or not part_value:
            return None
        parts[key] = part_value
    return parts if parts.get("FREQ") in _FREQUENCIES else None


_RRULE_PARTS = frozenset({"FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
                          "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"})
_FREQUENCIES = frozenset({"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})


def _iso8601(value: str) -> bool:
    """An ISO 8601 date (and time) in ASCII digits whose fields are a real date and time."""
    if not _ISO8601.fullmatch(value):
        return False
    try:
        dt.datetime.fromisoformat(_colon_offset(value.replace(",", ".")))
    except ValueError:
        return False
    return True


def _moment(value: str) -> dt.datetime | None:
    """The moment an ISO 8601 date and time names, in UTC (a time without zone read as UTC, so that
    two of them always compare); None when it is not one."""
    if not _iso8601(value):
        return None
    moment = dt.datetime.fromisoformat(_colon_offset(value.replace(",", ".")))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def _colon_offset(value: str) -> str:
    """``…-0600`` as ``…-06:00``: older Pythons read only the latter."""
    if len(value) > 16 and value[-5] in "+-" and value[-4:].isdigit() and "T" in value:
        return value[:-2] + ":" + value[-2:]
    return value


def _rfc822(value: str) -> bool:
    """A date as RSS's own dates are read (``dates.parse_rfc822``, the rss-date rules): every date
    of the feed is judged alike; the obsolete forms RFC 822 still allows are readable."""
    _, problem = dates.parse_rfc822(value)
    return problem is None or problem is dates.DateProblem.OBSOLETE

