// reset-stories: the episode player, its chapters and transcript, and the "Copia" button.
// Everything here is an enhancement: without JavaScript the browser's own player and the download
// link work, the chapters and the transcript are plain text and links, and the feed address stays
// selectable in its text field. Nothing is sent anywhere: the position to resume from stays in the
// visitor's browser (localStorage).
(function () {
  "use strict";

  var SKIP_BACK = 15, SKIP_FORWARD = 30, ARROW = 15, PAGE = 60;
  var MIN_RESUME = 5; // seconds: nearer the start or the end there is nothing worth resuming
  var STORE = "reset-stories:posizione:"; // + the audio's address

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // "02:05", "1:02:05": as the chapters' and the transcript's times are written (whole seconds).
  function clock(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    var h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60), s = whole % 60;
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    return (h ? h + ":" : "") + two(m) + ":" + two(s);
  }
  // Shared with the search box (search.js), which writes its moments' times the same way.
  window.resetStories = { clock: clock };

  // "3 minuti 20 secondi": a time as a screen reader says it.
  function words(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    var h = Math.floor(whole / 3600), m = Math.floor(whole % 3600 / 60), s = whole % 60;
    var parts = [];
    if (h) parts.push(h === 1 ? "1 ora" : h + " ore");
    if (m) parts.push(m === 1 ? "1 minuto" : m + " minuti");
    if (s || !parts.length) parts.push(s === 1 ? "1 secondo" : s + " secondi");
    return parts.join(" ");
  }

  // localStorage may be missing or refuse (private browsing, storage turned off): then no resume.
  function stored(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch (error) { /* nothing to remember with */ }
    return null;
  }

  var players = [];

  // One player (rs.player): our controls over its <audio>, which stays the engine.
  function Player(box) {
    var audio = box.querySelector("audio");
    var bar = box.querySelector("[data-rs-bar]");
    var range = bar.querySelector("[data-rs-range]");
    var button = bar.querySelector("[data-rs-play]");
    var current = bar.querySelector("[data-rs-current]");
    var chapterLabel = bar.querySelector("[data-rs-chapter]");
    var status = bar.querySelector(".rs-player__status");
    var restart = bar.querySelector("[data-rs-restart]");
    var speed = bar.querySelector("[data-rs-speed]");
    var total = parseFloat(box.getAttribute("data-rs-duration")) || 0; // known at build time
    var chapters = all(bar, "[data-rs-mark]").map(function (mark) {
      return { start: parseFloat(mark.getAttribute("data-rs-mark")), title: mark.getAttribute("data-rs-mark-title") };
    });
    var key = STORE + audio.src;
    var pending = null; // where to start, while the audio is not loaded (preload="none")
    var dragging = false, shownSecond = null, shownChapter, savedAt = null;
    var self = this;
    this.audio = audio;

    function length() {
      return isFinite(audio.duration) && audio.duration > 0 ? audio.duration : total;
    }
    function position() {
      return pending !== null ? pending : audio.currentTime;
    }
    function say(text) {
      status.textContent = text;
    }

    function show() {
      var t = position(), second = Math.floor(t);
      range.style.setProperty("--rs-done", (length() ? Math.min(100, t / length() * 100) : 0) + "%");
      if (!dragging) range.value = t;
      if (second !== shownSecond) {
        shownSecond = second;
        current.textContent = clock(t);
        range.setAttribute("aria-valuetext", words(t) + " su " + words(length()));
      }
      if (chapterLabel) {
        var heard = "";
        chapters.forEach(function (chapter) { if (chapter.start <= t) heard = chapter.title; });
        if (heard !== shownChapter) chapterLabel.textContent = shownChapter = heard;
      }
    }

    function remember() {
      var t = position();
      if (t < MIN_RESUME || (length() && t > length() - MIN_RESUME)) stored(key, null);
      else stored(key, String(Math.floor(t)));
      savedAt = t;
    }

    function go(seconds) {
      var t = Math.max(0, length() ? Math.min(seconds, length()) : seconds);
      if (audio.readyState >= 1) {
        pending = null;
        audio.currentTime = t;
      } else {
        pending = t; // applied when the metadata arrives, on play
      }
      show();
      remember();
    }
    this.go = go;

    this.play = function () {
      var played = audio.play();
      if (played) played.catch(function () {});
    };
    this.seek = function (seconds, play) {
      go(seconds);
      if (play) self.play();
      else if (audio.readyState < 1) audio.load(); // a shared moment: its metadata, to show where it is
    };

    function playing() {
      var on = !audio.paused;
      box.classList.toggle("rs-player--playing", on);
      button.setAttribute("aria-label", on ? "Pausa" : "Riproduci");
    }

    audio.addEventListener("loadedmetadata", function () {
      if (pending !== null) {
        audio.currentTime = pending;
        pending = null;
      }
      show();
    });
    audio.addEventListener("timeupdate", function () {
      show();
      if (savedAt === null || Math.abs(audio.currentTime - savedAt) >= 5) remember();
    });
    audio.addEventListener("play", function () {
      playing();
      players.forEach(function (other) { if (other !== self) other.audio.pause(); });
      lockScreen(self, box);
      if (restart && !restart.hidden) { // the note about where it resumed has done its work
        restart.hidden = true;
        say("");
      }
    });
    audio.addEventListener("pause", function () {
      playing();
      remember();
    });
    audio.addEventListener("ended", function () {
      playing();
      stored(key, null);
    });
    audio.addEventListener("error", function () {
      playing();
      say("L'audio non si carica: prova più tardi, o scaricalo con il pulsante qui sotto.");
    });
    audio.addEventListener("ratechange", function () {
      speed.value = String(audio.playbackRate);
    });
    ["loadedmetadata", "play", "pause", "ratechange", "seeked"].forEach(function (name) {
      audio.addEventListener(name, function () { positionState(self); });
    });
    window.addEventListener("pagehide", function () { if (!audio.paused) remember(); });

    button.addEventListener("click", function () {
      if (audio.paused) self.play();
      else audio.pause();
    });
    all(bar, "[data-rs-skip]").forEach(function (skip) {
      skip.addEventListener("click", function () { go(position() + parseFloat(skip.getAttribute("data-rs-skip"))); });
    });
    range.addEventListener("input", function () {
      dragging = true;
      var t = parseFloat(range.value);
      current.textContent = clock(t);
      range.setAttribute("aria-valuetext", words(t) + " su " + words(length()));
    });
    range.addEventListener("change", function () {
      dragging = false;
      go(parseFloat(range.value));
    });
    ["pointerup", "pointercancel", "blur"].forEach(function (name) {
      range.addEventListener(name, function () { dragging = false; }); // also when let go where it was
    });
    range.addEventListener("keydown", function (event) {
      var steps = { ArrowLeft: -ARROW, ArrowDown: -ARROW, ArrowRight: ARROW, ArrowUp: ARROW, PageDown: -PAGE, PageUp: PAGE };
      var t = position();
      if (event.key in steps) t += steps[event.key];
      else if (event.key === "Home") t = 0;
      else if (event.key === "End") t = length();
      else return;
      event.preventDefault();
      go(t);
    });
    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });

    // A link to the moment being heard.
    bar.querySelector("[data-rs-share]").addEventListener("click", function () {
      var moment = "#t=" + Math.floor(position());
      var link = location.origin + location.pathname + moment;
      if (navigator.clipboard) {
        navigator.clipboard.writeText(link).then(function () { say("Link copiato: " + link); }, function () { say(link); });
      } else {
        say(link);
      }
      history.replaceState(null, "", moment);
    });

    if (restart) {
      restart.addEventListener("click", function () {
        go(0);
        restart.hidden = true;
        say("Dall'inizio.");
      });
    }

    // Back on an episode heard in part: start where the visitor stopped, and say so.
    this.resume = function () {
      var saved = parseFloat(stored(key));
      if (!(saved >= MIN_RESUME && (!length() || saved < length() - MIN_RESUME)) || !audio.paused) return;
      go(saved);
      say("Riprendi da " + clock(saved));
      if (restart) restart.hidden = false;
    };

    // The native controls give way to ours.
    speed.value = String(audio.playbackRate);
    audio.controls = false;
    playing();
    show();
    box.classList.add("rs-player--ready");
  }

  // The Media Session API: phones show the episode, its artwork and the controls on the lock screen.
  var session = "mediaSession" in navigator ? navigator.mediaSession : null;
  var heard = null; // the player the lock screen controls

  function lockScreen(player, box) {
    if (!session) return;
    heard = player;
    var parts = (box.getAttribute("data-rs-artwork") || "").split(/\s+/).filter(Boolean), artwork = [];
    for (var i = 0; i + 2 < parts.length; i += 3) {
      artwork.push({ src: new URL(parts[i], document.baseURI).href, sizes: parts[i + 1], type: parts[i + 2] });
    }
    var show = box.getAttribute("data-rs-show") || "";
    try {
      session.metadata = new MediaMetadata({ title: box.getAttribute("data-rs-title") || "", artist: show, album: show, artwork: artwork });
    } catch (error) { return; }
    var audio = player.audio;
    var handlers = {
      play: function () { player.play(); },
      pause: function () { audio.pause(); },
      seekbackward: function (details) { player.go(audio.currentTime - (details.seekOffset || SKIP_BACK)); },
      seekforward: function (details) { player.go(audio.currentTime + (details.seekOffset || SKIP_FORWARD)); },
      seekto: function (details) {
        if (details.fastSeek && audio.fastSeek) audio.fastSeek(details.seekTime);
        else player.go(details.seekTime);
      },
    };
    Object.keys(handlers).forEach(function (action) {
      try { session.setActionHandler(action, handlers[action]); } catch (error) { /* not supported here */ }
    });
  }

  function positionState(player) {
    if (!session || heard !== player) return;
    var audio = player.audio;
    session.playbackState = audio.paused ? "paused" : "playing";
    if (!session.setPositionState || !(audio.duration > 0) || !isFinite(audio.duration)) return;
    try {
      session.setPositionState({ duration: audio.duration, playbackRate: audio.playbackRate, position: Math.min(audio.currentTime, audio.duration) });
    } catch (error) { /* a state the browser refuses: the lock screen shows less */ }
  }

  // --- The page around the player: chapters, transcript, shared moments -------------------------

  all(document, "[data-rs-player]:not(.rs-player--ready)").forEach(function (box) {
    if (box.querySelector("audio") && box.querySelector("[data-rs-bar]")) players.push(new Player(box));
  });
  var main = players[0]; // the page's episode: its chapters and transcript are the page's

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-rs-seek]");
    if (link && main) {
      event.preventDefault();
      var seconds = parseFloat(link.getAttribute("data-rs-seek"));
      main.seek(seconds, true);
      history.replaceState(null, "", "#t=" + seconds);
      return;
    }
    var button = event.target.closest("[data-rs-copy]");
    if (button) copy(button);
  });

  // Mark the cue and the chapter being heard (aria-current tells screen readers too).
  function mark(items, time, useEnd) {
    var current = null;
    items.forEach(function (item) {
      var start = parseFloat(item.getAttribute("data-rs-start"));
      var end = useEnd ? parseFloat(item.getAttribute("data-rs-end")) : Infinity;
      if (start <= time && time < end) current = item;
    });
    items.forEach(function (item) {
      if (item === current) item.setAttribute("aria-current", "time");
      else item.removeAttribute("aria-current");
    });
  }

  function follow(audio) {
    var cues = all(document, ".rs-cue[data-rs-start]");
    var chapters = all(document, ".rs-chapter[data-rs-start]");
    audio.addEventListener("timeupdate", function () {
      mark(cues, audio.currentTime, true);
      mark(chapters, audio.currentTime, false);
    });
  }

  // A link to a moment (a search hit, a shared link): the cue said then is marked and scrolled
  // into view, the transcript's own scroll box too, and its time link takes the focus (press it
  // to listen from there).
  function show(time) {
    var cues = all(document, ".rs-cue[data-rs-start]");
    var said = null;
    cues.forEach(function (cue) {
      if (parseFloat(cue.getAttribute("data-rs-start")) <= time) said = cue;
    });
    if (!said) return;
    cues.forEach(function (cue) {
      if (cue === said) cue.setAttribute("aria-current", "time");
      else cue.removeAttribute("aria-current");
    });
    var link = said.querySelector("[data-rs-seek]");
    if (link) link.focus({ preventScroll: true });
    said.scrollIntoView({ block: "center" });
  }

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-rs-copy"));
    if (!field) return;
    field.select();
    var done = function () {
      var label = button.textContent;
      button.textContent = button.getAttribute("data-rs-copied") || label;
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard) navigator.clipboard.writeText(field.value).then(done, function () {});
    else if (document.execCommand("copy")) done();
  }

  if (main) {
    follow(main.audio);
    // A shared link to a moment (…/episodio/#t=125) starts the player there, when pressed;
    // otherwise each player offers to go on where the visitor stopped.
    var moment = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash);
    if (moment) {
      main.seek(parseFloat(moment[1]), false);
      show(parseFloat(moment[1]));
    }
    players.forEach(function (player) { if (!(moment && player === main)) player.resume(); });
  }
})();
