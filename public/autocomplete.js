/* global document, fetch, setTimeout, clearTimeout */
/*
 * Member autocomplete for every field marked data-autocomplete="members": an ARIA combobox fed by
 * GET /api/members?q=. Without JavaScript the field keeps its plain <datalist> of names, and the server
 * resolves whatever is typed (any code or name). Fields that take several members, comma-separated,
 * complete the last one.
 */
(function () {
  "use strict";
  var counter = 0;

  function lastPart(value) {
    var i = value.lastIndexOf(",");
    return i < 0 ? value.trim() : value.slice(i + 1).trim();
  }

  function replaceLast(value, name) {
    var i = value.lastIndexOf(",");
    return i < 0 ? name : value.slice(0, i + 1) + " " + name;
  }

  function enhance(input) {
    counter += 1;
    var id = "ac-" + counter;
    var wrap = document.createElement("div");
    wrap.className = "ac-wrap";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "ac-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested members");
    list.hidden = true;
    wrap.appendChild(list);
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrap.appendChild(status);

    input.removeAttribute("list");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    var items = [];
    var active = -1;
    var timer = null;
    var asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var member = items[index];
      if (!member) return;
      input.value = replaceLast(input.value, member.name);
      close();
      input.focus();
    }

    function render(members) {
      items = members;
      list.textContent = "";
      members.forEach(function (m, i) {
        var li = document.createElement("li");
        li.id = id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = m.name;
        var code = document.createElement("span");
        code.className = "ac-code";
        code.textContent = m.id + (m.status === "member" ? "" : " · " + m.status);
        li.appendChild(name);
        li.appendChild(code);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
      });
      status.textContent = members.length ? members.length + " suggestions" : "No member matches";
      if (members.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight(-1);
      } else {
        close();
      }
    }

    function lookup() {
      var q = lastPart(input.value);
      if (q.length < 1) {
        close();
        return;
      }
      asked = q;
      fetch("/api/members?limit=8&q=" + encodeURIComponent(q), { headers: { accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { members: [] };
        })
        .then(function (data) {
          if (asked === q && document.activeElement === input) render(data.members || []);
        })
        .catch(function () {
          close();
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 120);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) lookup();
        else highlight(Math.min(items.length - 1, active + 1));
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          highlight(Math.max(0, active - 1));
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });
    input.addEventListener("blur", function () {
      setTimeout(close, 100);
    });
  }

  var inputs = document.querySelectorAll('input[data-autocomplete="members"]');
  for (var i = 0; i < inputs.length; i++) enhance(inputs[i]);
})();
