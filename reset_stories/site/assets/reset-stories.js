// reset-stories: the episode player's chapters and transcript, and the "Copia" button.
// Everything here is an enhancement: without JavaScript the chapters and the transcript are
// plain text and links, and the feed address stays selectable in its text field.
(function () {
  "use strict";

  function player() {
    return document.querySelector(".rs-player audio");
  }

  // Start playing at `seconds`, also when the audio has not loaded yet (preload="none").
  function seek(audio, seconds, play) {
    var go = function () {
      audio.currentTime = seconds;
      if (play) audio.play().catch(function () {});
    };
    if (audio.readyState >= 1) go();
    else {
      audio.addEventListener("loadedmetadata", go, { once: true });
      audio.load();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-rs-seek]");
    var audio = player();
    if (link && audio) {
      event.preventDefault();
      var seconds = parseFloat(link.getAttribute("data-rs-seek"));
      seek(audio, seconds, true);
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
    var cues = Array.prototype.slice.call(document.querySelectorAll(".rs-cue[data-rs-start]"));
    var chapters = Array.prototype.slice.call(document.querySelectorAll(".rs-chapter[data-rs-start]"));
    audio.addEventListener("timeupdate", function () {
      mark(cues, audio.currentTime, true);
      mark(chapters, audio.currentTime, false);
    });
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

  // Playback speed, and a link to the moment being heard.
  function tools(audio) {
    var box = document.querySelector("[data-rs-tools]");
    if (!box) return;
    box.hidden = false;
    var speed = box.querySelector("[data-rs-speed]");
    speed.addEventListener("change", function () { audio.playbackRate = parseFloat(speed.value); });
    var status = box.querySelector("[role=status]");
    box.querySelector("[data-rs-share]").addEventListener("click", function () {
      var link = location.origin + location.pathname + "#t=" + Math.floor(audio.currentTime);
      var say = function (text) { status.textContent = text; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(link).then(function () { say("Link copiato: " + link); }, function () { say(link); });
      } else {
        say(link);
      }
      history.replaceState(null, "", "#t=" + Math.floor(audio.currentTime));
    });
  }

  var audio = player();
  if (audio) {
    follow(audio);
    tools(audio);
    // A shared link to a moment: …/episodio/#t=125 starts the player there (when pressed).
    var moment = /^#t=(\d+(?:\.\d+)?)$/.exec(location.hash);
    if (moment) seek(audio, parseFloat(moment[1]), false);
  }
})();
