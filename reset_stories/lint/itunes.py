"""Apple Podcasts: the iTunes namespace and what Apple requires of a show and its episodes.

The rules are Apple's (its «A Podcaster's Guide to RSS» and its podcast requirements) and, for
the iTunes elements, at least what the W3C Feed Validation Service checks
(``src/feedvalidator/itunes.py``); where a rule differs from W3C's, its ``w3c`` text says why.
What RSS 2.0 itself requires (a title, an enclosure's length and MIME syntax…) is ``rss.py``'s;
the HTML inside descriptions is ``markup.py``'s.

Numbers are read in ASCII digits only: ``²``, ``٣`` (Arabic-Indic) or a full-width three are digits to ``str.isdigit()`` but
no app reads them as numbers.
"""

from __future__ import annotations

import posixpath
import re
from email.utils import getaddresses
from urllib.parse import unquote

from lxml import etree

from reset_stories.content.vocabulary import APPLE_DESCRIPTION_BYTES, find_category
from reset_stories.lint import rss
from reset_stories.lint.checking import ITUNES_NS, Check, Indexed, Level, Rule, name, split_url

_GUIDE = "Apple, «A Podcaster's Guide to RSS», https://help.apple.com/itc/podcasts_connect/#/itcb54353390"
_REQUIREMENTS = "Apple Podcasts, «Podcast requirements», https://podcasters.apple.com/support/823-podcast-requirements"
_CATEGORIES = "Apple Podcasts, «Apple Podcasts categories», https://podcasters.apple.com/support/1691-apple-podcasts-categories"
_W3C = "W3C Feed Validation Service, src/feedvalidator/itunes.py, https://github.com/w3c/feedvalidator"

APPLE_VALUE_LIMIT = 255  # characters: Apple's limit for a tag's value unless another is given
APPLE_SUMMARY_LIMIT = 4000  # characters of itunes:summary (W3C counts characters too)
APPLE_ENCLOSURE_TYPES = frozenset({
    "audio/mpeg", "audio/x-m4a", "audio/mp4", "video/quicktime", "video/mp4", "video/x-m4v", "application/pdf",
})
# Names written for MP3 that are no MIME type: the file is MP3 all the same.
_MP3_MISNAMED = frozenset({
    "audio/mp3", "audio/mpeg3", "audio/x-mp3", "audio/x-mpeg", "audio/x-mpeg-3", "audio/x-mpeg3", "audio/mpg", "x-audio/mp3",
})
# The file extensions Apple lists (and W3C checks): the URL's tells Apple what the file is.
_APPLE_EXTENSIONS = frozenset({".m4a", ".mp3", ".mov", ".mp4", ".m4v", ".pdf", ".epub"})
_ARTWORK_EXTENSIONS = (".jpg", ".jpeg", ".png")
_SPACE = re.compile(r"\s")
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# Seconds, or [hours:]minutes:seconds with minutes and seconds below 60; a fraction of a second
# (Podlove writes 00:29:29.375) is read by Apple and the apps.
_DURATION = re.compile(r"[0-9]+(?::[0-5][0-9](?::[0-5][0-9])?)?(?:\.[0-9]+)?")
_EMAIL = re.compile(r"[A-Za-z0-9_+.'-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z0-9][A-Za-z0-9-]*")
# An episode number written into a title: "Ep. 12", "#12", "Episodio 3", "Puntata 4", "S01E02", "12 - ".
_NUMBERED_TITLE = re.compile(
    r"\s*(?:#\s*[0-9]+|(?:ep|ep\.|episode|episodio|puntata|n\.|no\.|nr\.)\s*[0-9]+|s[0-9]+\s*e[0-9]+|[0-9]{1,3}\s*[-–—:.|)](?=\s))",
    re.IGNORECASE,
)
_EXPLICIT_LEGACY = frozenset({"yes", "no", "clean", "explicit", "true", "false"})
# Elements Apple reads once: a second one is ignored or mis-read (W3C: DuplicateElement).
_SINGLE_CHANNEL = (
    "itunes:author", "itunes:block", "itunes:complete", "itunes:explicit", "itunes:image", "itunes:keywords",
    "itunes:new-feed-url", "itunes:owner", "itunes:subtitle", "itunes:summary", "itunes:title", "itunes:type",
)
_SINGLE_ITEM = (
    "itunes:author", "itunes:block", "itunes:duration", "itunes:episode", "itunes:episodeType", "itunes:explicit",
    "itunes:image", "itunes:keywords", "itunes:season", "itunes:subtitle", "itunes:summary", "itunes:title",
)
# Elements Apple reads in one place only: elsewhere they are ignored (W3C: UndefinedElement).
_ITEM_ONLY = ("itunes:duration", "itunes:episode", "itunes:season", "itunes:episodeType")
_CHANNEL_ONLY = ("itunes:category", "itunes:owner", "itunes:type", "itunes:complete", "itunes:new-feed-url")
_SHORT_TEXTS = ("itunes:title", "itunes:subtitle", "itunes:author", "itunes:keywords")

RULES: tuple[Rule, ...] = (
    Rule(
        "itunes-namespace", Level.ERROR, _GUIDE + " («The namespace definition is case sensitive»)",
        "lo spazio dei nomi iTunes è dichiarato come «{uri}»: Apple ignora ogni tag itunes: che non sia in "
        "http://www.itunes.com/dtds/podcast-1.0.dtd",
        "dichiara xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" sull'elemento <rss>, scritto "
        "esattamente così (minuscole, http, senza / finale)",
        "",
        "più severo del W3C, che avvisa soltanto (ReservedPrefix): Apple non legge nessun tag itunes: e rifiuta il feed",
    ),
    Rule(
        "itunes-duplicate", Level.ERROR, _W3C + " (noduplicates)",
        "<{tag}> compare più di una volta: le app ne leggono una sola, non si sa quale",
        "lascia un solo <{tag}>",
        "",
    ),
    Rule(
        "itunes-misplaced", Level.WARNING, _GUIDE + "; " + _W3C + " (UndefinedElement)",
        "<{tag}> non vale qui: Apple lo legge solo {place}, e qui lo ignora",
        "sposta <{tag}> {place}",
        "",
        "più tollerante del W3C, che dà errore (UndefinedElement): le app ignorano l'elemento e leggono il resto del feed",
    ),
    Rule(
        "itunes-image-missing", Level.ERROR, _GUIDE + " (<itunes:image>, obbligatorio)",
        "manca la copertina (<itunes:image href=\"…\">): Apple non accetta il podcast senza",
        "aggiungi <itunes:image href=\"https://…/copertina.jpg\"/> nel <channel>: un'immagine JPEG o PNG, quadrata, "
        "tra 1400 e 3000 pixel di lato, in RGB",
        "scrivi podcast.artwork in mkdocs.yml",
        "più severo del W3C, che non la richiede: Apple sì",
    ),
    Rule(
        "itunes-image-href", Level.ERROR, _GUIDE + " (<itunes:image href>); " + _W3C + " (image: MissingAttribute href)",
        "<itunes:image> non ha l'attributo href: Apple legge l'indirizzo dell'immagine solo lì",
        "scrivi l'indirizzo nell'attributo href, non in url né come testo: <itunes:image href=\"https://…/copertina.jpg\"/>",
        "",
    ),
    Rule(
        "itunes-image-url", Level.ERROR, _GUIDE + " (<itunes:image>); " + _W3C + " (image: httpURL)",
        "l'indirizzo dell'immagine «{url}» non è un indirizzo http(s) completo",
        "scrivi nell'attributo href l'indirizzo completo dell'immagine (https://…/copertina.jpg)",
        "controlla podcast.artwork in mkdocs.yml o image nella scheda dell'episodio, e site_url",
    ),
    Rule(
        "itunes-image-format", Level.WARNING, _GUIDE + " (<itunes:image>: «appropriate file extensions (.jpg, .png)»)",
        "l'indirizzo dell'immagine «{url}» non finisce con .jpg, .jpeg o .png: Apple vuole un JPEG o un PNG "
        "e lo riconosce dall'estensione",
        "pubblica la copertina come JPEG o PNG (quadrata, 1400–3000 pixel di lato, RGB) con l'estensione giusta; "
        "formato, dimensioni e colori si verificano solo scaricandola (lint --remote)",
        "usa per podcast.artwork o per image un file .jpg o .png",
        "il W3C non controlla l'estensione; qui la parte dopo ? (cover.jpg?v=1) non conta, e .jpeg è ammesso",
    ),
    Rule(
        "itunes-url-not-ascii", Level.ERROR, _REQUIREMENTS,
        "l'indirizzo «{url}» contiene caratteri non ASCII (lettere accentate, spazi…): Apple non lo scarica",
        "codifica i caratteri speciali dell'indirizzo (per esempio «è» come %C3%A8, lo spazio come %20) o rinomina il file",
        "rinomina il file (audio o immagine) senza accenti né spazi",
        "più severo del W3C, che accetta gli IRI",
    ),
    Rule(
        "itunes-category-missing", Level.ERROR, _GUIDE + " (<itunes:category>, obbligatorio)",
        "manca la categoria (<itunes:category text=\"…\">): Apple la richiede",
        "aggiungi nel <channel> una categoria dell'elenco di Apple, per esempio <itunes:category text=\"Arts\"/>",
        "scrivi podcast.category in mkdocs.yml",
        "più severo del W3C, che avvisa soltanto (MissingItunesElement)",
    ),
    Rule(
        "itunes-category-text", Level.ERROR, _W3C + " (MissingAttribute text)",
        "la categoria non ha l'attributo text, o è vuoto",
        "scrivi il nome della categoria nell'attributo text: <itunes:category text=\"Arts\"/>",
        "",
    ),
    Rule(
        "itunes-category-unknown", Level.ERROR, _CATEGORIES + "; " + _W3C + " (InvalidItunesCategory)",
        "«{category}» non è una categoria di Apple Podcasts",
        "scegli una categoria (ed eventualmente una sua sottocategoria, annidata dentro) dall'elenco di Apple, "
        "scritta in inglese come lì",
        "correggi podcast.category in mkdocs.yml: check suggerisce le categorie ammesse",
        "come il W3C; le categorie di prima del 2019 (che il W3C segnala a parte come obsolete) sono qui sconosciute",
    ),
    Rule(
        "itunes-category-spelling", Level.ERROR, _CATEGORIES,
        "la categoria «{category}» non è scritta come nell'elenco di Apple («{apple}»)",
        "scrivi la categoria esattamente come Apple: «{apple}» (maiuscole, spazi e & contano)",
        "",
        "come il W3C, che confronta il testo esatto",
    ),
    Rule(
        "itunes-category-ignored", Level.WARNING, _GUIDE + " (<itunes:category>: «Apple Podcasts only recognizes the first category and subcategory»)",
        "Apple legge solo la prima categoria e la prima sottocategoria: «{category}» è ignorata",
        "metti per prima la categoria che conta; le altre restano per le app che le leggono",
        "",
        "il W3C non lo segnala",
    ),
    Rule(
        "itunes-explicit-missing", Level.ERROR, _GUIDE + " (<itunes:explicit>, obbligatorio)",
        "manca <itunes:explicit>: Apple lo richiede",
        "aggiungi nel <channel> <itunes:explicit>false</itunes:explicit> (o true se il podcast ha contenuti espliciti)",
        "scrivi podcast.explicit: false (o true) in mkdocs.yml",
        "più severo del W3C, che avvisa soltanto (MissingItunesElement)",
    ),
    Rule(
        "itunes-explicit-legacy", Level.WARNING, _GUIDE + " (<itunes:explicit>: true o false)",
        "«{value}» è un valore di <itunes:explicit> delle vecchie specifiche: oggi Apple indica true o false",
        "scrivi true (contenuti espliciti) o false (nessun contenuto esplicito), in minuscolo",
        "",
        "più tollerante del W3C, che dà errore per yes, no e clean: le app li leggono ancora "
        "(yes ed explicit come true, no e clean come false), quindi qui è un avviso",
    ),
    Rule(
        "itunes-explicit-invalid", Level.ERROR, _GUIDE + " (<itunes:explicit>: true o false); " + _W3C + " (InvalidTrueFalse)",
        "«{value}» non è un valore di <itunes:explicit>: Apple accetta true o false",
        "scrivi true (contenuti espliciti) o false (nessun contenuto esplicito)",
        "scrivi explicit: true o false (in mkdocs.yml per il podcast, nella scheda per l'episodio)",
        "più tollerante del W3C sugli spazi intorno al valore (« true »), che le app tolgono",
    ),
    Rule(
        "itunes-language-missing", Level.ERROR, _GUIDE + " (<language>, obbligatorio)",
        "manca <language>: Apple lo richiede per sapere in che paesi e per chi proporre il podcast",
        "aggiungi nel <channel> la lingua come codice ISO 639, per esempio <language>it</language>",
        "scrivi podcast.language in mkdocs.yml (per esempio it)",
        "più severo del W3C, che avvisa soltanto (MissingItunesElement) e si accontenta di xml:lang",
    ),
    Rule(
        "itunes-author-missing", Level.WARNING, _GUIDE + " (<itunes:author>, raccomandato)",
        "manca <itunes:author>: Apple lo raccomanda e lo mostra sotto il titolo del podcast",
        "aggiungi nel <channel> <itunes:author> con il nome di chi firma il podcast",
        "scrivi podcast.author in mkdocs.yml",
        "il W3C non lo segnala",
    ),
    Rule(
        "itunes-owner-email-missing", Level.WARNING, _REQUIREMENTS + "; " + _W3C + " (MissingItunesEmail)",
        "manca l'e-mail del proprietario (<itunes:owner><itunes:email>): Apple, Spotify e le altre piattaforme "
        "scrivono lì per verificare chi gestisce il podcast",
        "aggiungi nel <channel> <itunes:owner> con <itunes:name> e <itunes:email>",
        "scrivi podcast.owner.email (e podcast.owner.name) in mkdocs.yml",
    ),
    Rule(
        "itunes-owner-email-invalid", Level.ERROR, _W3C + " (owner: email, InvalidContact)",
        "«{value}» non è un indirizzo e-mail",
        "scrivi in <itunes:email> un solo indirizzo, come nome@esempio.it",
        "correggi podcast.owner.email in mkdocs.yml",
        "come il W3C, senza però chiedere al DNS se il dominio esiste",
    ),
    Rule(
        "itunes-owner-name-missing", Level.WARNING, _GUIDE + " (<itunes:owner>)",
        "il proprietario (<itunes:owner>) non ha <itunes:name>",
        "aggiungi dentro <itunes:owner> il nome di chi gestisce il podcast: <itunes:name>…</itunes:name>",
        "scrivi podcast.owner.name in mkdocs.yml",
        "il W3C non lo segnala",
    ),
    Rule(
        "itunes-type-invalid", Level.ERROR, _GUIDE + " (<itunes:type>); " + _W3C + " (InvalidItunesChannelType)",
        "«{value}» non è un tipo di podcast: Apple accetta episodic o serial",
        "scrivi <itunes:type>episodic</itunes:type> (dal più recente) o serial (da ascoltare in ordine)",
        "scrivi podcast.type: episodic oppure serial in mkdocs.yml",
    ),
    Rule(
        "itunes-complete-value", Level.WARNING, _GUIDE + " (<itunes:complete>: «any value other than Yes has no effect»)",
        "«{value}» in <itunes:complete> non ha effetto: Apple riconosce solo Yes",
        "scrivi Yes se non usciranno altri episodi; altrimenti togli l'elemento",
        "",
        "il W3C non controlla <itunes:complete>",
    ),
    Rule(
        "itunes-block-value", Level.WARNING, _GUIDE + " (<itunes:block>: «any value other than Yes has no effect»)",
        "«{value}» in <itunes:block> non ha effetto: Apple riconosce solo Yes (e No per non bloccare)",
        "scrivi Yes per nascondere il podcast o l'episodio da Apple Podcasts; altrimenti togli l'elemento",
        "",
        "più tollerante del W3C, che dà errore per ogni valore diverso da yes, no o clean; qui è un avviso "
        "perché il valore non blocca nulla, e un errore sarebbe credere il contrario",
    ),
    Rule(
        "itunes-new-feed-url", Level.ERROR, _GUIDE + " (<itunes:new-feed-url>); " + _W3C + " (rfc2396_full)",
        "«{value}» non è un indirizzo http(s) completo: Apple non sa dove si è spostato il feed",
        "scrivi in <itunes:new-feed-url> l'indirizzo completo del nuovo feed (https://…/feed.xml)",
        "correggi podcast.new_feed_url in mkdocs.yml",
    ),
    Rule(
        "itunes-text-too-long", Level.ERROR, _GUIDE + " («Tag values are limited to 255 characters»); " + _W3C + " (TooLong)",
        "è lungo {length} caratteri, oltre i {limit} che Apple legge: il resto è tagliato",
        "accorcia il testo a {limit} caratteri al massimo",
        "accorcia il testo da cui viene: podcast.title, podcast.author o podcast.owner.name in mkdocs.yml, "
        "title nella scheda dell'episodio",
        "il W3C controlla la lunghezza dei tag itunes:; qui anche quella di <title>, che Apple limita allo stesso modo",
    ),
    Rule(
        "itunes-description-too-long", Level.ERROR, _GUIDE + " (<description>: «up to 4000 bytes»)",
        "la descrizione è lunga {length} byte, oltre i {limit} che Apple legge: il resto è tagliato",
        "accorcia la descrizione a {limit} byte (in UTF-8 una lettera accentata ne occupa due); "
        "il testo lungo può stare in content:encoded",
        "accorcia podcast.description in mkdocs.yml o summary nella scheda dell'episodio",
        "il W3C non controlla la lunghezza di <description>",
    ),
    Rule(
        "itunes-keywords-deprecated", Level.WARNING,
        "Apple, aggiornamento delle specifiche 2017 (WWDC), https://itunespartner.apple.com/en/podcasts/news/41700009",
        "Apple non legge più <itunes:keywords>: le parole chiave non servono alla ricerca",
        "togli <itunes:keywords>; scrivi ciò che conta nel titolo e nella descrizione",
        "",
        "il W3C lo accetta (e controlla solo che le parole siano separate da virgole)",
    ),
    Rule(
        "itunes-enclosure-missing", Level.ERROR, _GUIDE + " (<enclosure>, obbligatorio)",
        "l'episodio non ha <enclosure>: senza file audio Apple non lo mostra",
        "aggiungi <enclosure url=\"https://…/episodio.mp3\" length=\"byte\" type=\"audio/mpeg\"/>",
        "scrivi audio nella scheda dell'episodio",
        "più severo del W3C: per RSS 2.0 l'enclosure è facoltativo, per Apple no",
    ),
    Rule(
        # The old linter required it (an error); RSS 2.0 makes it optional and Apple lists it among
        # the recommended episode tags: a warning, since apps still list the episode.
        "itunes-pubdate-missing", Level.WARNING, _GUIDE + " (<pubDate>, tra i tag consigliati dell'episodio)",
        "l'episodio non ha <pubDate>: le app non sanno quando è uscito e possono metterlo nell'ordine sbagliato o "
        "mostrarlo come nuovo",
        "aggiungi <pubDate> con la data di pubblicazione, per esempio «Thu, 20 Jun 2024 08:00:00 +0200»",
        "",
        "il W3C non lo chiede, come RSS 2.0; Apple lo raccomanda",
    ),
    Rule(
        "itunes-enclosure-mp3-type", Level.WARNING, _GUIDE + " (<enclosure> type); RFC 3003, https://www.rfc-editor.org/rfc/rfc3003",
        "«{value}» non è un tipo MIME: il tipo di un file MP3 è audio/mpeg",
        "scrivi type=\"audio/mpeg\": il file è già MP3, non va esportato di nuovo",
        "",
        "il W3C lo accetta, perché ha la forma di un tipo MIME",
    ),
    Rule(
        "itunes-enclosure-type", Level.WARNING, _GUIDE + " (<enclosure> type: audio/x-m4a, audio/mpeg, video/quicktime, video/mp4, video/x-m4v, application/pdf)",
        "il tipo «{value}» non è tra quelli che Apple Podcasts riproduce: l'episodio non compare su Apple",
        "pubblica l'episodio in MP3 (audio/mpeg) o M4A (audio/x-m4a) se vuoi che sia su Apple Podcasts",
        "esporta l'episodio in MP3 o M4A e scrivi quel file in audio nella scheda dell'episodio",
        "il W3C controlla solo l'estensione (avviso UnsupportedItunesFormat); qui anche il tipo",
    ),
    Rule(
        "itunes-enclosure-extension", Level.WARNING, _GUIDE + " (<enclosure> URL: «The file extension … determines whether or not content appears»); " + _W3C + " (UnsupportedItunesFormat)",
        "l'indirizzo «{url}» non finisce con un'estensione che Apple riconosce (.mp3, .m4a, .mp4, .m4v, .mov, .pdf)",
        "pubblica il file con la sua estensione (episodio.mp3) in fondo al percorso dell'indirizzo",
        "",
        "come il W3C, ma qui la parte dopo ? (…/episodio.mp3?dest-id=1) non conta",
    ),
    Rule(
        "itunes-enclosure-https", Level.WARNING, _REQUIREMENTS,
        "l'indirizzo dell'audio «{url}» usa http: Apple e le app raccomandano https",
        "servi il file da https:// (quasi tutti gli hosting lo offrono) e scrivi quell'indirizzo",
        "scrivi site_url (o media_base_url) con https:// in mkdocs.yml",
        "il W3C non lo segnala",
    ),
    Rule(
        "itunes-duration-invalid", Level.ERROR, _GUIDE + " (<itunes:duration>); " + _W3C + " (duration, InvalidDuration)",
        "«{value}» non è una durata: Apple vuole i secondi (1830) o ore:minuti:secondi (00:30:30), con minuti e secondi sotto 60",
        "scrivi la durata in secondi interi, con cifre 0–9 (per esempio 1830)",
        "",
        "come il W3C, con due differenze: le cifre devono essere ASCII (0–9), e una frazione di secondo "
        "(00:29:29.375, come scrive Podlove) è ammessa, perché Apple e le app la leggono",
    ),
    Rule(
        "itunes-episode-invalid", Level.ERROR, _GUIDE + " (<itunes:episode>: «a non-zero integer»); " + _W3C + " (positiveInteger)",
        "«{value}» non è un numero di episodio: Apple vuole un intero positivo (1, 2, 3…)",
        "scrivi in <itunes:episode> solo il numero, con cifre 0–9",
        "scrivi number nella scheda dell'episodio (un intero, per esempio 4)",
        "come il W3C; in più le cifre devono essere ASCII (0–9): «٣» o le cifre a larghezza piena non sono numeri per le app",
    ),
    Rule(
        "itunes-season-invalid", Level.ERROR, _GUIDE + " (<itunes:season>: «a non-zero integer»); " + _W3C + " (positiveInteger)",
        "«{value}» non è un numero di stagione: Apple vuole un intero positivo (1, 2, 3…)",
        "scrivi in <itunes:season> solo il numero, con cifre 0–9",
        "scrivi season nella scheda dell'episodio (un intero, per esempio 1)",
        "come il W3C; in più le cifre devono essere ASCII (0–9)",
    ),
    Rule(
        "itunes-episode-type-invalid", Level.ERROR, _GUIDE + " (<itunes:episodeType>); " + _W3C + " (InvalidItunesEpisodeType)",
        "«{value}» non è un tipo di episodio: Apple accetta full, trailer o bonus",
        "scrivi <itunes:episodeType>full</itunes:episodeType> (o trailer, o bonus), in minuscolo",
        "scrivi type: full, trailer o bonus nella scheda dell'episodio",
    ),
    Rule(
        "itunes-serial-episode-missing", Level.ERROR, _GUIDE + " (<itunes:type> serial: «<itunes:episode> numbers must be given for each episode»)",
        "il podcast è serial ma l'episodio non ha <itunes:episode>: Apple non sa in che ordine metterlo",
        "aggiungi <itunes:episode> con il numero dell'episodio (i trailer e i bonus possono non averlo)",
        "scrivi number nella scheda dell'episodio",
        "il W3C non lo controlla",
    ),
    Rule(
        "itunes-title-show-name", Level.WARNING, _GUIDE + " (<title> dell'episodio: «don't repeat the title of your show»)",
        "il titolo dell'episodio ripete il nome del podcast («{show}»): Apple chiede di non farlo",
        "togli il nome del podcast dal titolo dell'episodio: Apple lo mostra già accanto",
        "togli il nome del podcast da title nella scheda dell'episodio",
        "il W3C non lo controlla",
    ),
    Rule(
        "itunes-title-number", Level.WARNING, _GUIDE + " (<title> dell'episodio: «Don't specify the episode number or season number in this tag»)",
        "il titolo dell'episodio comincia con il suo numero (come «Episodio 12:», «Ep. 12 -», «#12», «S1E12»): Apple chiede "
        "di scriverlo in <itunes:episode>",
        "togli il numero dal titolo e scrivilo in <itunes:episode> (e la stagione in <itunes:season>)",
        "togli il numero da title e scrivilo in number (e la stagione in season) nella scheda dell'episodio",
        "il W3C non lo controlla",
    ),
)


class Checks:
    def __init__(self, check: Check) -> None:
        self.check = check
        self.serial = False
        # The show's title as a whole word or phrase in an episode's title (None: too short to tell).
        self.show: re.Pattern[str] | None = None
        self.show_title = ""

    # --- channel -----------------------------------------------------------------------------

    def channel(self, channel: Indexed) -> None:
        misdeclared = self.namespace(channel)
        self.duplicates(channel, _SINGLE_CHANNEL)
        title = channel.find("title")
        if title is not None:
            self.title(title)
        self.description(channel.find("description"))
        self.misplaced(channel, _ITEM_ONLY, "negli episodi (<item>)")
        if channel.find("language") is None:
            self.check.report("itunes-language-missing", channel, "channel/language")
        if not misdeclared:  # the tags are there, in a namespace Apple does not read: reported once
            self.required(channel)
        self.explicit(channel.find("itunes:explicit"))
        image = channel.find("itunes:image")
        if image is not None:
            self.image(image)
        self.categories(channel)
        self.owner(channel, misdeclared)
        self.texts(channel)
        kind = channel.findtext("itunes:type")
        if kind is not None and kind.strip() not in ("episodic", "serial"):
            self.check.report("itunes-type-invalid", channel.find("itunes:type"), value=kind)
        self.serial = (kind or "").strip() == "serial"
        self.yes_only(channel, "itunes:complete", "itunes-complete-value")
        self.yes_only(channel, "itunes:block", "itunes-block-value")
        self.new_feed_url(channel.find("itunes:new-feed-url"))
        self.show_name((channel.findtext("title") or "").strip())

    def namespace(self, channel: Indexed) -> bool:
        """Reports an iTunes namespace Apple does not read; True when the feed's itunes: tags
        are in such a namespace (then the required tags are not reported missing too)."""
        declared = channel.element.nsmap.get("itunes")
        if declared is not None and declared != ITUNES_NS:
            self.check.report("itunes-namespace", channel.element.getparent(), "rss@xmlns:itunes", uri=declared)
            return True
        for tag in channel.children:
            uri = tag[1:].partition("}")[0] if tag.startswith("{") else ""
            if uri != ITUNES_NS and _near_itunes(uri):
                self.check.report("itunes-namespace", channel.children[tag][0], uri=uri)
                return True
        return False

    def required(self, channel: Indexed) -> None:
        image = channel.find("itunes:image")
        if image is None:
            self.check.report("itunes-image-missing", channel, "channel/itunes:image")
        if channel.find("itunes:category") is None:
            self.check.report("itunes-category-missing", channel, "channel/itunes:category")
        if channel.find("itunes:explicit") is None:
            self.check.report("itunes-explicit-missing", channel, "channel/itunes:explicit")
        if not (channel.findtext("itunes:author") or "").strip():
            self.check.report("itunes-author-missing", channel, "channel/itunes:author")

    def categories(self, channel: Indexed) -> None:
        for index, category in enumerate(channel.findall("itunes:category")):
            text = category.get("text")
            if not (text or "").strip():
                self.check.report("itunes-category-text", category, name(category) + "@text")
                continue
            assert text is not None
            if index > 0:
                self.check.report("itunes-category-ignored", category, category=text)
            subs = [c for c in category if c.tag == f"{{{ITUNES_NS}}}category"]
            self.category(category, text, None)
            for position, sub in enumerate(subs):
                sub_text = sub.get("text")
                if not (sub_text or "").strip():
                    self.check.report("itunes-category-text", sub, name(sub) + "@text")
                    continue
                assert sub_text is not None
                self.category(sub, text, sub_text)
                if position > 0 and index == 0:
                    self.check.report("itunes-category-ignored", sub, category=f"{text} > {sub_text}")

    def category(self, element: etree._Element, text: str, sub: str | None) -> None:
        written = f"{text} > {sub}" if sub is not None else text
        found = find_category(written) if ">" not in text and (sub is None or ">" not in sub) else None
        if found is None:
            # A subcategory under an unknown category is not reported again.
            if sub is None or find_category(text) is not None:
                self.check.report("itunes-category-unknown", element, name(element) + "@text", category=written)
        elif found != (text, sub) and (sub is None or found[0] == text):
            apple = f"{found[0]} > {found[1]}" if found[1] else found[0]
            self.check.report("itunes-category-spelling", element, name(element) + "@text", category=written, apple=apple)

    def owner(self, channel: Indexed, misdeclared: bool) -> None:
        owner = channel.find("itunes:owner")
        if owner is None:
            if not misdeclared:
                self.check.report("itunes-owner-email-missing", channel, "channel/itunes:owner")
            return
        children = Indexed(owner)
        self.duplicates(children, ("itunes:email", "itunes:name"))
        email = children.find("itunes:email")
        if email is None or not (email.text or "").strip():
            self.check.report("itunes-owner-email-missing", owner, "channel/itunes:owner/itunes:email")
        elif not _email(email.text or ""):
            self.check.report("itunes-owner-email-invalid", email, value=_shown(email.text or ""))
        owner_name = children.find("itunes:name")
        if owner_name is None or not (owner_name.text or "").strip():
            self.check.report("itunes-owner-name-missing", owner, "channel/itunes:owner/itunes:name")
        else:
            self.too_long(owner_name, APPLE_VALUE_LIMIT)

    def new_feed_url(self, element: etree._Element | None) -> None:
        if element is None:
            return
        url = (element.text or "").strip()
        if not _absolute(url):
            self.check.report("itunes-new-feed-url", element, value=_shown(url))
        elif not _plain_url(url):
            self.check.report("itunes-url-not-ascii", element, url=_shown(url))

    def show_name(self, title: str) -> None:
        """Remembers the show's title, for the episodes' titles (see :meth:`episode_title`)."""
        self.show_title = title
        # A title of a word or two letters matches too much to be advice.
        self.show = re.compile(rf"(?<!\w){re.escape(title)}(?!\w)", re.IGNORECASE) if len(title) >= 4 else None

    # --- items -------------------------------------------------------------------------------

    def item(self, item: Indexed, channel: Indexed) -> None:
        self.duplicates(item, _SINGLE_ITEM)
        self.misplaced(item, _CHANNEL_ONLY, "nel <channel>")
        title = item.find("title")
        if title is not None:
            self.title(title)
        self.episode_title(item.find("itunes:title") if item.find("itunes:title") is not None else title)
        self.description(item.find("description"))
        self.enclosure(item)
        if item.find("pubDate") is None:
            self.check.report("itunes-pubdate-missing", item, "item/pubDate")
        self.explicit(item.find("itunes:explicit"))
        image = item.find("itunes:image")
        if image is not None:
            self.image(image)
        self.texts(item)
        self.yes_only(item, "itunes:block", "itunes-block-value")
        duration = item.find("itunes:duration")
        if duration is not None and not _DURATION.fullmatch((duration.text or "").strip()):
            self.check.report("itunes-duration-invalid", duration, value=_shown(duration.text or ""))
        for tag, rule in (("itunes:episode", "itunes-episode-invalid"), ("itunes:season", "itunes-season-invalid")):
            element = item.find(tag)
            if element is not None and not _positive(element.text or ""):
                self.check.report(rule, element, value=_shown(element.text or ""))
        kind = item.find("itunes:episodeType")
        if kind is not None and (kind.text or "").strip() not in ("full", "trailer", "bonus"):
            self.check.report("itunes-episode-type-invalid", kind, value=_shown(kind.text or ""))
        if self.serial and item.find("itunes:episode") is None and (item.findtext("itunes:episodeType") or "").strip() not in ("trailer", "bonus"):
            self.check.report("itunes-serial-episode-missing", item, "item/itunes:episode")

    def enclosure(self, item: Indexed) -> None:
        enclosure = item.find("enclosure")
        if enclosure is None:
            self.check.report("itunes-enclosure-missing", item, "item/enclosure")
            return
        kind = (enclosure.get("type") or "").strip()
        bare = kind.partition(";")[0].strip().lower()
        unsupported = bool(bare) and bare not in APPLE_ENCLOSURE_TYPES and bare not in _MP3_MISNAMED
        if not rss.is_mime(kind):
            pass  # not a MIME type at all: rss-enclosure-type says so, once
        elif bare in _MP3_MISNAMED:
            self.check.report("itunes-enclosure-mp3-type", enclosure, "item/enclosure@type", value=_shown(kind))
        elif unsupported:
            self.check.report("itunes-enclosure-type", enclosure, "item/enclosure@type", value=_shown(kind))
        url = (enclosure.get("url") or "").strip()
        if not _absolute(url):
            return  # rss.py reports a URL that is not one
        if not _plain_url(url):
            self.check.report("itunes-url-not-ascii", enclosure, "item/enclosure@url", url=_shown(url))
        parts = split_url(url)
        if parts.scheme == "http" and parts.hostname not in _LOCAL_HOSTS:
            self.check.report("itunes-enclosure-https", enclosure, "item/enclosure@url", url=_shown(url))
        if not unsupported and _extension(parts.path) not in _APPLE_EXTENSIONS:  # one cause, reported once
            self.check.report("itunes-enclosure-extension", enclosure, "item/enclosure@url", url=_shown(url))

    def episode_title(self, title: etree._Element | None) -> None:
        text = (title.text or "").strip() if title is not None else ""
        if not text:
            return
        if self.show is not None and text.casefold() != self.show_title.casefold() and self.show.search(text):
            self.check.report("itunes-title-show-name", title, show=_shown(self.show_title))
        numbered = _NUMBERED_TITLE.match(text)
        if numbered:
            # No value in the message: the same habit in every title is one line of the report
            # (with the lines of the others), not one line per episode; the line says which title.
            self.check.report("itunes-title-number", title)

    def end(self, channel: Indexed) -> None:
        pass

    # --- shared ------------------------------------------------------------------------------

    def duplicates(self, parent: Indexed, tags: tuple[str, ...]) -> None:
        for tag in tags:
            found = parent.findall(tag)
            if len(found) > 1:
                self.check.report("itunes-duplicate", found[1], tag=tag)

    def misplaced(self, parent: Indexed, tags: tuple[str, ...], place: str) -> None:
        for tag in tags:
            element = parent.find(tag)
            if element is not None:
                self.check.report("itunes-misplaced", element, tag=tag, place=place)

    def title(self, title: etree._Element) -> None:
        # An empty title is rss-channel-title's or rss-item-title's (Apple's requirement is cited there).
        self.too_long(title, APPLE_VALUE_LIMIT)

    def description(self, description: etree._Element | None) -> None:
        if description is None or not description.text:
            return
        size = len(description.text.encode("utf-8", "surrogatepass"))
        if size > APPLE_DESCRIPTION_BYTES:
            self.check.report("itunes-description-too-long", description, length=size, limit=APPLE_DESCRIPTION_BYTES)

    def texts(self, parent: Indexed) -> None:
        """Apple's limits on its own text elements; keywords, which Apple no longer reads."""
        for tag in _SHORT_TEXTS:
            element = parent.find(tag)
            if element is not None:
                self.too_long(element, APPLE_VALUE_LIMIT)
        summary = parent.find("itunes:summary")
        if summary is not None:
            self.too_long(summary, APPLE_SUMMARY_LIMIT)
        keywords = parent.find("itunes:keywords")
        if keywords is not None:
            self.check.report("itunes-keywords-deprecated", keywords)

    def too_long(self, element: etree._Element, limit: int) -> None:
        length = len((element.text or "").strip())
        if length > limit:
            self.check.report("itunes-text-too-long", element, length=length, limit=limit)

    def explicit(self, element: etree._Element | None) -> None:
        if element is None:
            return
        value = (element.text or "").strip()
        if value in ("true", "false"):
            return
        rule = "itunes-explicit-legacy" if value.lower() in _EXPLICIT_LEGACY else "itunes-explicit-invalid"
        self.check.report(rule, element, value=_shown(value))

    def image(self, image: etree._Element) -> None:
        url = (image.get("href") or "").strip()
        where = name(image) + "@href"
        if not url:
            self.check.report("itunes-image-href", image, where)
            return
        if not _absolute(url):
            self.check.report("itunes-image-url", image, where, url=_shown(url))
            return
        if not _plain_url(url):
            self.check.report("itunes-url-not-ascii", image, where, url=_shown(url))
        if not _extension(split_url(url).path).endswith(_ARTWORK_EXTENSIONS):
            self.check.report("itunes-image-format", image, where, url=_shown(url))

    def yes_only(self, parent: Indexed, tag: str, rule: str) -> None:
        """``tag`` (itunes:block, itunes:complete) is Yes or has no effect; No is what leaving
        it out means, so it is no mistake."""
        element = parent.find(tag)
        if element is not None and (element.text or "").strip().lower() not in ("yes", "no"):
            self.check.report(rule, element, value=_shown(element.text or ""))


def _near_itunes(uri: str) -> bool:
    """``uri`` was meant as the iTunes namespace (another case, https, a final slash…)."""
    return "itunes.com/dtds/podcast" in uri.lower()


def _plain_url(url: str) -> bool:
    """``url`` is written in ASCII without spaces, as Apple downloads it (an IRI is not)."""
    return url.isascii() and not _SPACE.search(url)


def _email(value: str) -> bool:
    """``value`` is one e-mail address (``Name <address>`` read as its address, as W3C does)."""
    value = value.strip()
    if _EMAIL.fullmatch(value):
        return True
    try:
        addresses = getaddresses([value])
    except (ValueError, TypeError, IndexError):
        return False
    return len(addresses) == 1 and bool(_EMAIL.fullmatch(addresses[0][1]))


def _positive(value: str) -> bool:
    """``value`` is a positive integer in ASCII digits (however many: no int() of a huge one)."""
    value = value.strip()
    return value.isascii() and value.isdigit() and value.strip("0") != ""


def _extension(path: str) -> str:
    """The extension (lower case, with its dot) of a URL path's last segment, percent-decoding
    it: hosts such as Anchor put the file's own URL, encoded, at the end of theirs."""
    last = unquote(path).rstrip("/").rpartition("/")[2]
    return posixpath.splitext(last)[1].lower()


def _absolute(url: str) -> bool:
    parts = split_url(url)
    try:
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host)


def _shown(value: str, limit: int = 120) -> str:
    """A value of the feed as a message shows it: trimmed, and cut when long."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"
