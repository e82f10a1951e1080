"""RSS 2.0, as the W3C Feed Validation Service checks it: the document, the channel and its
elements, every item, and what no two items may share.

Each rule says where it is stricter or looser than W3C (``Rule.w3c``). Elements in other
namespaces are other modules' (``itunes.py``, ``podcasting.py``, ``markup.py``), except
``atom:link rel="self"``, which RSS feeds use to say where they live. Dates are read by
:mod:`reset_stories.lint.dates`.
"""

from __future__ import annotations

import functools
import html.entities
import re
from datetime import UTC, datetime
from urllib.parse import quote

from lxml import etree

from reset_stories.lint import dates
from reset_stories.lint.checking import Check, Indexed, Level, Rule, name

_RSS = "RSS 2.0, https://www.rssboard.org/rss-specification"
_W3C = "W3C Feed Validation Service, https://validator.w3.org/feed/docs/"
_DATE_SOURCE = (_RSS + "#optionalChannelElements (date-time: RFC 822, https://www.rfc-editor.org/rfc/rfc822#section-5;"
                " RFC 2822, https://www.rfc-editor.org/rfc/rfc2822#section-3.3)")
_DATE_EXAMPLE = "«Thu, 20 Jun 2024 08:00:00 +0200»"

RULES: tuple[Rule, ...] = (
    # --- the document --------------------------------------------------------------------------
    Rule("rss-xml-well-formed", Level.ERROR, "XML 1.0, https://www.w3.org/TR/xml/#sec-well-formed",
         "il feed non è XML ben formato: {detail}",
         "correggi l'XML in quel punto: ogni app smette di leggere il feed al primo errore"),
    Rule("rss-root", Level.ERROR, _RSS + "#whatIsRss",
         "non è un feed RSS: il documento non è <rss> con un <channel>",
         "un podcast è un documento <rss version=\"2.0\"><channel>…</channel></rss>"),
    Rule("rss-version", Level.ERROR, _RSS + "#whatIsRss; " + _W3C + "error/MissingAttribute.html",
         "<rss> non dichiara version=\"2.0\"",
         "scrivi <rss version=\"2.0\">: è la versione di RSS che ha <enclosure> e <guid>",
         w3c="W3C accetta anche le versioni 0.91 e 0.92; un podcast usa elementi di RSS 2.0, quindi qui "
             "solo «2.0» è corretto"),
    Rule("rss-channel-count", Level.ERROR, _RSS + "#requiredChannelElements; " + _W3C + "error/DuplicateElement.html",
         "<rss> contiene più di un <channel>",
         "un feed ha un solo <channel>: le app leggono il primo e ignorano gli altri; unisci gli episodi in uno"),
    Rule("rss-misspelled-element", Level.ERROR, _RSS + "; " + _W3C + "error/UndefinedElement.html",
         "<{value}> è scritto con maiuscole e minuscole sbagliate: RSS 2.0 lo chiama <{expected}>",
         "scrivi <{expected}>: i nomi degli elementi distinguono maiuscole e minuscole, e le app non leggono "
         "quello scritto diversamente (un episodio senza <pubDate> resta senza data)"),
    Rule("rss-unknown-element", Level.WARNING, _RSS + "; " + _W3C + "error/UndefinedElement.html",
         "<{value}> non è un elemento di RSS 2.0 in questo punto",
         "controlla il nome o togli l'elemento; un elemento di un'estensione va scritto con il suo prefisso "
         "(itunes:, podcast:, content:…)",
         w3c="W3C lo segnala come errore; qui è un avviso: le app ignorano gli elementi che non conoscono e "
             "molti servizi ne scrivono (Anchor, per esempio, un <author> nel canale); i nomi di RSS scritti "
             "con maiuscole sbagliate sono un errore (rss-misspelled-element)"),
    Rule("rss-misspelled-attribute", Level.ERROR, _RSS + "; " + _W3C + "error/UnexpectedAttribute.html",
         "l'attributo «{value}» è scritto con maiuscole e minuscole sbagliate: RSS 2.0 lo chiama «{expected}»",
         "scrivi «{expected}»: le app non leggono l'attributo scritto diversamente e usano il valore "
         "predefinito (per isPermaLink, «true»)"),
    Rule("rss-unknown-attribute", Level.WARNING, _RSS + "; " + _W3C + "error/UnexpectedAttribute.html",
         "l'attributo «{value}» non esiste su questo elemento di RSS 2.0",
         "controlla il nome o togli l'attributo: le app lo ignorano",
         w3c="W3C lo segnala come errore; qui è un avviso, perché le app lo ignorano; un attributo di RSS "
             "scritto con maiuscole sbagliate è un errore (rss-misspelled-attribute)"),
    Rule("rss-missing-attribute", Level.ERROR, _RSS + "; " + _W3C + "error/MissingAttribute.html",
         "manca l'attributo {value} di <{element}>",
         "aggiungi l'attributo {value}: <enclosure> vuole url, length e type; <source> vuole url; <cloud> vuole "
         "domain, port, path, registerProcedure e protocol (se non usi rssCloud, togli <cloud>)"),
    Rule("rss-unexpected-text", Level.WARNING, _RSS + "; " + _W3C + "error/UnexpectedText.html",
         "<{element}> contiene del testo («{value}») fuori dagli elementi che dovrebbe contenere",
         "metti il testo nell'elemento giusto (per esempio l'indirizzo dell'immagine in <image><url>) o toglilo",
         w3c="W3C lo segnala come errore; qui è un avviso: le app ignorano quel testo (quando manca un elemento "
             "richiesto, come <url> in <image>, c'è l'errore di quella regola)"),
    Rule("rss-duplicate-semantics", Level.WARNING, _RSS + "; " + _W3C + "warning/DuplicateSemantics.html",
         "<{value}> e <{other}> dicono la stessa cosa: le app ne leggono uno o l'altro",
         "tieni solo l'elemento di RSS 2.0 (<{value}>), o fa' che i due dicano lo stesso"),
    Rule("rss-duplicate-element", Level.ERROR, _RSS + "; " + _W3C + "error/DuplicateElement.html",
         "<{value}> compare più di una volta: RSS 2.0 ne ammette uno solo",
         "lascia un solo elemento: le app ne leggono uno a caso (di solito il primo)"),
    # --- the channel ---------------------------------------------------------------------------
    Rule("rss-channel-title", Level.ERROR, _RSS + "#requiredChannelElements; " + _W3C + "error/MissingTitle.html",
         "il canale non ha un titolo (<title> manca o è vuoto)",
         "scrivi il nome del podcast in <channel><title>",
         "scrivi podcast.title nelle impostazioni (mkdocs.yml)",
         w3c="W3C per un titolo vuoto dà solo un avviso; un podcast senza nome non si può mostrare"),
    Rule("rss-channel-link", Level.ERROR, _RSS + "#requiredChannelElements; " + _W3C + "error/MissingLink.html",
         "il canale non ha <link> (o è vuoto)",
         "scrivi in <channel><link> l'indirizzo completo del sito del podcast (https://…)",
         "scrivi site_url in mkdocs.yml, l'indirizzo pubblico del sito"),
    Rule("rss-channel-description", Level.ERROR, _RSS + "#requiredChannelElements; " + _W3C + "error/MissingDescription.html",
         "il canale non ha <description> (o è vuota)",
         "scrivi in <channel><description> di cosa parla il podcast",
         "scrivi podcast.description nelle impostazioni (mkdocs.yml)",
         w3c="W3C accetta una descrizione vuota; le app e le directory mostrano la descrizione del podcast"),
    Rule("rss-url", Level.ERROR, _RSS + "; " + _W3C + "error/InvalidFullLink.html",
         "«{value}» non è un indirizzo completo (schema://host/…, senza spazi né caratteri non ASCII)",
         "scrivi l'indirizzo completo, con https:// e il nome del sito; spazi e lettere accentate vanno "
         "codificati (%20, %C3%A0)",
         "controlla site_url (e media_base_url, se c'è) in mkdocs.yml: gli indirizzi del feed sono costruiti da lì"),
    Rule("rss-language", Level.ERROR, _RSS + "#optionalChannelElements (https://www.rssboard.org/rss-language-codes); "
         "RFC 5646, https://www.rfc-editor.org/rfc/rfc5646; " + _W3C + "error/InvalidLanguage.html",
         "«{value}» non è un codice di lingua (ISO 639, come «it» o «it-IT»)",
         "scrivi in <language> il codice della lingua: «it», «en», «it-IT»…",
         "scrivi podcast.language nelle impostazioni, per esempio «language: it»",
         w3c="più severo di W3C, che controlla solo il codice prima del trattino (ISO 639-1 o 639-2): qui "
             "anche le parti dopo il trattino devono essere lettere o cifre (RFC 5646)"),
    Rule("rss-dc-language", Level.ERROR, "Dublin Core, «language», https://www.dublincore.org/specifications/dublin-core/"
         "dcmi-terms/elements11/language/ (RFC 5646, https://www.rfc-editor.org/rfc/rfc5646); " + _W3C
         + "error/InvalidLanguage.html",
         "«{value}» non è un codice di lingua (ISO 639, come «it» o «it-IT»)",
         "scrivi in <dc:language> il codice della lingua: «it», «en», «it-IT»… (o togli <dc:language> e usa <language>)",
         "",
         w3c="come per <language>: più severo di W3C, che controlla solo il codice prima del trattino"),
    Rule("rss-dc-date", Level.ERROR, "Dublin Core, «date», https://www.dublincore.org/specifications/dublin-core/"
         "dcmi-terms/elements11/date/ (W3C-DTF, https://www.w3.org/TR/NOTE-datetime); " + _W3C
         + "error/InvalidW3CDTFDate.html",
         "la data «{value}» non è scritta nel formato W3C-DTF che <dc:date> richiede",
         "scrivi la data così: «2024-06-20» o, con l'ora, «2024-06-20T08:00:00+02:00» (anno-mese-giorno, T, "
         "ore:minuti:secondi e fuso); per RSS basta <pubDate>",
         "",
         w3c="come W3C (InvalidW3CDTFDate): anche qui il fuso orario è obbligatorio quando c'è l'ora, e giorni e ore "
             "devono esistere"),
    Rule("rss-email", Level.WARNING, _RSS + "#optionalChannelElements; " + _W3C + "error/InvalidContact.html",
         "«{value}» non è un indirizzo e-mail (RSS 2.0 vuole «nome@dominio (Nome)»)",
         "scrivi l'indirizzo e-mail, con il nome tra parentesi se vuoi: «redazione@esempio.it (Redazione)»; "
         "per il solo nome dell'autore c'è <itunes:author>",
         w3c="W3C lo segnala come errore; qui è un avviso: nessuna app rifiuta il feed per questo, e molti "
             "servizi (Anchor, Spotify for Podcasters) scrivono un nome in <author>"),
    Rule("rss-date", Level.ERROR, _DATE_SOURCE + "; " + _W3C + "error/InvalidRFC2822Date.html",
         "«{value}» non è una data RFC 822 (come " + _DATE_EXAMPLE + ")",
         "scrivi la data in inglese, come " + _DATE_EXAMPLE + ": giorno, mese abbreviato, anno di "
         "quattro cifre, ora e fuso orario"),
    Rule("rss-date-zone", Level.ERROR, _DATE_SOURCE + "; " + _W3C + "error/InvalidRFC2822Date.html",
         "in «{value}» il fuso orario non è di quelli che RFC 822 ammette",
         "scrivi il fuso orario come differenza da UTC (+0100, +0200, -0500) oppure GMT o Z: nomi come CET o "
         "CEST non sono ammessi e le app sbagliano l'ora o scartano la data"),
    Rule("rss-date-impossible", Level.ERROR, _DATE_SOURCE + "; " + _W3C + "error/InvalidRFC2822Date.html",
         "«{value}» non è una data che esiste (giorno, mese o ora fuori dai limiti)",
         "correggi la data: per esempio il 31 febbraio o le 25:00 non esistono",
         w3c="più severo di W3C, che controlla il giorno ma non l'ora"),
    Rule("rss-date-weekday", Level.ERROR, _DATE_SOURCE + "; " + _W3C + "error/IncorrectDOW.html",
         "in «{value}» il giorno della settimana non è quello della data (dovrebbe essere «{weekday}»)",
         "correggi il giorno della settimana, o toglilo insieme alla virgola: è facoltativo"),
    Rule("rss-date-obsolete", Level.WARNING, _DATE_SOURCE + "; " + _W3C + "warning/ProblematicalRFC822Date.html",
         "«{value}» è una data nella forma antiquata di RFC 822 (anno di due cifre, lettera militare come fuso, "
         "minuscole, spazi in più, commenti o fuso mancante)",
         "scrivi la data nella forma di RFC 2822, come " + _DATE_EXAMPLE + ": alcune app leggono male le altre"),
    Rule("rss-date-future", Level.WARNING, _DATE_SOURCE + "; " + _W3C + "warning/ImplausibleDate.html",
         "«{value}» è una data nel futuro",
         "controlla la data: molte app nascondono un episodio con una data futura, o lo mettono sempre in cima"),
    Rule("rss-date-before-1970", Level.WARNING, _DATE_SOURCE + "; " + _W3C + "warning/ImplausibleDate.html",
         "«{value}» è una data anteriore al 1970, non plausibile per un feed",
         "controlla la data: di solito è un valore mancante scritto come zero (1 Jan 1900 o 1 Jan 1970)"),
    Rule("rss-category-empty", Level.WARNING, _RSS + "#ltcategorygtSubelementOfLtitemgt",
         "<category> è vuoto",
         "scrivi il nome della categoria o togli l'elemento",
         w3c="W3C non lo controlla; una categoria vuota non dice nulla e alcuni lettori mostrano un'etichetta vuota"),
    Rule("rss-ttl", Level.ERROR, _RSS + "#ltttlgtSubelementOfLtchannelgt; " + _W3C + "error/InvalidPositiveInteger.html",
         "«{value}» non è un numero intero positivo di minuti",
         "scrivi in <ttl> un numero di minuti, per esempio 60, o toglilo"),
    Rule("rss-cloud-port", Level.ERROR, _RSS + "#ltcloudgtSubelementOfLtchannelgt; " + _W3C + "error/InvalidIntegerAttribute.html",
         "la porta «{value}» di <cloud> non è un numero intero positivo",
         "scrivi in port il numero della porta, per esempio 80"),
    Rule("rss-textinput", Level.ERROR, _RSS + "#lttextinputgtSubelementOfLtchannelgt; " + _W3C + "error/MissingElement.html",
         "manca <{value}> dentro <textInput>",
         "<textInput> vuole title, description, name e link; le app di podcast non lo usano: puoi toglierlo"),
    Rule("rss-skiphours-hour", Level.ERROR, "RSS 2.0, https://www.rssboard.org/skip-hours-days#skiphours; "
         + _W3C + "error/InvalidHour.html",
         "«{value}» non è un'ora tra 0 e 23",
         "scrivi in ogni <hour> un numero intero da 0 a 23 (la mezzanotte è 0)",
         w3c="W3C per «24» dà solo un avviso (va scritto 0); qui è un errore, come per ogni ora fuori da 0–23"),
    Rule("rss-skiphours-duplicate", Level.ERROR, "RSS 2.0, https://www.rssboard.org/skip-hours-days#skiphours; "
         + _W3C + "error/DuplicateValue.html",
         "l'ora «{value}» compare più di una volta in <skipHours>",
         "scrivi ogni ora una volta sola (al massimo 24 ore)"),
    Rule("rss-skip-empty", Level.WARNING, "RSS 2.0, https://www.rssboard.org/skip-hours-days; "
         + _W3C + "error/MissingElement.html",
         "<{value}> è vuoto",
         "scrivi dentro <skipHours> almeno un <hour>, dentro <skipDays> almeno un <day>, o togli l'elemento",
         w3c="W3C lo segnala come errore; qui è un avviso: un elemento vuoto non chiede nulla alle app"),
    Rule("rss-skipdays-day", Level.ERROR, "RSS 2.0, https://www.rssboard.org/skip-hours-days#skipdays; "
         + _W3C + "error/InvalidDay.html",
         "«{value}» non è un giorno della settimana come RSS lo scrive",
         "scrivi in ogni <day> il nome inglese del giorno: Monday, Tuesday, Wednesday, Thursday, Friday, "
         "Saturday o Sunday"),
    Rule("rss-skipdays-duplicate", Level.ERROR, "RSS 2.0, https://www.rssboard.org/skip-hours-days#skipdays; "
         + _W3C + "error/DuplicateValue.html",
         "il giorno «{value}» compare più di una volta in <skipDays>",
         "scrivi ogni giorno una volta sola (al massimo sette)"),
    Rule("rss-image-element", Level.ERROR, _RSS + "#ltimagegtSubelementOfLtchannelgt; " + _W3C + "error/MissingElement.html",
         "manca <{value}> dentro <image> (o è vuoto)",
         "<image> vuole url (l'indirizzo dell'immagine), title e link (di solito gli stessi del canale)",
         w3c="W3C per un titolo vuoto dà solo un avviso"),
    Rule("rss-image-width", Level.ERROR, _RSS + "#ltimagegtSubelementOfLtchannelgt; " + _W3C + "error/InvalidWidth.html",
         "la larghezza «{value}» di <image> non è un numero intero tra 1 e 144",
         "scrivi in <width> la larghezza in pixel, al massimo 144, o toglilo (vale 88); la copertina grande "
         "del podcast va in <itunes:image>"),
    Rule("rss-image-height", Level.ERROR, _RSS + "#ltimagegtSubelementOfLtchannelgt; " + _W3C + "error/InvalidHeight.html",
         "l'altezza «{value}» di <image> non è un numero intero tra 1 e 400",
         "scrivi in <height> l'altezza in pixel, al massimo 400, o toglilo (vale 31); la copertina grande "
         "del podcast va in <itunes:image>"),
    Rule("rss-image-link", Level.WARNING, _RSS + "#ltimagegtSubelementOfLtchannelgt; " + _W3C + "warning/ImageLinkDoesntMatch.html",
         "il <link> di <image> («{value}») non è quello del canale («{channel}»)",
         "scrivi in <image><link> lo stesso indirizzo di <channel><link>"),
    Rule("rss-image-format", Level.WARNING, _RSS + "#ltimagegtSubelementOfLtchannelgt; " + _W3C + "warning/ImageUrlFormat.html",
         "«{value}» non sembra un'immagine GIF, JPEG o PNG",
         "in <image><url> metti un'immagine .jpg, .jpeg, .png o .gif",
         w3c="più preciso di W3C: l'estensione è letta nel percorso dell'indirizzo, quindi «cover.jpg?v=1» è "
             "un JPEG"),
    Rule("rss-atom-self", Level.WARNING, "RSS Advisory Board, RSS Best Practices Profile, "
         "https://www.rssboard.org/rss-profile#namespace-elements-atom-link; " + _W3C + "warning/MissingAtomSelfLink.html",
         "il canale non dice il proprio indirizzo (<atom:link rel=\"self\">)",
         "aggiungi nel canale <atom:link href=\"indirizzo-del-feed\" rel=\"self\" type=\"application/rss+xml\"/> "
         "(con xmlns:atom=\"http://www.w3.org/2005/Atom\" su <rss>): le directory lo usano per seguire il feed "
         "quando cambia indirizzo"),
    Rule("rss-atom-self-duplicate", Level.ERROR, "Atom, RFC 4287, https://www.rfc-editor.org/rfc/rfc4287#section-4.2.7; "
         + _W3C + "error/DuplicateAtomLink.html",
         "il canale ha più di un <atom:link rel=\"self\">: non si sa quale sia l'indirizzo del feed",
         "lascia un solo <atom:link rel=\"self\">, con l'indirizzo a cui il feed è pubblicato"),
    Rule("rss-atom-self-type", Level.WARNING, "RSS Advisory Board, RSS Best Practices Profile, "
         "https://www.rssboard.org/rss-profile#namespace-elements-atom-link",
         "il tipo «{value}» di <atom:link rel=\"self\"> non è application/rss+xml",
         "scrivi type=\"application/rss+xml\": il feed è RSS",
         w3c="W3C controlla solo che il tipo sia un tipo MIME"),
    Rule("rss-html-in-title", Level.WARNING, _RSS + "; " + _W3C + "warning/ContainsHTML.html",
         "il titolo contiene HTML («{value}»): le app lo mostrano come testo, con i segni < > &",
         "scrivi il titolo come testo semplice; se appare «&amp;amp;» è stato codificato due volte: scrivi «&amp;» una sola volta",
         "scrivi il title dell'episodio (o podcast.title) come testo semplice, senza tag HTML né entità",
         w3c="più permissivo di W3C, che avvisa anche per la <description> del canale, dove Apple ammette HTML "
             "(p, a, ul…): qui no"),
    Rule("rss-bad-characters", Level.WARNING, "XML 1.0, https://www.w3.org/TR/xml/#charsets; " + _W3C + "warning/BadCharacters.html",
         "il testo contiene caratteri di controllo o sostitutivi («{value}»): di solito testo Windows-1252 "
         "letto come un'altra codifica",
         "riscrivi il testo in UTF-8 (virgolette e trattini «curvi» di Word sono i casi più comuni)",
         w3c="più severo di W3C, che segnala i caratteri di controllo C1 (U+0080–U+009F): qui anche U+FFFD, il segno di "
             "un testo già rovinato"),
    # --- items ---------------------------------------------------------------------------------
    Rule("rss-item-title", Level.ERROR, _RSS + "#hrelementsOfLtitemgt; Apple Podcasts, "
         "https://podcasters.apple.com/support/823-podcast-requirements",
         "l'episodio non ha un titolo (<title> manca o è vuoto)",
         "scrivi il titolo dell'episodio in <item><title>: Apple lo richiede e le app lo mostrano negli elenchi",
         "scrivi title nell'intestazione dell'episodio",
         w3c="W3C lo segnala solo come informazione; Apple lo richiede"),
    Rule("rss-item-title-or-description", Level.ERROR, _RSS + "#hrelementsOfLtitemgt; "
         + _W3C + "error/ItemMustContainTitleOrDescription.html",
         "l'episodio non ha né <title> né <description>",
         "scrivi almeno il titolo (meglio anche la descrizione) dell'episodio",
         "scrivi title e summary nell'intestazione dell'episodio",
         w3c="più severo di W3C: un elemento vuoto conta come mancante"),
    Rule("rss-enclosure-url", Level.ERROR, _RSS + "#ltenclosuregtSubelementOfLtitemgt; " + _W3C + "error/InvalidURLAttribute.html",
         "l'indirizzo del file «{value}» non è un indirizzo http(s) completo",
         "scrivi in url l'indirizzo completo del file audio, con https://",
         "controlla site_url (e media_base_url, se c'è) in mkdocs.yml"),
    Rule("rss-enclosure-length", Level.ERROR, _RSS + "#ltenclosuregtSubelementOfLtitemgt; " + _W3C + "error/InvalidIntegerAttribute.html",
         "la lunghezza «{value}» del file non è un numero intero di byte",
         "scrivi in length la dimensione del file in byte, solo cifre (per esempio 24986239); RSS ammette 0 "
         "quando non è nota, ma le app la usano per mostrare e verificare il download"),
    Rule("rss-enclosure-type", Level.ERROR, _RSS + "#ltenclosuregtSubelementOfLtitemgt; " + _W3C + "error/InvalidMIMEAttribute.html",
         "«{value}» non è un tipo MIME (come audio/mpeg)",
         "scrivi in type il tipo del file: audio/mpeg per un MP3, audio/x-m4a per un M4A"),
    Rule("rss-enclosure-count", Level.WARNING, _RSS + "#ltenclosuregtSubelementOfLtitemgt; " + _W3C + "warning/DuplicateEnclosure.html",
         "l'episodio ha più di un <enclosure>: le app ne leggono uno solo",
         "lascia un solo file per episodio; per altri formati usa <podcast:alternateEnclosure>"),
    Rule("rss-guid-permalink", Level.ERROR, _RSS + "#ltguidgtSubelementOfLtitemgt; " + _W3C + "error/InvalidBooleanAttribute.html",
         "isPermaLink vale «{value}»: ammessi solo true o false",
         "scrivi isPermaLink=\"false\" (il guid è un identificativo) o isPermaLink=\"true\" (è l'indirizzo "
         "della pagina dell'episodio), in minuscolo"),
    Rule("rss-guid-url", Level.ERROR, _RSS + "#ltguidgtSubelementOfLtitemgt; " + _W3C + "error/InvalidHttpGUID.html",
         "il guid «{value}» non è un indirizzo, ma senza isPermaLink=\"false\" le app lo prendono per un indirizzo",
         "aggiungi isPermaLink=\"false\" al <guid> (non cambiare il valore: le app riconoscono gli episodi da lì)"),
    Rule("rss-guid-empty", Level.ERROR, _RSS + "#ltguidgtSubelementOfLtitemgt; " + _W3C + "warning/NotBlank.html",
         "<guid> è vuoto: non identifica l'episodio",
         "scrivi in <guid> un identificativo unico e permanente dell'episodio (per esempio un UUID, con "
         "isPermaLink=\"false\")",
         "scrivi guid nell'intestazione dell'episodio: «reset-stories new episode» ne genera uno",
         w3c="W3C dà un avviso; qui è un errore: senza guid le app riconoscono l'episodio da altro e lo "
             "scaricano di nuovo quando cambia"),
    Rule("rss-guid-short", Level.WARNING, _RSS + "#ltguidgtSubelementOfLtitemgt; " + _W3C + "warning/NotSufficientlyUnique.html",
         "il guid «{value}» è un numero corto: probabilmente non è unico fuori da questo feed",
         "usa un identificativo unico ovunque, per esempio un UUID o l'indirizzo del sito con il numero "
         "(le app confrontano i guid di feed diversi)"),
    Rule("rss-guid-missing", Level.WARNING, _RSS + "#ltguidgtSubelementOfLtitemgt; " + _W3C + "warning/MissingGuid.html",
         "l'episodio non ha <guid>",
         "aggiungi un <guid isPermaLink=\"false\"> unico e permanente: senza, le app riconoscono l'episodio "
         "dall'indirizzo del file e lo scaricano di nuovo se cambia",
         "scrivi guid nell'intestazione dell'episodio: «reset-stories new episode» ne genera uno"),
    Rule("rss-guid-duplicate", Level.ERROR, _RSS + "#ltguidgtSubelementOfLtitemgt; " + _W3C + "error/DuplicateValue.html",
         "il guid «{value}» è lo stesso di un altro episodio (riga {first})",
         "dai a ogni episodio il suo guid, che non cambi più: le app mostrano uno solo degli episodi che lo condividono",
         "ogni episodio ha il suo guid nell'intestazione: un file copiato da un altro ha lo stesso; per un "
         "episodio nuovo usa «reset-stories new episode», che ne scrive uno nuovo",
         w3c="più permissivo di W3C, che considera uguali anche due indirizzi che differiscono solo nella forma (maiuscole nel nome "
             "del sito, porta predefinita, «%7e» per «~»); le app confrontano i guid come sono scritti, "
             "quindi qui contano solo i guid identici"),
    Rule("rss-enclosure-duplicate", Level.ERROR, _RSS + "#ltenclosuregtSubelementOfLtitemgt",
         "il file «{value}» è lo stesso di un altro episodio (riga {first})",
         "ogni episodio deve avere il suo file: le app che riconoscono gli episodi dal file ne mostrano uno solo",
         "controlla audio nell'intestazione dei due episodi: uno dei due punta al file dell'altro",
         w3c="più severo di W3C, che non lo controlla: le app che riconoscono gli episodi dal file ne "
             "mostrano uno solo"),
    Rule("rss-source", Level.ERROR, _RSS + "#ltsourcegtSubelementOfLtitemgt; " + _W3C + "error/MissingAttribute.html",
         "l'url «{value}» di <source> non è un indirizzo http(s) completo",
         "scrivi in url l'indirizzo del feed da cui viene l'episodio, o togli <source>"),
)

# The elements RSS 2.0 defines (no namespace), where they may stand, and which may repeat.
_CHANNEL_ELEMENTS = frozenset({
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster", "pubDate",
    "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image", "rating", "textInput",
    "skipHours", "skipDays", "item",
})
_ITEM_ELEMENTS = frozenset({
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid", "pubDate", "source",
})
_IMAGE_ELEMENTS = frozenset({"url", "title", "link", "width", "height", "description"})
_TEXT_INPUT_ELEMENTS = frozenset({"title", "description", "name", "link"})
# Elements that may appear more than once (enclosures have a rule of their own).
_REPEATABLE = frozenset({"category", "item", "enclosure", "hour", "day"})
# Elements holding structure, not text.
_CONTAINERS = frozenset({"image", "textInput", "skipHours", "skipDays", "cloud", "enclosure", "item"})
# The attributes (no namespace) each RSS element may carry; any other element carries none.
_ATTRIBUTES = {
    "rss": frozenset({"version"}),
    "enclosure": frozenset({"url", "length", "type"}),
    "guid": frozenset({"isPermaLink"}),
    "source": frozenset({"url"}),
    "category": frozenset({"domain"}),
    "cloud": frozenset({"domain", "port", "path", "registerProcedure", "protocol"}),
}
_NO_ATTRIBUTES: frozenset[str] = frozenset()
# RSS 2.0 elements and the Dublin Core elements that say the same (W3C's DuplicateSemantics).
_CHANNEL_SYNONYMS = (("managingEditor", "dc:creator"), ("webMaster", "dc:publisher"), ("language", "dc:language"),
                     ("copyright", "dc:rights"), ("pubDate", "dc:date"))
_ITEM_SYNONYMS = (("pubDate", "dc:date"), ("author", "dc:creator"), ("category", "dc:subject"), ("source", "dc:source"))
_CLOUD_ATTRIBUTES = ("domain", "port", "path", "registerProcedure", "protocol")
_DAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
_IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "gif", "png"})

# A URI as the W3C validator reads one (RFC 2396's characters, a scheme), ASCII only.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[0-9A-Za-z;/?:@&=+$.\-_!~*'()%,#\[\]]+", re.ASCII)
_HIERARCHICAL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^/]", re.ASCII)
# A MIME type with its parameters (audio/ogg; codecs=opus), as W3C's mime_re (validators.py) reads one.
_TOKEN = r"[^\s()<>,;:\\\"/\[\]?=]+"
_MIME = re.compile(rf"{_TOKEN}/{_TOKEN}(?:\s*;\s*{_TOKEN}=(?:\"(?:\\\"|[^\"])*\"|{_TOKEN}))*", re.ASCII)
_ADDRESS = re.compile(r"[A-Za-z0-9_\-+.!#$%&'*/=?^`{|}~]+@(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}", re.ASCII)
_ADDRESS_AND_NAME = re.compile(r"(\S+)(?:\s*\(.*\))?", re.ASCII | re.DOTALL)
_NAME_AND_ADDRESS = re.compile(r"[^<>]*<([^<>]*)>", re.ASCII | re.DOTALL)
_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}", re.ASCII)
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9]*)\s*>", re.ASCII)
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);", re.ASCII)
_BAD_CHARACTERS = re.compile("[\x80-\x9f\ufffd]")
_HTML_TAGS = frozenset({
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "body",
    "br", "button", "caption", "center", "cite", "code", "col", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "i", "iframe", "img", "input", "ins", "kbd", "label", "li", "main", "mark", "nav",
    "object", "ol", "p", "pre", "q", "s", "samp", "script", "section", "small", "span", "strike", "strong",
    "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "tt",
    "u", "ul", "var", "video",
})
_HTML_ENTITIES = frozenset(html.entities.name2codepoint)


class Checks:
    """The RSS 2.0 checks of one feed (see :mod:`reset_stories.lint.checking` for how they are called)."""

    def __init__(self, check: Check) -> None:
        self.check = check
        # "Now" for dates in the future: the driver's, when it gives one (tests, reproducible runs).
        now = getattr(check, "now", None)
        self.now: datetime = now if isinstance(now, datetime) else datetime.now(UTC)
        self.channel_link = ""
        # What no two items may share: the value, and the line of the first item that has it.
        self.guids: dict[str, int | None] = {}
        self.enclosures: dict[str, int | None] = {}

    # --- the channel ---------------------------------------------------------------------------

    def channel(self, channel: Indexed) -> None:
        self.document(channel.element)
        self.children(channel, _CHANNEL_ELEMENTS)
        self.required(channel)
        self.channel_link = (channel.findtext("link") or "").strip()
        for tag in ("link", "docs"):
            self.url(channel.find(tag), web=False)
        language = channel.find("language")
        if language is not None and not is_language(language.text or ""):
            self.check.report("rss-language", language, "", value=(language.text or "").strip())
        for tag in ("managingEditor", "webMaster"):
            self.email(channel.find(tag))
        for tag in ("pubDate", "lastBuildDate"):
            self.date(channel.find(tag))
        self.dublin_core(channel)
        self.categories(channel)
        ttl = channel.find("ttl")
        if ttl is not None and (ttl.text or "").strip() and (_integer(ttl.text or "") or 0) <= 0:
            self.check.report("rss-ttl", ttl, "", value=(ttl.text or "").strip())
        self.cloud(channel.find("cloud"))
        self.text_input(channel.find("textInput"))
        self.skip_hours(channel.find("skipHours"))
        self.skip_days(channel.find("skipDays"))
        self.image(channel.find("image"))
        self.self_link(channel)
        self.title_markup(channel.find("title"))
        self.stray_text(channel.element)
        self.same_meaning(channel, _CHANNEL_SYNONYMS)

    def document(self, channel: etree._Element) -> None:
        """``<rss>`` itself: its version, its one channel, nothing else in it."""
        root = channel.getparent()
        if root is None:
            return
        version = root.get("version")
        if version is None or version.strip() != "2.0":
            self.check.report("rss-version", root, "rss@version")
        self.attributes(root, "rss")
        channels = 0
        for child in root:
            if not isinstance(child.tag, str) or child.tag.startswith("{"):
                continue
            if child.tag == "channel":
                channels += 1
                if channels == 2:
                    self.check.report("rss-channel-count", child, "channel")
            else:
                self.unknown("element", child, child.tag, frozenset({"channel"}), f"rss/{child.tag}")

    def required(self, channel: Indexed) -> None:
        for tag, rule in (("title", "rss-channel-title"), ("link", "rss-channel-link"),
                          ("description", "rss-channel-description")):
            element = channel.find(tag)
            if not _text(element).strip():
                self.check.report(rule, element if element is not None else channel, f"channel/{tag}")

    def cloud(self, cloud: etree._Element | None) -> None:
        if cloud is None:
            return
        self.present(cloud, _CLOUD_ATTRIBUTES)
        self.stray_text(cloud)
        port = cloud.get("port")
        if port is not None and (_integer(port) or 0) <= 0:
            self.check.report("rss-cloud-port", cloud, "channel/cloud@port", value=port)

    def text_input(self, element: etree._Element | None) -> None:
        if element is None:
            return
        text_input = Indexed(element)
        self.children(text_input, _TEXT_INPUT_ELEMENTS)
        self.stray_text(element)
        for tag in ("title", "description", "name", "link"):
            if text_input.find(tag) is None:
                self.check.report("rss-textinput", element, f"channel/textInput/{tag}", value=tag)
        self.url(text_input.find("link"), web=False)
        self.title_markup(text_input.find("title"))

    def skip_hours(self, element: etree._Element | None) -> None:
        if element is None:
            return
        skip = Indexed(element)
        self.children(skip, frozenset({"hour"}))
        self.stray_text(element)
        if not skip.findall("hour"):
            self.check.report("rss-skip-empty", element, "", value="skipHours")
        seen: set[int] = set()
        for hour in skip.findall("hour"):
            value = (hour.text or "").strip()
            number = _integer(value)
            if number is None or not 0 <= number <= 23:
                self.check.report("rss-skiphours-hour", hour, "", value=value)
            elif number in seen:
                self.check.report("rss-skiphours-duplicate", hour, "", value=value)
            seen.add(number if number is not None else -1)

    def skip_days(self, element: etree._Element | None) -> None:
        if element is None:
            return
        skip = Indexed(element)
        self.children(skip, frozenset({"day"}))
        self.stray_text(element)
        if not skip.findall("day"):
            self.check.report("rss-skip-empty", element, "", value="skipDays")
        seen: set[str] = set()
        for day in skip.findall("day"):
            value = (day.text or "").strip()
            if value not in _DAYS:
                self.check.report("rss-skipdays-day", day, "", value=value)
            elif value in seen:
                self.check.report("rss-skipdays-duplicate", day, "", value=value)
            seen.add(value)

    def image(self, element: etree._Element | None) -> None:
        if element is None:
            return
        image = Indexed(element)
        self.children(image, _IMAGE_ELEMENTS)
        self.stray_text(element)
        for tag in ("url", "title", "link"):
            child = image.find(tag)
            if child is None or not (child.text or "").strip():
                self.check.report("rss-image-element", child if child is not None else element,
                                  f"channel/image/{tag}", value=tag)
        url = image.find("url")
        if url is not None and (url.text or "").strip():
            value = (url.text or "").strip()
            if not _is_url(value, web=True):
                self.check.report("rss-url", url, "", value=value)
            elif not _image_extension_ok(value):
                self.check.report("rss-image-format", url, "", value=value)
        link = image.find("link")
        if link is not None and (link.text or "").strip():
            value = (link.text or "").strip()
            if not _is_url(value, web=False):
                self.check.report("rss-url", link, "", value=value)
            elif self.channel_link and value != self.channel_link:
                self.check.report("rss-image-link", link, "", value=value, channel=self.channel_link)
        for tag, rule, limit in (("width", "rss-image-width", 144), ("height", "rss-image-height", 400)):
            child = image.find(tag)
            if child is not None:
                number = _integer(child.text or "")
                if number is None or not 0 < number <= limit:
                    self.check.report(rule, child, "", value=(child.text or "").strip())
        self.title_markup(image.find("title"))

    def self_link(self, channel: Indexed) -> None:
        found = 0
        for link in channel.findall("atom:link"):
            if link.get("rel") != "self":
                continue
            found += 1
            if found == 2:
                self.check.report("rss-atom-self-duplicate", link, "")
            self.present(link, ("href",))
            href = link.get("href")
            if href is not None and not _is_url(href, web=True):
                self.check.report("rss-url", link, f"{name(link)}@href", value=href)
            kind = link.get("type")
            if kind is not None and kind.strip() != "application/rss+xml":
                self.check.report("rss-atom-self-type", link, f"{name(link)}@type", value=kind)
        if not found:
            self.check.report("rss-atom-self", channel, "channel/atom:link")

    # --- items ---------------------------------------------------------------------------------

    def item(self, item: Indexed, channel: Indexed) -> None:
        self.children(item, _ITEM_ELEMENTS)
        title = item.find("title")
        has_title = bool(_text(title).strip())
        if not has_title and not _text(item.find("description")).strip():
            self.check.report("rss-item-title-or-description", item, "item/title")
        elif not has_title:
            self.check.report("rss-item-title", title if title is not None else item, "item/title")
        for tag in ("link", "comments"):
            self.url(item.find(tag), web=False)
        self.email(item.find("author"))
        self.date(item.find("pubDate"))
        self.dublin_core(item)
        self.categories(item)
        self.enclosures_of(item)
        self.guid(item)
        self.source(item.find("source"))
        self.title_markup(item.find("title"))
        self.stray_text(item.element)
        self.same_meaning(item, _ITEM_SYNONYMS)

    def enclosures_of(self, item: Indexed) -> None:
        enclosures = item.findall("enclosure")
        if len(enclosures) > 1:
            self.check.report("rss-enclosure-count", enclosures[1], "")
        for enclosure in enclosures:
            self.present(enclosure, ("url", "length", "type"))
            self.stray_text(enclosure)
            url = enclosure.get("url")
            # A URL wrong only for its accented letters or spaces is itunes-url-not-ascii's (one
            # problem, one finding: that rule says what is wrong and how to write it).
            if url is not None and not _is_url(url, web=True) and not _is_url(_encoded(url), web=True):
                self.check.report("rss-enclosure-url", enclosure, f"{name(enclosure)}@url", value=url)
            length = enclosure.get("length")
            if length is not None and _integer(length) is None:
                self.check.report("rss-enclosure-length", enclosure, f"{name(enclosure)}@length", value=length)
            kind = enclosure.get("type")
            if kind is not None and not is_mime(kind):
                self.check.report("rss-enclosure-type", enclosure, f"{name(enclosure)}@type", value=kind)
        if enclosures:
            url = (enclosures[0].get("url") or "").strip()
            if url:
                self.unique("rss-enclosure-duplicate", self.enclosures, url, enclosures[0], "@url")

    def guid(self, item: Indexed) -> None:
        guid = item.find("guid")
        if guid is None:
            self.check.report("rss-guid-missing", item, "item/guid")
            return
        value = (guid.text or "").strip()
        permalink = guid.get("isPermaLink")
        if permalink is not None and permalink not in ("true", "false"):
            self.check.report("rss-guid-permalink", guid, "item/guid@isPermaLink", value=permalink)
        if not value:
            self.check.report("rss-guid-empty", guid, "")
            return
        # isPermaLink spelt in another case is rss-misspelled-attribute's: the guid that follows
        # from it is the same problem, reported once.
        misspelled = permalink is None and any(str(key).casefold() == "ispermalink" for key in guid.attrib)
        if permalink in (None, "true"):
            if not misspelled and not _is_url(value, web=False):
                self.check.report("rss-guid-url", guid, "", value=value)
        elif value.isascii() and value.isdigit() and len(value) < 9:
            self.check.report("rss-guid-short", guid, "", value=value)
        self.unique("rss-guid-duplicate", self.guids, value, guid, "")

    def source(self, source: etree._Element | None) -> None:
        if source is not None:
            self.present(source, ("url",))
            url = source.get("url")
            if url is not None and not _is_url(url, web=True):
                self.check.report("rss-source", source, "item/source@url", value=url)

    def end(self, channel: Indexed) -> None:
        pass

    # --- shared --------------------------------------------------------------------------------

    def children(self, parent: Indexed, allowed: frozenset[str]) -> None:
        """Unknown, repeated and attribute-carrying RSS children of ``parent``, and bad characters
        in their text: one pass over its index, each child looked at once."""
        for tag, elements in parent.children.items():
            if tag.startswith("{"):
                continue  # another namespace: another module's
            if tag not in allowed:
                for element in elements:
                    self.unknown("element", element, tag, allowed)
                continue
            if len(elements) > 1 and tag not in _REPEATABLE:
                for element in elements[1:]:
                    self.check.report("rss-duplicate-element", element, "", value=tag)
            text_only = tag not in _CONTAINERS
            for element in elements:
                if element.keys():
                    self.attributes(element, tag)
                if text_only:
                    if len(element):
                        self.nested(element)
                    self.characters(element)

    def unknown(self, kind: str, element: etree._Element, given: str, allowed: frozenset[str], where: str = "") -> None:
        """An element or attribute RSS 2.0 does not have here: a known one written in another
        case is an error (apps lose its value), any other a warning."""
        expected = _by_case(allowed).get(given.lower())
        if expected is not None:
            self.check.report(f"rss-misspelled-{kind}", element, where, value=given, expected=expected)
        else:
            self.check.report(f"rss-unknown-{kind}", element, where, value=given)

    def stray_text(self, element: etree._Element) -> None:
        """Text directly inside an element that holds only elements."""
        text = element.text
        if not (text and text.strip()):
            text = next((child.tail for child in element if child.tail and child.tail.strip()), None)
        if text:
            value = " ".join(text.split())
            self.check.report("rss-unexpected-text", element, "", element=etree.QName(element).localname,
                              value=value if len(value) <= 60 else value[:59] + "…")

    def same_meaning(self, parent: Indexed, synonyms: tuple[tuple[str, str], ...]) -> None:
        for tag, other in synonyms:
            if parent.find(tag) is not None and (element := parent.find(other)) is not None:
                self.check.report("rss-duplicate-semantics", element, "", value=tag, other=other)

    def present(self, element: etree._Element, attributes: tuple[str, ...]) -> None:
        """Each of ``attributes`` is on ``element``."""
        for attribute in attributes:
            if element.get(attribute) is None:
                where = name(element)  # channel/atom:link, item/enclosure
                self.check.report("rss-missing-attribute", element, f"{where}@{attribute}",
                                  value=attribute, element=where.rpartition("/")[2])

    def nested(self, element: etree._Element) -> None:
        """Elements inside an element that holds only text (W3C: "Undefined element")."""
        for child in element:
            if isinstance(child.tag, str):
                local = etree.QName(child).localname
                self.check.report("rss-unknown-element", child, f"{name(element)}/{local}", value=local)

    def attributes(self, element: etree._Element, tag: str) -> None:
        allowed = _ATTRIBUTES.get(tag, _NO_ATTRIBUTES)
        for attribute in element.attrib:
            key = str(attribute)
            if not key.startswith("{") and key not in allowed:
                self.unknown("attribute", element, key, allowed, f"{name(element)}@{key}")

    def url(self, element: etree._Element | None, *, web: bool) -> None:
        if element is None:
            return
        value = (element.text or "").strip()
        if value and not _is_url(value, web=web):
            self.check.report("rss-url", element, "", value=value)

    def email(self, element: etree._Element | None) -> None:
        if element is not None and not _is_contact(element.text or ""):
            self.check.report("rss-email", element, "", value=(element.text or "").strip())

    def date(self, element: etree._Element | None) -> None:
        if element is None:
            return
        value = (element.text or "").strip()
        when, problem = dates.parse_rfc822(value)
        if problem is dates.DateProblem.WEEKDAY and when is not None:
            self.check.report("rss-date-weekday", element, "", value=value, weekday=dates.DAYS[when.weekday()])
            return
        if problem is not None and problem is not dates.DateProblem.OBSOLETE:
            self.check.report(_DATE_RULES[problem], element, "", value=value)
            return
        if problem is dates.DateProblem.OBSOLETE:
            self.check.report("rss-date-obsolete", element, "", value=value)
        if when is not None:
            which = dates.implausible(when, self.now)
            if which == "future":
                self.check.report("rss-date-future", element, "", value=value)
            elif which == "past":
                self.check.report("rss-date-before-1970", element, "", value=value)

    def dublin_core(self, parent: Indexed) -> None:
        """The values of ``dc:date`` (W3C-DTF) and ``dc:language`` (a language tag), as W3C reads them."""
        for element in parent.findall("dc:date"):
            value = (element.text or "").strip()
            if not _is_w3cdtf(value):
                self.check.report("rss-dc-date", element, "", value=value)
        for element in parent.findall("dc:language"):
            value = (element.text or "").strip()
            if not is_language(value):
                self.check.report("rss-dc-language", element, "", value=value)

    def categories(self, parent: Indexed) -> None:
        for category in parent.findall("category"):
            if not _text(category).strip():
                self.check.report("rss-category-empty", category, "")

    def title_markup(self, title: etree._Element | None) -> None:
        if title is None or not title.text:
            return
        markup = _html_in(title.text)
        if markup:
            self.check.report("rss-html-in-title", title, "", value=markup)

    def characters(self, element: etree._Element) -> None:
        """C1 controls and U+FFFD in ``element``'s text."""
        text = element.text
        if text and not text.isascii() and (found := _BAD_CHARACTERS.search(text)):
            self.check.report("rss-bad-characters", element, "", value=f"U+{ord(found.group()):04X}")

    def unique(self, rule: str, seen: dict[str, int | None], value: str, element: etree._Element, attribute: str) -> None:
        """``value`` (of ``element``, or of its ``attribute`` such as ``"@url"``) is no other item's."""
        if value in seen:
            where = name(element) + attribute if attribute else ""
            self.check.report(rule, element, where, value=value, first=seen[value] or "?")
        else:
            line = element.sourceline
            seen[value] = line if isinstance(line, int) else None


_DATE_RULES = {
    dates.DateProblem.FORMAT: "rss-date",
    dates.DateProblem.ZONE: "rss-date-zone",
    dates.DateProblem.IMPOSSIBLE: "rss-date-impossible",
}


@functools.cache
def _by_case(names: frozenset[str]) -> dict[str, str]:
    """``names`` by their lower-case spelling."""
    return {known.lower(): known for known in names}


def _text(element: etree._Element | None) -> str:
    """All the text in ``element`` (none for a missing one)."""
    if element is None:
        return ""
    if not len(element):
        return element.text or ""
    return "".join(part for part in element.itertext() if isinstance(part, str))


def _is_url(value: str, *, web: bool) -> bool:
    """``value`` is a full URI (W3C's rfc2396_full); with ``web``, an http(s) one."""
    value = value.strip()
    if not _URI.fullmatch(value):
        return False
    scheme = value.partition(":")[0].lower()
    if web and scheme not in ("http", "https"):
        return False
    return scheme not in ("http", "https", "ftp") or _HIERARCHICAL.match(value) is not None


def is_mime(value: str) -> bool:
    """``value`` has the form of a MIME type (``audio/mpeg``), as rss-enclosure-type requires."""
    return _MIME.fullmatch(value.strip()) is not None


def _encoded(url: str) -> str:
    """``url`` with its non-ASCII characters and spaces percent-encoded, as a browser sends it."""
    return quote(url.strip(), safe="".join(chr(c) for c in range(0x21, 0x7F)))


def _is_contact(value: str) -> bool:
    """An e-mail address as RSS 2.0 writes one: ``addr``, ``addr (Name)`` or ``Name <addr>``."""
    value = value.strip()
    match = _NAME_AND_ADDRESS.fullmatch(value) or _ADDRESS_AND_NAME.fullmatch(value)
    return match is not None and _ADDRESS.fullmatch(match.group(1).strip()) is not None


def is_language(value: str) -> bool:
    """An RFC 5646 language tag whose primary subtag is an ISO 639 code (``it``, ``it-IT``, ``x-…``)."""
    parts = value.strip().split("-")
    primary = parts[0].lower()
    if primary in ("x", "i"):  # private use and RFC 5646's grandfathered tags
        return len(parts) > 1 and all(_SUBTAG.fullmatch(part) for part in parts[1:])
    return primary in _ISO_639 and all(_SUBTAG.fullmatch(part) for part in parts[1:])


def _is_w3cdtf(value: str) -> bool:
    """A W3C-DTF date (https://www.w3.org/TR/NOTE-datetime): a year, a month or a day, or a day and a
    time with its zone, whose fields are a real date and time (in ASCII digits)."""
    match = _W3CDTF.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(part) if part else None for part in match.group(1, 2, 3, 4, 5, 6))
    try:
        datetime(year or 1, month or 1, day or 1, hour or 0, minute or 0, min(second or 0, 59))  # 60: a leap second
    except ValueError:
        return False
    zone = match.group(7)
    return zone is None or zone == "Z" or (int(zone[1:3]) <= 23 and int(zone[4:6]) <= 59)


_W3CDTF = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]+)?)?"
                     r"(Z|[+-][0-9]{2}:[0-9]{2}))?)?)?", re.ASCII)


def _integer(value: str) -> int | None:
    """The whole number ``value`` writes in ASCII digits (spaces around allowed), or None:
    superscript, Arabic-Indic or full-width digits are no number here."""
    value = value.strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def _image_extension_ok(url: str) -> bool:
    last = url.split("#", 1)[0].split("?", 1)[0].rstrip("/").rpartition("/")[2]
    if "." not in last:
        return True  # no extension to judge by
    extension = last.rpartition(".")[2].lower()
    return not extension.isalnum() or extension in _IMAGE_EXTENSIONS


def _html_in(text: str) -> str | None:
    """The first HTML end tag or character reference in ``text`` (already parsed from XML, so
    what is left is markup the feed escaped, or escaped twice), as written; None without."""
    if "<" in text:
        for match in _END_TAG.finditer(text):
            if match.group(1).lower() in _HTML_TAGS:
                return match.group()
    if "&" in text:
        for match in _ENTITY.finditer(text):
            if match.group(1).startswith("#") or match.group(1) in _HTML_ENTITIES:
                return match.group()
    return None


# ISO 639-1 (two letters) and ISO 639-2 (three letters, bibliographic and terminological codes),
# from the iso-codes project (Debian's /usr/share/iso-codes/json/iso_639-2.json); and the
# two-letter codes ISO 639-1 withdrew that Java and old feeds still write (iw, in, ji, jw, mo, sh).
_ISO_639_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da "
    "de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz "
    "ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln "
    "lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi "
    "pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti "
    "tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu "
    "iw in ji jw mo sh "
    "aar abk ace ach ada ady afa afh afr ain aka akk alb ale alg alt amh ang anp apa ara arc arg arm "
    "arn arp art arw asm ast ath aus ava ave awa aym aze bad bai bak bal bam ban baq bas bat bej bel "
    "bem ben ber bho bih bik bin bis bla bnt bod bos bra bre btk bua bug bul bur byn cad cai car cat "
    "cau ceb cel ces cha chb che chg chi chk chm chn cho chp chr chu chv chy cmc cnr cop cor cos cpe "
    "cpf cpp cre crh crp csb cus cym cze dak dan dar day del den deu dgr din div doi dra dsb dua dum "
    "dut dyu dzo efi egy eka ell elx eng enm epo est eus ewe ewo fan fao fas fat fij fil fin fiu fon "
    "fra fre frm fro frr frs fry ful fur gaa gay gba gem geo ger gez gil gla gle glg glv gmh goh gon "
    "gor got grb grc gre grn gsw guj gwi hai hat hau haw heb her hil him hin hit hmn hmo hrv hsb hun "
    "hup hye iba ibo ice ido iii ijo iku ile ilo ina inc ind ine inh ipk ira iro isl ita jav jbo jpn "
    "jpr jrb kaa kab kac kal kam kan kar kas kat kau kaw kaz kbd kha khi khm kho kik kin kir kmb kok "
    "kom kon kor kos kpe krc krl kro kru kua kum kur kut lad lah lam lao lat lav lez lim lin lit lol "
    "loz ltz lua lub lug lui lun luo lus mac mad mag mah mai mak mal man mao map mar mas may mdf mdr "
    "men mga mic min mis mkd mkh mlg mlt mnc mni mno moh mon mos mri msa mul mun mus mwl mwr mya myn "
    "myv nah nai nap nau nav nbl nde ndo nds nep new nia nic niu nld nno nob nog non nor nqo nso nub "
    "nwc nya nym nyn nyo nzi oci oji ori orm osa oss ota oto paa pag pal pam pan pap pau peo per phi "
    "phn pli pol pon por pra pro pus qaa-qtz que raj rap rar roa roh rom ron rum run rup rus sad sag "
    "sah sai sal sam san sas sat scn sco sel sem sga sgn shn sid sin sio sit sla slk slo slv sma sme "
    "smi smj smn smo sms sna snd snk sog som son sot spa sqi srd srn srp srr ssa ssw suk sun sus sux "
    "swa swe syc syr tah tai tam tat tel tem ter tet tgk tgl tha tib tig tir tiv tkl tlh tli tmh tog "
    "ton tpi tsi tsn tso tuk tum tup tur tut tvl twi tyv udm uga uig ukr umb und urd uzb vai ven vie "
    "vol vot wak wal war was wel wen wln wol xal xho yao yap yid yor ypk zap zbl zen zgh zha zho znd "
    "zul zun zxx zza"
)
_ISO_639 = frozenset(_ISO_639_CODES.split())
