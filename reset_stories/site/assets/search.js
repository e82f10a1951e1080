// reset-stories: the search box in the header (templates/partials/search.html, issue 15).
// The index is Pagefind's, made by the publishing stage from the built site (publish/search.py):
// nothing is loaded until the visitor types, then only the fragments of the index that the words
// searched need, all from this site. Results are grouped by page; on an episode page, each match
// in the transcript is a moment: the time, the voice when the transcript names it, the words
// around the match (highlighted), and a link to the episode at that moment (…/#t=125), where the
// page's script readies the player and shows the cue.
(function () {
  "use strict";

  var box = document.querySelector("[data-rs-search]");
  if (!box || !("fetch" in window)) return;
  var CUE = "rs-t-"; // a transcript cue's id: rs-t-<start in seconds>[-n] (content/transcripts.py)
  var VOICE = "-voce"; // + the cue's id: the voice's name in that cue
  var RESULTS = 10; // results (pages, or segments of a transcript) fetched at a time
  var MOMENTS = 4; // moments shown per page
  var AROUND = 12; // words either side of a match

  // Italian stop words (after Snowball's list): left out of a query. They are in every page, so
  // the index's part for them is the largest to fetch (half a megabyte at a thousand hour-long
  // transcripts), and they say nothing of what is sought ("testimonianze di Aldo" looks for
  // "testimonianze" and "Aldo"); a query of stop words alone is not sent (the visitor is asked
  // for a more precise word).
  var STOP = ("a ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli dall dagl dalla dalle " +
    "di del dello dei degli dell degl della delle in nel nello nei negli nell negl nella nelle su sul sullo sui " +
    "sugli sull sugl sulla sulle per tra fra il lo la i gli le l un uno una un' e ed o od ma che chi cui non " +
    "come dove quando se anche più ne ci vi si mi ti lui lei noi voi loro io tu egli esso essa questo questa " +
    "questi queste quello quella quelli quelle è e' sono era erano sia essere stato stata ha hanno ho abbiamo " +
    "avete aveva avere c' d' l' s' m' t' v' n' dell' all' dall' nell' sull' quest' quell' tutto tutti molto poi").split(" ");

  function meaningful(query) {
    var words = query.split(/\s+/).filter(Boolean);
    var kept = words.filter(function (word) {
      return STOP.indexOf(word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, "")) < 0;
    });
    return kept.join(" ");
  }

  var form = box.querySelector("form");
  var field = box.querySelector(".rs-search__field");
  var panel = box.querySelector(".rs-search__panel");
  var list = box.querySelector(".rs-search__groups");
  var summary = box.querySelector(".rs-search__summary");
  var more = box.querySelector(".rs-search__more");
  var status = box.querySelector("[role=status]");
  var index = new URL(box.getAttribute("data-rs-search"), document.baseURI).href;
  var root = new URL("../", index).href; // the index is at the site's root
  var loading = null, asked = 0, timer = null, found = [], shown = 0, sought = "";

  function load() {
    if (!loading) {
      loading = import(index + "pagefind.js").then(function (pagefind) {
        return Promise.resolve(pagefind.options({ basePath: new URL(index).pathname.replace(/^\/+/, "/"), baseUrl: "/" }))
          // The archive of older transcripts is an index of its own (publish/search.py), searched
          // together with this one: reset-stories.json names it (an empty list when there is none).
          .then(function () { return fetch(index + "reset-stories.json").then(function (answer) { return answer.json(); }); })
          .then(function (merged) {
            return Promise.all((merged.merge || []).map(function (path) {
              return pagefind.mergeIndex(new URL(path, index).pathname, { baseUrl: "/" });
            }));
          })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // The words from..to (a word is what lies between spaces, as Pagefind counts them), the matches
  // marked, cut to AROUND words either side of the first match.
  function excerpt(words, from, to, matches) {
    var first = matches.length ? matches[0] : from;
    var start = Math.max(from, first - AROUND), end = Math.min(to, first + AROUND + 1);
    var text = element("span", "rs-search__words");
    if (start > from) text.appendChild(document.createTextNode("… "));
    for (var at = start; at < end; at++) {
      if (at > start) text.appendChild(document.createTextNode(" "));
      if (matches.indexOf(at) >= 0) marked(text, words[at]);
      else text.appendChild(document.createTextNode(words[at]));
    }
    if (end < to) text.appendChild(document.createTextNode(" …"));
    return text;
  }

  // A word found, marked without the punctuation around it ("«testimonianza»." → testimonianza).
  function marked(parent, word) {
    var parts = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(word);
    if (!parts || !parts[2]) {
      parent.appendChild(element("mark", "", word));
      return;
    }
    if (parts[1]) parent.appendChild(document.createTextNode(parts[1]));
    parent.appendChild(element("mark", "", parts[2]));
    if (parts[3]) parent.appendChild(document.createTextNode(parts[3]));
  }

  function count(text) {
    return text ? text.split(/[\r\n\s]+/g).filter(Boolean).length : 0;
  }

  // A page's matches, told apart: those in transcript cues (moments), the others (the page's text).
  function sortOut(page) {
    var words = page.content.split(/[\r\n\s]+/g);
    var voices = {};
    var cues = [];
    (page.anchors || []).forEach(function (anchor) {
      var id = anchor.id || "";
      if (id.indexOf(CUE) !== 0) return;
      if (id.slice(-VOICE.length) === VOICE) voices[id.slice(0, -VOICE.length)] = anchor.text;
      else cues.push(anchor);
    });
    cues.sort(function (a, b) { return a.location - b.location; });
    var moments = [], rest = [];
    var locations = page.locations.slice().sort(function (a, b) { return a - b; });
    locations.forEach(function (at) {
      for (var i = cues.length - 1; i >= 0; i--) {
        var cue = cues[i];
        if (cue.location <= at && at < cue.location + count(cue.text)) {
          var last = moments[moments.length - 1];
          if (last && last.cue === cue) last.matches.push(at);
          else moments.push({ cue: cue, matches: [at] });
          return;
        }
      }
      rest.push(at);
    });
    return { words: words, voices: voices, moments: moments, rest: rest };
  }

  // The results, one group per page: a transcript is indexed in segments (publish/search.py),
  // each with its episode's address and title, so that an episode's moments gather under it.
  var groups = {};

  function groupOf(page) {
    var url = new URL(((page.meta && page.meta.url) || page.url).replace(/^\//, ""), root).href;
    var group = groups[url];
    if (group) return group;
    var item = element("li", "rs-search__group");
    var title = element("a", "rs-search__page", (page.meta && page.meta.title) || page.url);
    title.href = url;
    item.appendChild(title);
    var moments = element("ul", "rs-search__moments");
    var others = element("p", "rs-search__others");
    group = groups[url] = { url: url, item: item, moments: moments, others: others, hidden: 0, excerpt: false };
    list.appendChild(item);
    return group;
  }

  function addMoment(group, parts, moment) {
    var cue = moment.cue;
    var start = parseFloat(cue.id.slice(CUE.length));
    if (group.moments.children.length >= MOMENTS) {
      group.hidden += 1;
      group.others.textContent = group.hidden === 1
        ? "E un altro momento in questo episodio." : "E altri " + group.hidden + " momenti in questo episodio.";
      if (!group.others.parentNode) group.item.appendChild(group.others);
      return;
    }
    var voice = parts.voices[cue.id];
    var skip = count(voice);
    var line = element("li", "rs-search__moment");
    line.setAttribute("data-rs-start", String(start));
    var link = element("a", "rs-search__cue");
    link.href = group.url + "#t=" + cue.id.slice(CUE.length).replace(/-\d+$/, "");
    var time = element("span", "rs-search__time");
    time.appendChild(element("span", "rs-hidden-text", "Ascolta da "));
    time.appendChild(document.createTextNode(window.resetStories.clock(start)));
    link.appendChild(time);
    if (voice) link.appendChild(element("span", "rs-search__voice", voice));
    var said = moment.matches.filter(function (at) { return at >= cue.location + skip; });
    link.appendChild(excerpt(parts.words, cue.location + skip, cue.location + count(cue.text), said));
    line.appendChild(link);
    // In the order they were said.
    var after = Array.prototype.filter.call(group.moments.children, function (other) {
      return parseFloat(other.getAttribute("data-rs-start")) > start;
    })[0];
    group.moments.insertBefore(line, after || null);
    if (!group.moments.parentNode) group.item.insertBefore(group.moments, group.others.parentNode ? group.others : null);
  }

  function add(page) {
    var group = groupOf(page);
    var parts = sortOut(page);
    if (!group.excerpt && (parts.rest.length || !parts.moments.length)) {
      var text = element("p", "rs-search__excerpt");
      text.appendChild(excerpt(parts.words, 0, parts.words.length, parts.rest));
      group.item.insertBefore(text, group.item.children[1] || null);
      group.excerpt = true;
    }
    parts.moments.forEach(function (moment) { addMoment(group, parts, moment); });
  }

  function open(isOpen) {
    panel.hidden = !isOpen;
  }

  function say(text) {
    summary.textContent = text;
    status.textContent = text;
  }

  // How many pages were found (those shown), and whether there are more.
  function tell() {
    var quoted = "«" + sought + "»";
    var pages = list.children.length;
    if (!found.length) say("Nessun risultato per " + quoted + ".");
    else say(quoted + ": " + (pages === 1 ? "una pagina" : pages + " pagine") + (more.hidden ? "." : ", e altri risultati più sotto."));
  }

  function showMore() {
    var next = found.slice(shown, shown + RESULTS);
    var turn = asked;
    return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
      if (turn !== asked) return;
      pages.forEach(add);
      shown += next.length;
      more.hidden = shown >= found.length;
    });
  }

  function search(query) {
    var turn = ++asked;
    if (!query) {
      list.textContent = "";
      say("");
      open(false);
      return;
    }
    var words = meaningful(query);
    if (!words) {
      list.textContent = "";
      more.hidden = true;
      say("«" + query + "»: parole troppo comuni per cercarle da sole. Aggiungi una parola più precisa.");
      open(true);
      return;
    }
    load().then(function (pagefind) {
      return pagefind.search(words);
    }).then(function (answer) {
      if (turn !== asked) return;
      found = answer.results;
      shown = 0;
      groups = {};
      list.textContent = "";
      return showMore().then(function () {
        if (turn !== asked) return;
        sought = query;
        tell();
        open(true);
      });
    }).catch(function () {
      if (turn !== asked) return;
      list.textContent = "";
      say("La ricerca non è disponibile su questa copia del sito.");
      more.hidden = true;
      open(true);
    });
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    var query = field.value.trim();
    timer = setTimeout(function () { search(query); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(field.value.trim());
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      tell();
      // The first new page; else (the new results went to pages shown) the last result.
      var all = list.querySelectorAll("a");
      var link = list.children[first] ? list.children[first].querySelector("a") : all[all.length - 1];
      if (link) link.focus();
    });
  });

  // By keyboard: ↓ from the field to the results, ↑/↓ between them, Esc back to the field.
  function links() {
    return Array.prototype.slice.call(panel.querySelectorAll("a, button:not([hidden])"));
  }
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      if (!panel.hidden) {
        event.preventDefault();
        open(false);
        field.focus();
      }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var all = links();
    if (!all.length || panel.hidden) return;
    var at = all.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    event.preventDefault();
    if (next < 0) field.focus();
    else all[Math.min(next, all.length - 1)].focus();
  });
  // "/" (as on Material's sites) or Ctrl+K / ⌘K (as on Zensical's) go to the field.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing;
    var k = (event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!slash && !k) return;
    event.preventDefault();
    field.focus();
    field.select();
  });
  field.addEventListener("focus", function () {
    if (field.value.trim() && list.children.length) open(true);
  });
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) open(false);
  });
})();
