"""``lint URL`` and ``lint --remote`` against real HTTP servers on 127.0.0.1 that behave like real
podcast hosts and their faults (tests/remote_hosts.py). Every remote-* rule has a case where it is
found and one where it is not.

HTTPS is tested with a self-signed certificate made by the openssl command (skipped without it)
and trusted through ``SSL_CERT_FILE``, which OpenSSL reads each time a default context is made.
What cannot be tested here: a certificate this machine trusts but an app's trust store does not.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterable
from html import escape

import pytest
from remote_hosts import CHAPTERS, VTT, Host, Route, audio, certificate, jpeg, mp3, png, redirect, webp

from reset_stories.lint import parse
from reset_stories.lint.checking import Check, Finding
from reset_stories.lint.remote import (
    RULES,
    Fetched,
    FetchFailed,
    check_remote,
    fetch_feed,
    report_fetch,
)
from reset_stories.lint.rules import RULES as ALL_RULES

MP3 = mp3()
SIZE = len(MP3)

HEAD = (
    '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
    'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Un Palazzo</title>'
)


def feed(*items: str, channel: str = "") -> bytes:
    return (HEAD + channel + "".join(items) + "</channel></rss>").encode()


def item(guid: str, url: str, length: int | str = SIZE, kind: str = "audio/mpeg", extra: str = "") -> str:
    return (f"<item><title>Episodio {guid}</title><guid isPermaLink=\"false\">{guid}</guid>"
            f'<enclosure url="{escape(url)}" length="{length}" type="{kind}"/>{extra}</item>')


def lint(document: bytes, base: str = "http://127.0.0.1/feed.xml", **options: object) -> list[Finding]:
    check = Check(ALL_RULES)
    check_remote(parse(document), check, base_url=base, **options)  # type: ignore[arg-type]
    return check.findings


def rules(findings: Iterable[Finding]) -> list[str]:
    return [f.rule for f in findings]


def fetched_rules(fetched: Fetched) -> list[str]:
    check = Check(ALL_RULES)
    report_fetch(fetched, check)
    return rules(check.findings)


def words(finding: Finding) -> str:
    return ALL_RULES[finding.rule].problem.format(**finding.arguments)


GOOD_FEED = feed(item("a", "/ep.mp3"))


# --- the table ---------------------------------------------------------------------------------------------


def test_every_rule_is_complete_and_italian():
    assert RULES and all(rule.id.startswith("remote-") for rule in RULES)
    for rule in RULES:
        # Every rule names its source with its URL, but the one about our own time limit.
        assert "http" in rule.source or rule.id == "remote-not-checked", rule.id
        assert rule.problem and rule.fix, rule.id
        assert " the " not in f" {rule.problem} {rule.fix} ", rule.id
        assert " di il " not in rule.problem and " a il " not in rule.problem, rule.id


# --- lint URL: the feed's fetch ------------------------------------------------------------------------------


def test_a_good_host_serves_the_feed_as_it_is():
    with Host({"/feed.xml": Route(GOOD_FEED, "application/rss+xml; charset=utf-8")}) as host:
        fetched = fetch_feed(host.url("/feed.xml"))
    assert fetched.body == GOOD_FEED
    assert fetched.url == host.url("/feed.xml") and fetched.redirects == ()
    assert fetched.content_type.startswith("application/rss+xml")
    # Only the http of a local test server: no redirect, the right type.
    assert fetched_rules(fetched) == ["remote-feed-not-https"]


def test_a_gzipped_feed_is_decompressed():
    with Host({"/feed.xml": Route(GOOD_FEED, "text/xml; charset=utf-8", gzip=True)}) as host:
        fetched = fetch_feed(host.url("/feed.xml"))
        assert host.requests("/feed.xml")[0].headers["accept-encoding"].startswith("gzip")
    assert fetched.body == GOOD_FEED
    assert "remote-feed-type" not in fetched_rules(fetched)


def test_https_feed_without_redirects_has_nothing_to_report():
    assert fetched_rules(Fetched(GOOD_FEED, "https://feeds.example.org/p.xml", (), "application/rss+xml", requested="https://feeds.example.org/p.xml")) == []


def test_a_permanent_redirect_is_followed_and_reported_with_the_new_address():
    with Host({"/feed.xml": Route(GOOD_FEED, "application/rss+xml")}) as new, Host({"/rss": redirect(new.url("/feed.xml"), 301)}) as old:
        fetched = fetch_feed(old.url("/rss"))
    assert fetched.url == new.url("/feed.xml") and fetched.redirects == ((301, new.url("/feed.xml")),)
    check = Check(ALL_RULES)
    report_fetch(fetched, check)
    permanent = [f for f in check.findings if f.rule == "remote-feed-redirect-permanent"]
    assert len(permanent) == 1 and permanent[0].arguments["location"] == new.url("/feed.xml")
    assert permanent[0].arguments["url"] == old.url("/rss")
    assert "remote-feed-redirect-temporary" not in rules(check.findings)


@pytest.mark.parametrize("status", [302, 307])
def test_a_temporary_redirect_of_the_feed_is_reported(status):
    # Anchor, Libsyn and feed proxies answer a feed URL with 302 to wherever it is today.
    with Host({"/feed.xml": Route(GOOD_FEED, "application/rss+xml"), "/podcast/rss": redirect("/feed.xml", status)}) as host:
        fetched = fetch_feed(host.url("/podcast/rss"))
    assert fetched.redirects == ((status, host.url("/feed.xml")),)
    found = fetched_rules(fetched)
    assert "remote-feed-redirect-temporary" in found and "remote-feed-redirect-permanent" not in found


def test_a_long_chain_of_redirects_is_reported_and_a_short_one_is_not():
    routes = {f"/hop{n}": redirect(f"/hop{n + 1}", 302) for n in range(6)} | {"/hop6": Route(GOOD_FEED, "application/rss+xml")}
    with Host(routes) as host:
        long = fetch_feed(host.url("/hop0"))
        short = fetch_feed(host.url("/hop4"))
    assert len(long.redirects) == 6 and long.body == GOOD_FEED
    assert "remote-redirect-chain" in fetched_rules(long)
    assert len(short.redirects) == 2 and "remote-redirect-chain" not in fetched_rules(short)


def test_a_redirect_loop_and_too_many_redirects_fail_in_italian():
    routes = {"/a": redirect("/b"), "/b": redirect("/a")} | {f"/h{n}": redirect(f"/h{n + 1}") for n in range(20)}
    with Host(routes) as host:
        with pytest.raises(FetchFailed, match="in tondo"):
            fetch_feed(host.url("/a"))
        with pytest.raises(FetchFailed, match="più di 10 reindirizzamenti"):
            fetch_feed(host.url("/h0"))


def test_a_fall_from_https_to_http_is_reported():
    down = Fetched(GOOD_FEED, "http://cdn.example.org/feed.xml", ((301, "http://cdn.example.org/feed.xml"),),
                   "application/rss+xml", requested="https://www.example.org/feed.xml")
    up = Fetched(GOOD_FEED, "https://www.example.org/feed.xml", ((301, "https://www.example.org/feed.xml"),),
                 "application/rss+xml", requested="http://www.example.org/feed.xml")
    assert "remote-redirect-downgrade" in fetched_rules(down)
    assert "remote-redirect-downgrade" not in fetched_rules(up)
    assert "remote-feed-not-https" in fetched_rules(down) and "remote-feed-not-https" not in fetched_rules(up)


def test_a_redirect_to_a_non_ascii_address_is_reported_and_still_followed():
    with Host({"/feed": redirect("/città.xml", 301), "/citt%C3%A0.xml": Route(GOOD_FEED, "application/rss+xml"),
               "/plain": redirect("/citt%C3%A0.xml", 301)}) as host:
        odd = fetch_feed(host.url("/feed"))
        plain = fetch_feed(host.url("/plain"))
    assert odd.body == GOOD_FEED and odd.url.endswith("/città.xml")
    assert "remote-redirect-not-ascii" in fetched_rules(odd)
    assert "remote-redirect-not-ascii" not in fetched_rules(plain)


@pytest.mark.parametrize(("served", "found"), [
    ("text/html; charset=utf-8", True),  # Squarespace and WordPress pages in front of a feed
    ("application/octet-stream", True),
    ("application/rss+xml; charset=UTF-8", False),
    ("text/xml", False),
    ("application/xml", False),
])
def test_the_feeds_content_type(served, found):
    with Host({"/feed.xml": Route(GOOD_FEED, served)}) as host:
        fetched = fetch_feed(host.url("/feed.xml"))
    assert ("remote-feed-type" in fetched_rules(fetched)) is found


def test_failures_say_what_failed_in_italian():
    with Host({"/gone.xml": Route(status=404), "/broken.xml": Route(status=503), "/close.xml": Route(close=True),
               "/slow.xml": Route(GOOD_FEED, "application/rss+xml", delay=3)}) as host:
        with pytest.raises(FetchFailed, match=r"404 \(non trovato\)"):
            fetch_feed(host.url("/gone.xml"))
        with pytest.raises(FetchFailed, match=r"503 \(servizio non disponibile\)"):
            fetch_feed(host.url("/broken.xml"))
        with pytest.raises(FetchFailed, match="chiuso la connessione"):
            fetch_feed(host.url("/close.xml"))
        started = time.monotonic()
        with pytest.raises(FetchFailed, match="non risponde entro"):
            fetch_feed(host.url("/slow.xml"), timeout=0.5)
        assert time.monotonic() - started < 2.5
        port = host._server.server_address[1]
    with pytest.raises(FetchFailed, match="rifiuta la connessione"):
        fetch_feed(f"http://127.0.0.1:{port}/feed.xml")
    for url in ("file:///etc/passwd", "ftp://example.org/feed.xml", "feed.xml", ""):
        with pytest.raises(FetchFailed, match="non è un indirizzo web"):
            fetch_feed(url)


def test_a_host_that_does_not_exist_is_said_as_such():
    # .invalid never resolves (RFC 6761): the resolver answers at once, without the network.
    with pytest.raises(FetchFailed, match=r"non esiste \(DNS\)"):
        fetch_feed("https://feeds.example.invalid/podcast.xml", timeout=5)


def test_a_redirect_to_a_local_file_is_refused():
    with Host({"/feed.xml": redirect("file:///etc/passwd", 301)}) as host, pytest.raises(FetchFailed, match="non è web"):
        fetch_feed(host.url("/feed.xml"))


def test_a_huge_feed_or_a_compression_bomb_stops_at_the_limit():
    bomb = b"<rss>" + b" " * 5_000_000
    with Host({"/big.xml": Route(b"x" * 200_000, "application/rss+xml"),
               "/bomb.xml": Route(bomb, "application/rss+xml", gzip=True)}) as host:
        with pytest.raises(FetchFailed, match="più grande"):
            fetch_feed(host.url("/big.xml"), limit=100_000)
        assert len(gzip.compress(bomb)) < 100_000
        with pytest.raises(FetchFailed, match="decompresso"):
            fetch_feed(host.url("/bomb.xml"), limit=100_000)
        assert fetch_feed(host.url("/bomb.xml"), limit=6_000_000).body == bomb


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    made = certificate(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("no openssl command to make a certificate with")
    return made


@pytest.fixture
def trusted(tls, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls.cert))
    return tls


def test_an_https_feed_and_its_fall_to_http(trusted):
    with Host({"/feed.xml": Route(GOOD_FEED, "application/rss+xml")}) as plain, \
            Host({"/feed.xml": Route(GOOD_FEED, "application/rss+xml"), "/old.xml": redirect(plain.url("/feed.xml"), 301)},
                 tls=trusted) as secure:
        good = fetch_feed(secure.url("/feed.xml"))
        down = fetch_feed(secure.url("/old.xml"))
    assert good.url.startswith("https://") and fetched_rules(good) == []
    assert down.url == plain.url("/feed.xml")
    assert fetched_rules(down) == ["remote-feed-redirect-permanent", "remote-redirect-downgrade", "remote-feed-not-https"]


def test_an_untrusted_certificate_is_said_in_italian(tls):
    with Host({"/feed.xml": Route(GOOD_FEED, "application/rss+xml")}, tls=tls) as host, \
            pytest.raises(FetchFailed, match="certificato HTTPS"):
        fetch_feed(host.url("/feed.xml"))


# --- lint --remote: the files the feed names -------------------------------------------------------------------

CHANNEL_ART = '<itunes:image href="/art/cover.jpg"/><image><url>/art/logo.png</url><title>t</title><link>/</link></image>'


def good_routes() -> dict[str, Route]:
    return {
        "/ep.mp3": audio(), "/art/cover.jpg": Route(jpeg(1400, 1400), "image/jpeg"), "/art/logo.png": Route(png(144, 144), "image/png"),
        "/art/ep.png": Route(png(3000, 3000), "image/png"), "/p20.webp": Route(webp(64, 64), "image/webp"),
        "/ch.json": Route(CHAPTERS, "application/json+chapters"), "/t.vtt": Route(VTT, "text/vtt; charset=utf-8"),
        "/t.srt": Route(b"1\n00:00:00,000 --> 00:00:04,000\nBenvenuti\n", "application/srt"),
    }


RICH_ITEM = item("a", "/ep.mp3", extra=(
    '<itunes:image href="/art/ep.png"/><podcast:image href="/p20.webp" width="64"/>'
    '<podcast:chapters url="/ch.json" type="application/json+chapters"/>'
    '<podcast:transcript url="/t.vtt" type="text/vtt"/><podcast:transcript url="/t.srt" type="application/x-subrip"/>'
))


def test_a_good_host_has_no_findings_and_each_file_is_asked_as_apps_ask():
    with Host(good_routes()) as host:
        found = lint(feed(RICH_ITEM, channel=CHANNEL_ART), host.url("/feed.xml"))
        assert found == []
        assert [s.method for s in host.requests("/ep.mp3")] == ["HEAD", "GET"]
        assert host.requests("/ep.mp3", "GET")[0].headers["range"] == "bytes=0-1"
        assert host.requests("/art/cover.jpg")[0].headers["range"] == "bytes=0-65535"


def test_a_host_that_ignores_range_is_an_error():
    with Host({"/ep.mp3": audio(ranges=False), "/ok.mp3": audio()}) as host:
        found = lint(feed(item("a", "/ep.mp3"), item("b", "/ok.mp3")), host.url("/feed.xml"))
    assert [(f.rule, f.item) for f in found] == [("remote-range-unsupported", "a")]
    assert "200 con il file intero" in words(found[0])
    assert found[0].element == "item/enclosure@url" and found[0].line == 1


def test_head_refused_is_a_warning_and_the_file_is_still_checked_with_range():
    # S3 presigned URLs and some CDNs answer HEAD 403 or 405; the Range GET then says the size.
    with Host({"/ep.mp3": audio(head=False), "/s3.mp3": audio(head=False, head_status=403), "/ok.mp3": audio()}) as host:
        found = lint(feed(item("a", "/ep.mp3", length=1000), item("b", "/s3.mp3"), item("c", "/ok.mp3")), host.url("/feed.xml"))
    assert [(f.rule, f.item) for f in found] == [
        ("remote-head-refused", "a"), ("remote-length-mismatch", "a"), ("remote-head-refused", "b"),
    ]
    assert found[1].arguments == {"url": "/ep.mp3", "declared": "1000", "served": str(SIZE)}


def test_both_head_and_get_refused_is_the_status_not_a_refused_head():
    with Host({"/ep.mp3": Route(status=403)}) as host:
        found = lint(feed(item("a", "/ep.mp3")), host.url("/feed.xml"))
    assert rules(found) == ["remote-status"] and found[0].arguments["status"] == "403"


@pytest.mark.parametrize(("declared", "found"), [
    (SIZE, False),
    (SIZE + SIZE // 200, False),  # 0.5 %: a host rewrote the ID3 tag
    (SIZE * 2, True),
    (1000, True),
    ("0", False),  # not a length: the feed's rules say so, not this one
    ("٤٨٠٠٠", False), ("²", False), ("", False), ("-5", False), ("9" * 400, True),
])
def test_the_feeds_length_against_the_served_size(declared, found):
    with Host({"/ep.mp3": audio()}) as host:
        result = lint(feed(item("a", "/ep.mp3", length=declared)), host.url("/feed.xml"))
    assert ("remote-length-mismatch" in rules(result)) is found


def test_a_lying_content_length_without_range_is_what_is_compared():
    with Host({"/ep.mp3": audio(ranges=False, length=SIZE * 3)}) as host:
        found = lint(feed(item("a", "/ep.mp3")), host.url("/feed.xml"))
    assert rules(found) == ["remote-range-unsupported", "remote-length-mismatch"]
    assert found[1].arguments["served"] == str(SIZE * 3)


@pytest.mark.parametrize(("served", "declared", "expected"), [
    ("text/html; charset=utf-8", "audio/mpeg", ["remote-served-html"]),  # a Dropbox or Google Drive share page
    ("application/octet-stream", "audio/mpeg", ["remote-enclosure-type"]),  # S3's default
    ("binary/octet-stream", "audio/mpeg", ["remote-enclosure-type"]),
    ("audio/mpeg", "audio/x-m4a", ["remote-enclosure-type"]),
    ("audio/mp4", "audio/x-m4a", []),  # the same format under two names
    ("audio/mpeg", "audio/mp3", []),
    ("audio/x-mpeg", "audio/mpeg", []),  # an old Apache mime table
    ("audio/mpeg; charset=binary", "audio/mpeg", []),
])
def test_the_served_type_against_the_feeds(served, declared, expected):
    with Host({"/ep.mp3": audio(type=served)}) as host:
        found = lint(feed(item("a", "/ep.mp3", kind=declared)), host.url("/feed.xml"))
    assert rules(found) == expected


def test_an_html_page_with_status_200_is_seen_for_what_it_is_whatever_its_type():
    # A login page behind a share link: dynamic, so no Range; its first bytes tell what it is.
    page = b"\n  <!DOCTYPE html><html><head><title>Accedi</title></head><body>login</body></html>"
    with Host({"/ep.mp3": Route(page, "application/octet-stream", ranges=False)}) as host:
        found = lint(feed(item("a", "/ep.mp3", length=len(page))), host.url("/feed.xml"))
    assert rules(found) == ["remote-served-html"]


def test_404_on_one_enclosure_names_that_item_only():
    with Host({"/1.mp3": audio(), "/3.mp3": audio()}) as host:
        found = lint(feed(item("e1", "/1.mp3"), item("e2", "/2.mp3"), item("e3", "/3.mp3")), host.url("/feed.xml"))
    assert [(f.rule, f.item) for f in found] == [("remote-status", "e2")]
    assert "404 (non trovato)" in words(found[0])


@pytest.mark.parametrize("status", [401, 403, 410, 500, 502, 503])
def test_error_statuses(status):
    with Host({"/ep.mp3": Route(status=status)}) as host:
        found = lint(feed(item("a", "/ep.mp3")), host.url("/feed.xml"))
    assert rules(found) == ["remote-status"] and found[0].arguments["status"] == str(status)


def test_an_https_enclosure_sent_to_http_is_an_error(trusted):
    with Host({"/ep.mp3": audio()}) as plain, \
            Host({"/track/ep.mp3": redirect(plain.url("/ep.mp3")), "/ep.mp3": audio()}, tls=trusted) as secure:
        found = lint(feed(item("down", secure.url("/track/ep.mp3")), item("safe", secure.url("/ep.mp3"))))
    assert [(f.rule, f.item) for f in found] == [("remote-redirect-downgrade", "down")]
    assert found[0].arguments == {"url": secure.url("/track/ep.mp3"), "location": plain.url("/ep.mp3")}


def test_unreachable_files():
    with Host({"/close.mp3": Route(close=True)}) as host:
        port = host._server.server_address[1]
        found = lint(feed(item("a", "/close.mp3")), host.url("/feed.xml"))
    assert rules(found) == ["remote-unreachable"] and "chiuso la connessione" in words(found[0])
    refused = lint(feed(item("a", f"http://127.0.0.1:{port}/ep.mp3")))
    assert rules(refused) == ["remote-unreachable"] and "rifiuta la connessione" in words(refused[0])
    ftp = lint(feed(item("a", "ftp://example.org/ep.mp3")))
    assert rules(ftp) == ["remote-unreachable"] and "non è un indirizzo web" in words(ftp[0])


def test_tracking_prefixes_are_followed_and_counted():
    # Podtrac → Chartable → the host's CDN, as many feeds chain them: 3 hops are fine, 6 are too many.
    with Host({"/ep.mp3": audio()}) as cdn:
        routes = {"/podtrac/ep.mp3": redirect("/chartable/ep.mp3"), "/chartable/ep.mp3": redirect(cdn.url("/ep.mp3"))}
        routes |= {f"/p{n}": redirect(f"/p{n + 1}") for n in range(5)} | {"/p5": redirect(cdn.url("/ep.mp3"))}
        with Host(routes) as prefixes:
            found = lint(feed(item("short", prefixes.url("/podtrac/ep.mp3")), item("long", prefixes.url("/p0"))))
    assert [(f.rule, f.item) for f in found] == [("remote-redirect-chain", "long")]
    assert found[0].arguments["count"] == "6"


def test_an_enclosure_redirect_loop_and_a_non_ascii_redirect():
    with Host({"/a.mp3": redirect("/b.mp3"), "/b.mp3": redirect("/a.mp3"), "/u.mp3": redirect("/puntata è.mp3"),
               "/puntata%20%C3%A8.mp3": audio()}) as host:
        found = lint(feed(item("loop", "/a.mp3"), item("odd", "/u.mp3")), host.url("/feed.xml"))
    assert [(f.rule, f.item) for f in found] == [("remote-unreachable", "loop"), ("remote-redirect-not-ascii", "odd")]
    assert "in tondo" in words(found[0])


def test_a_slow_host_is_bounded_by_the_deadline_and_what_was_not_checked_is_said():
    with Host({"/slow1.mp3": audio(delay=4), "/slow2.mp3": audio(delay=4), "/fast.mp3": audio()}) as host:
        started = time.monotonic()
        found = lint(feed(item("s1", "/slow1.mp3"), item("f", "/fast.mp3"), item("s2", "/slow2.mp3")), host.url("/feed.xml"),
                     deadline=1.0, workers=4)
        elapsed = time.monotonic() - started
    assert elapsed < 2.0
    assert [(f.rule, f.item) for f in found] == [("remote-not-checked", "s1"), ("remote-not-checked", "s2")]
    assert "(1 secondo)" in words(found[0])


def test_findings_follow_the_feeds_order_not_the_answers():
    with Host({"/late.mp3": audio(delay=0.3, ranges=False), "/soon.mp3": audio(ranges=False)}) as host:
        found = lint(feed(item("late", "/late.mp3"), item("soon", "/soon.mp3")), host.url("/feed.xml"), workers=2)
    assert [f.item for f in found] == ["late", "soon"]


def test_a_thousand_items_naming_one_enclosure_make_one_request_of_each_kind():
    calls: list[tuple[int, int]] = []
    with Host({"/same.mp3": audio()}) as host:
        found = lint(feed(*(item(f"g{n}", "/same.mp3", length=1000) for n in range(1000))), host.url("/feed.xml"),
                     progress=lambda done, total: calls.append((done, total)))
        assert [s.method for s in host.requests("/same.mp3")] == ["HEAD", "GET"]
    assert calls == [(1, 1)]
    assert len(found) == 1000 and {f.rule for f in found} == {"remote-length-mismatch"}
    assert [f.item for f in found[:3]] == ["g0", "g1", "g2"]


def test_progress_counts_each_distinct_url():
    calls: list[tuple[int, int]] = []
    with Host(good_routes()) as host:
        lint(feed(RICH_ITEM, channel=CHANNEL_ART), host.url("/feed.xml"), progress=lambda d, t: calls.append((d, t)))
    assert calls == [(n, 8) for n in range(1, 9)]


def test_many_hosts_quickly():
    with Host({f"/e{n}.mp3": audio() for n in range(200)}) as host:
        started = time.monotonic()
        found = lint(feed(*(item(f"g{n}", f"/e{n}.mp3") for n in range(200))), host.url("/feed.xml"), workers=8)
    assert found == [] and time.monotonic() - started < 10


# --- artwork, chapters, transcripts ------------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "served", "expected"), [
    (jpeg(1400, 1400), "image/jpeg", []),
    (png(3000, 3000), "image/png", []),
    (webp(1400, 1400), "image/webp", ["remote-image-type"]),
    (jpeg(1400, 1400), "application/octet-stream", ["remote-image-type"]),
    (png(1400, 1400), "image/jpeg", []),  # apps read the content: a PNG named .jpg works
    (jpeg(1000, 800), "image/jpeg", ["remote-artwork-size"]),
    (jpeg(1200, 1200), "image/jpeg", ["remote-artwork-size"]),
    (png(3001, 3001), "image/png", ["remote-artwork-size"]),
    (jpeg(1400, 1400, "CMYK"), "image/jpeg", ["remote-artwork-cmyk"]),
    (jpeg(1400, 1400, "L"), "image/jpeg", []),
])
def test_artwork(body, served, expected):
    with Host({"/cover.jpg": Route(body, served)}) as host:
        found = lint(feed(channel='<itunes:image href="/cover.jpg"/>'), host.url("/feed.xml"))
    assert rules(found) == expected
    if expected:
        assert found[0].element == "channel/itunes:image@href" and found[0].item is None


def test_artwork_without_range_support_is_read_only_in_part():
    big = jpeg(3000, 3000) + b"\x00" * 2_000_000  # trailing bytes: the header is what counts
    with Host({"/cover.jpg": Route(big, "image/jpeg", ranges=False)}) as host:
        found = lint(feed(channel='<itunes:image href="/cover.jpg"/>'), host.url("/feed.xml"))
    assert found == []


def test_other_images_are_only_asked_whether_they_are_there():
    with Host({"/p20.webp": Route(webp(64, 64), "image/webp")}) as host:
        found = lint(feed(item("a", "/nope.mp3", extra='<podcast:image href="/p20.webp"/><podcast:image href="/missing.png"/>')),
                     host.url("/feed.xml"))
    assert [(f.rule, f.element) for f in found] == [("remote-status", "item/enclosure@url"), ("remote-status", "item/podcast:image@href")]


@pytest.mark.parametrize(("body", "served", "expected"), [
    (CHAPTERS, "application/json+chapters", []),
    (CHAPTERS, "application/json; charset=utf-8", []),
    (CHAPTERS, "text/plain", ["remote-chapters-type"]),
    (CHAPTERS, "application/octet-stream", ["remote-chapters-type"]),
    (b"{not json", "application/json", ["remote-chapters-invalid"]),
    (b'{"version": "1.2.0"}', "application/json", ["remote-chapters-invalid"]),
    (b'{"version": "1.2.0", "chapters": [{"title": "x"}]}', "application/json", ["remote-chapters-invalid"]),
    (b'[1, 2]', "text/plain", ["remote-chapters-type", "remote-chapters-invalid"]),
    (b"\xff\xfe", "application/json", ["remote-chapters-invalid"]),
    (b"[" * 100_000, "application/json", ["remote-chapters-invalid"]),
])
def test_chapters(body, served, expected):
    with Host({"/ep.mp3": audio(), "/ch.json": Route(body, served)}) as host:
        found = lint(feed(item("a", "/ep.mp3", extra='<podcast:chapters url="/ch.json" type="application/json+chapters"/>')),
                     host.url("/feed.xml"))
    assert rules(found) == expected


@pytest.mark.parametrize(("served", "declared", "expected"), [
    ("text/vtt", "text/vtt", []),
    ("text/vtt; charset=utf-8", "text/vtt", []),
    ("application/srt", "application/x-subrip", []),
    ("text/plain", "text/vtt", ["remote-transcript-type"]),
    ("application/octet-stream", "application/x-subrip", ["remote-transcript-type"]),
    ("text/html", "text/vtt", ["remote-served-html"]),
    ("text/html", "text/html", []),  # an HTML transcript, as declared
])
def test_transcripts(served, declared, expected):
    with Host({"/ep.mp3": audio(), "/t": Route(VTT, served)}) as host:
        found = lint(feed(item("a", "/ep.mp3", extra=f'<podcast:transcript url="/t" type="{declared}"/>')), host.url("/feed.xml"))
    assert rules(found) == expected


# --- any input -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("document", [
    b"<rss/>", b"<feed/>", b"<rss><channel/></rss>",
    feed('<item><enclosure/></item>', '<item><enclosure url=""/></item>', '<item><enclosure url="   " length="" type=""/></item>'),
    feed(channel='<itunes:image/><itunes:image href=""/><image/><image><url/></image>'),
    feed('<item><podcast:chapters/><podcast:transcript url=""/><guid/></item>'),
    feed(item("a", "http://[::1/ep.mp3"), item("b", "http://127.0.0.1:99999/x.mp3"), item("c", "https://ex%ample.org/€.mp3")),
])
def test_odd_feeds_give_findings_not_exceptions(document):
    found = lint(document, deadline=10)
    assert all(f.rule in ALL_RULES for f in found)


def test_relative_urls_are_read_against_the_feeds_address():
    with Host({"/podcast/ep.mp3": audio()}) as host:
        assert lint(feed(item("a", "ep.mp3")), host.url("/podcast/feed.xml")) == []
        assert host.requests("/podcast/ep.mp3")


# --- what lint-gaps added: the self link, declared image sizes, alternate sources and people, busy hosts ---


SELF = '<atom:link xmlns:atom="http://www.w3.org/2005/Atom" href="{}" rel="self" type="application/rss+xml"/>'


@pytest.mark.parametrize(("href", "reported"), [
    ("{base}/feed.xml", False), ("{base}/feed.xml".replace("http://", "HTTP://"), False),
    ("{base}/rss", True), ("https://elsewhere.example.org/feed.xml", True), ("{base}/feed.xml?format=rss", True),
    ("not a url", False),  # rss-url's, not this rule's
])
def test_the_self_link_is_compared_with_where_the_feed_was_found_after_redirects(href: str, reported: bool):
    with Host() as host:
        document = feed(item("a", "/ep.mp3"), channel=SELF.format(href.format(base=host.base)))
        host.routes.update({"/rss": redirect("/feed.xml", 301), "/feed.xml": Route(document, "application/rss+xml")})
        fetched = fetch_feed(host.url("/rss"), timeout=5)
    found = fetched_rules(fetched)
    assert ("remote-feed-self-link" in found) is reported
    if reported:
        check = Check(ALL_RULES)
        report_fetch(fetched, check)
        (finding,) = [f for f in check.findings if f.rule == "remote-feed-self-link"]
        assert finding.line == 1 and finding.element == "channel/atom:link@href"
        assert finding.arguments["url"] == host.url("/feed.xml")  # the final address, not the one asked


def test_a_self_link_after_the_items_or_in_a_broken_feed_is_not_looked_for():
    for body in (feed(item("a", "/ep.mp3") + SELF.format("https://x.example/other.xml")), b"<rss><channel><atom:link"):
        fetched = Fetched(body, "https://x.example/feed.xml", (), "application/rss+xml")
        assert "remote-feed-self-link" not in fetched_rules(fetched)


def test_the_default_port_and_the_host_s_case_are_the_same_address():
    from reset_stories.lint.remote import _same_address

    assert _same_address("https://Example.org:443/feed.xml", "https://example.org/feed.xml") is True
    assert _same_address("http://example.org:8080/feed.xml", "http://example.org/feed.xml") is False
    assert _same_address("http://example.org:99999999/feed.xml", "http://example.org/feed.xml") is False
    assert _same_address("feed.xml", "http://example.org/feed.xml") is None


def test_a_podcast_image_s_declared_size_is_compared_with_the_image():
    images = {"/wide.jpg": Route(jpeg(1280, 720), "image/jpeg"), "/sq.png": Route(png(300, 300), "image/png")}
    extra = ('<podcast:image href="/wide.jpg" width="1920" height="1080"/><podcast:image href="/sq.png" width="300"/>'
             '<podcast:image href="/sq.png" width="300" height="abc"/><podcast:image href="/sq.png" height="\u00b3\u2070\u2070"/>')
    with Host({"/ep.mp3": audio(), **images}) as host:
        found = lint(feed(item("a", "/ep.mp3", extra=extra)), host.url("/feed.xml"))
        assert host.requests("/wide.jpg")[0].headers["range"] == "bytes=0-65535"  # its header, to read the size
    assert rules(found) == ["remote-image-dimensions"]  # a declared value that is no number is podcast-number's
    assert found[0].arguments == {"url": "/wide.jpg", "width": "1280", "height": "720", "declared": "width=1920 e height=1080"}


def test_alternate_sources_and_people_s_pictures_are_asked_like_other_files():
    extra = ('<podcast:alternateEnclosure type="audio/mpeg"><podcast:source uri="/alt.mp3"/>'
             '<podcast:source uri="ipfs://QmX7b5jxn6Vd3cN4ZrqZ8Gx2pXnYr4bM1sWqL9eT3aKfPz"/></podcast:alternateEnclosure>'
             '<podcast:person img="/giulia.jpg">Giulia</podcast:person><podcast:person img="/gone.jpg">Marco</podcast:person>')
    with Host({"/ep.mp3": audio(), "/alt.mp3": audio(ranges=False, head=False), "/giulia.jpg": Route(jpeg(300, 300), "image/jpeg")}) as host:
        found = lint(feed(item("a", "/ep.mp3", extra=extra)), host.url("/feed.xml"))
        assert [s.method for s in host.requests("/alt.mp3")] == ["HEAD", "GET"]
    assert [(f.rule, f.element) for f in found] == [  # an item's images first, then its other files
        ("remote-status", "item/podcast:person@img"),
        ("remote-head-refused", "item/podcast:alternateEnclosure/podcast:source@uri"),
        ("remote-range-unsupported", "item/podcast:alternateEnclosure/podcast:source@uri"),
    ]


def test_a_busy_host_is_asked_once_more_after_the_pause_it_asks_for():
    with Host({"/ep.mp3": audio(busy=(429,), retry_after="1")}) as host:
        began = time.monotonic()
        found = lint(GOOD_FEED, host.url("/feed.xml"))
        took = time.monotonic() - began
        assert [s.method for s in host.requests("/ep.mp3")] == ["HEAD", "HEAD", "GET"]
    assert found == [] and 1.0 <= took < 5


@pytest.mark.parametrize(("busy", "retry", "asked"), [
    ((503, 503, 503), "3600", 2),  # an hour: not waited for; HEAD and the Range GET, each once
    ((429, 429, 429, 429), None, 4),  # no Retry-After: a second's pause, once per request
])
def test_a_host_still_busy_is_reported_as_it_answered(busy, retry, asked):
    with Host({"/ep.mp3": audio(busy=busy, retry_after=retry)}) as host:
        found = lint(GOOD_FEED, host.url("/feed.xml"))
        assert len(host.requests("/ep.mp3")) == asked
    assert rules(found) == ["remote-status"] and found[0].arguments["status"] == str(busy[0])


def test_the_pause_for_a_busy_host_ends_before_the_deadline():
    with Host({"/ep.mp3": audio(busy=(429,) * 9, retry_after="20")}) as host:
        began = time.monotonic()
        found = lint(GOOD_FEED, host.url("/feed.xml"), deadline=3)
        assert time.monotonic() - began < 5
    assert rules(found) == ["remote-status"]


@pytest.mark.parametrize(("header", "seconds"), [("7", 7.0), (" 0 ", 0.0), ("", None), (None, None), ("soon", None),
                                                 ("\u0663", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("9" * 40, 1e40)])
def test_retry_after_is_read_in_both_forms(header, seconds):
    from reset_stories.web import retry_after

    assert retry_after(header) == (None if seconds is None else pytest.approx(seconds))


def test_the_shared_http_pieces():
    from datetime import UTC, datetime

    from reset_stories.web import audio_family, content_range, retry_after

    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC)) == 10.0
    assert content_range("bytes 0-1/48000") == (0, 48000) and content_range("bytes */12") == (None, 12)
    assert content_range("bytes \u0660-1/48000") == (None, None)  # Arabic-Indic digits are no number
    assert {audio_family(t) for t in ("audio/mpeg", "audio/mp3", "audio/x-mpeg-3", "AUDIO/MPEG; charset=x")} == {"audio/mpeg"}
    assert audio_family("audio/mp4") == audio_family("audio/x-m4a") != audio_family("audio/mpeg")
