/* global document, window */
/*
 * Values on charts and maps by pointer, touch and keyboard. The server draws every mark (a dot, a bar,
 * a tally segment, a country) with a <title> holding its value and n: without JavaScript the browser
 * shows that title on hover and the data tables below the charts hold every value. This script turns
 * each chart into a group of labelled marks with one tab stop (a roving tabindex): Tab enters the chart
 * at a mark, the arrow keys move to the nearest mark in that direction (along a line: its next point),
 * Home and End go to the first and last, letters jump to a country on the map, Escape hides the value.
 * The value shows in a tooltip that is the mark's accessible name, so a screen reader reads the same
 * text. No inline style: positions are set through the CSSOM, which the CSP allows.
 */
(function () {
  "use strict";

  var SELECTOR = "svg.chart, figure.world-map > svg, figure.tally > svg";
  var HINT_ID = "chart-keys";
  var tip = null;
  var shown = null;

  /** Marks of a drawing: the elements holding a <title> of their own (the drawing's title aside). */
  function marksOf(svg) {
    var titles = svg.getElementsByTagName("title");
    var marks = [];
    for (var i = 0; i < titles.length; i++) {
      var parent = titles[i].parentNode;
      if (parent !== svg && parent.namespaceURI === svg.namespaceURI) marks.push(parent);
    }
    return marks;
  }

  function titleOf(mark) {
    for (var child = mark.firstChild; child; child = child.nextSibling)
      if (child.nodeName.toLowerCase() === "title") return child;
    return null;
  }

  /** A mark with nothing to see (a bar of zero height) gets no tab stop. */
  function empty(mark) {
    var tag = mark.nodeName.toLowerCase();
    if (tag === "rect")
      return parseFloat(mark.getAttribute("width")) === 0 || parseFloat(mark.getAttribute("height")) === 0;
    if (tag === "path") return !mark.getAttribute("d");
    return false;
  }

  function ensureTip() {
    if (tip) return tip;
    var host = document.querySelector("main") || document.body;
    tip = document.createElement("div");
    tip.className = "chart-tip";
    // A visual copy of the focused mark's accessible name: hidden from assistive technology.
    tip.setAttribute("aria-hidden", "true");
    tip.hidden = true;
    host.appendChild(tip);
    var hint = document.createElement("p");
    hint.id = HINT_ID;
    hint.className = "visually-hidden";
    hint.textContent =
      "Arrow keys move between the values, Home and End go to the first and the last, Escape hides the value.";
    host.appendChild(hint);
    return tip;
  }

  function show(mark, clientX, clientY) {
    var box = ensureTip();
    if (shown && shown !== mark) shown.classList.remove("tip-on");
    shown = mark;
    mark.classList.add("tip-on");
    box.textContent = mark.getAttribute("aria-label");
    box.hidden = false;
    var rect = mark.getBoundingClientRect();
    var x = clientX === undefined ? rect.left + rect.width / 2 : clientX;
    var top = clientY === undefined ? rect.top : clientY - 6;
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var viewport = document.documentElement.clientWidth;
    var left = Math.max(4, Math.min(x - width / 2, viewport - width - 4));
    var below = top - height - 8 < 0;
    var y = below ? (clientY === undefined ? rect.bottom : clientY + 12) + 8 : top - height - 8;
    box.style.left = Math.round(left + window.scrollX) + "px";
    box.style.top = Math.round(y + window.scrollY) + "px";
  }

  function hide() {
    if (shown) shown.classList.remove("tip-on");
    shown = null;
    if (tip) tip.hidden = true;
  }

  /** The centre of a mark in its drawing's units; for a country, of its largest piece (France, not Guiana). */
  function centre(mark) {
    if (mark._centre) return mark._centre;
    var result = null;
    if (mark.nodeName.toLowerCase() === "path") {
      var tokens = (mark.getAttribute("d") || "").match(/[MLlz]|-?\d+(?:\.\d+)?/g) || [];
      var best = -1;
      var x = 0;
      var y = 0;
      var box = null;
      var command = "M";
      var flush = function () {
        if (!box) return;
        var area = (box[2] - box[0]) * (box[3] - box[1]);
        if (area > best) {
          best = area;
          result = { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 };
        }
        box = null;
      };
      for (var i = 0; i < tokens.length; i++) {
        var t = tokens[i];
        if (t === "M" || t === "L" || t === "l" || t === "z") {
          if (t === "M") flush();
          command = t;
          continue;
        }
        var a = parseFloat(t);
        var b = parseFloat(tokens[++i]);
        if (command === "l") {
          x += a;
          y += b;
        } else {
          x = a;
          y = b;
        }
        if (!box) box = [x, y, x, y];
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
      flush();
    }
    if (!result) {
      var bbox = mark.getBBox();
      result = { x: bbox.x + bbox.width / 2, y: bbox.y + bbox.height / 2 };
    }
    mark._centre = result;
    return result;
  }

  /** The series a chart mark belongs to: its colour (one per series); none on the map. */
  function seriesOf(mark) {
    return mark.getAttribute("stroke") || mark.getAttribute("fill") || "";
  }

  /** The nearest mark in a direction; left and right keep to the series (along a line) when they can. */
  function step(marks, from, key, inSeries) {
    var c = centre(from);
    var horizontal = key === "ArrowLeft" || key === "ArrowRight";
    var sign = key === "ArrowRight" || key === "ArrowDown" ? 1 : -1;
    var candidates = [];
    for (var i = 0; i < marks.length; i++) {
      var m = marks[i];
      if (m === from) continue;
      var p = centre(m);
      var along = (horizontal ? p.x - c.x : p.y - c.y) * sign;
      var across = Math.abs(horizontal ? p.y - c.y : p.x - c.x);
      if (along > 0.5) candidates.push({ mark: m, score: along + 2 * across, across: across });
    }
    if (inSeries && horizontal) {
      // Along a line (or a seat's bars): the next point of the same series, however far up or down.
      var series = seriesOf(from);
      var same = candidates.filter(function (x) {
        return seriesOf(x.mark) === series;
      });
      if (same.length)
        candidates = same.map(function (x) {
          return { mark: x.mark, score: x.score - 2 * x.across };
        });
    } else if (inSeries) {
      // Up and down: the other series at the same x (a stacked bar, another line's point).
      candidates = candidates.filter(function (x) {
        return x.across < 0.5;
      });
    }
    candidates.sort(function (a, b) {
      return a.score - b.score;
    });
    return candidates.length ? candidates[0].mark : null;
  }

  function focusMark(marks, mark) {
    for (var i = 0; i < marks.length; i++) marks[i].setAttribute("tabindex", marks[i] === mark ? "0" : "-1");
    mark.focus();
  }

  function upgrade(svg) {
    var marks = marksOf(svg);
    if (!marks.length) return;
    var texts = marks.map(function (m) {
      return (titleOf(m).textContent || "").trim();
    });
    // A phone drawing carries empty titles: its values are those of the wide drawing, mark for mark.
    var wide = svg.previousElementSibling;
    if (
      texts.every(function (t) {
        return !t;
      }) &&
      wide &&
      wide.classList.contains("chart-wide")
    ) {
      var wideTexts = wide._tips || [];
      if (wideTexts.length === texts.length) texts = wideTexts;
    }
    svg._tips = texts;
    var usable = [];
    marks.forEach(function (mark, i) {
      var title = titleOf(mark);
      if (!texts[i] || empty(mark)) return;
      // The title becomes the accessible name (the browser's own tooltip would double the styled one).
      mark.removeChild(title);
      mark.setAttribute("role", "img");
      mark.setAttribute("aria-label", texts[i]);
      mark.setAttribute("tabindex", usable.length ? "-1" : "0");
      usable.push(mark);
    });
    if (!usable.length) return;
    var isMap = !!svg.closest(".world-map");
    if (isMap) {
      // Countries in the order of their names: Tab enters at Afghanistan, Home and End and letters follow it.
      usable.sort(function (a, b) {
        return a.getAttribute("aria-label").localeCompare(b.getAttribute("aria-label"), "en", {
          ignorePunctuation: true,
          sensitivity: "base",
        });
      });
      usable.forEach(function (mark, i) {
        mark.setAttribute("tabindex", i ? "-1" : "0");
      });
    }
    var inSeries = svg.classList.contains("chart");
    // A group of labelled marks now, not one image (an image's children are hidden from assistive technology).
    svg.setAttribute("role", "group");
    // Chromium would give the drawing a tab stop of its own before its marks.
    svg.setAttribute("tabindex", "-1");
    svg.setAttribute("aria-describedby", HINT_ID);
    svg.classList.add("tips");
    ensureTip();

    var typed = "";
    var typedAt = 0;

    /** A value by keyboard: over a country's largest piece (the United States' bounds take in Alaska and Hawaii). */
    function showFocused(mark) {
      var matrix = isMap && mark.getScreenCTM();
      if (!matrix) return show(mark);
      var c = centre(mark);
      show(mark, c.x * matrix.a + c.y * matrix.c + matrix.e, c.x * matrix.b + c.y * matrix.d + matrix.f);
    }

    svg.addEventListener("focusin", function (event) {
      if (usable.indexOf(event.target) < 0) return;
      focusMark(usable, event.target);
      showFocused(event.target);
    });
    svg.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !svg.contains(event.relatedTarget)) hide();
    });
    svg.addEventListener("keydown", function (event) {
      var current = event.target;
      if (usable.indexOf(current) < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
      var next = null;
      if (event.key.length !== 1) typed = "";
      switch (event.key) {
        case "ArrowLeft":
        case "ArrowRight":
        case "ArrowUp":
        case "ArrowDown":
          next = step(usable, current, event.key, inSeries);
          if (!next) {
            event.preventDefault();
            return;
          }
          break;
        case "Home":
          next = usable[0];
          break;
        case "End":
          next = usable[usable.length - 1];
          break;
        case "Escape":
          if (!tip || tip.hidden) return;
          hide();
          event.preventDefault();
          return;
        default:
          if (!isMap || event.key.length !== 1) return;
          if (Date.now() - typedAt >= 800) typed = "";
          if (event.key === " " && !typed) return;
          typed += event.key.toLowerCase();
          typedAt = Date.now();
          var start = usable.indexOf(current) + (typed.length === 1 ? 1 : 0);
          for (var k = 0; k < usable.length; k++) {
            var candidate = usable[(start + k) % usable.length];
            if (candidate.getAttribute("aria-label").toLowerCase().indexOf(typed) === 0) {
              next = candidate;
              break;
            }
          }
          if (!next) return;
      }
      event.preventDefault();
      if (next === current) showFocused(current);
      else focusMark(usable, next);
    });

    /** Under the pointer: the mark itself, or on a line chart the nearest dot within reach. */
    function markAt(event) {
      var target = event.target;
      if (usable.indexOf(target) >= 0) return target;
      if (!inSeries || event.pointerType === "touch") return null;
      var best = null;
      var bestDistance = 24 * 24;
      for (var i = 0; i < usable.length; i++) {
        if (usable[i].nodeName.toLowerCase() !== "circle") continue;
        var r = usable[i].getBoundingClientRect();
        var dx = r.left + r.width / 2 - event.clientX;
        var dy = r.top + r.height / 2 - event.clientY;
        var d = dx * dx + dy * dy;
        if (d < bestDistance) {
          bestDistance = d;
          best = usable[i];
        }
      }
      return best;
    }

    function pointer(event) {
      var mark = markAt(event);
      if (!mark) {
        if (shown && usable.indexOf(shown) >= 0 && shown !== document.activeElement) hide();
        return;
      }
      if (mark.nodeName.toLowerCase() === "path") show(mark, event.clientX, event.clientY);
      else show(mark);
    }
    svg.addEventListener("pointermove", pointer);
    svg.addEventListener("pointerdown", pointer);
    svg.addEventListener("pointerleave", function () {
      if (shown && usable.indexOf(shown) >= 0) hide();
    });
  }

  function start() {
    var drawings = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < drawings.length; i++) upgrade(drawings[i]);
    // Escape hides a value shown by hovering too (focus elsewhere).
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && tip && !tip.hidden) hide();
    });
    window.addEventListener("resize", hide);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
