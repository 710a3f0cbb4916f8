// bmahr's only script: pages work without it (the CSP allows no other, and no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // The order form shows each row only the fields its kind uses; without script all show.
  // No kind chosen yet: only the kind, the person and any field already filled in.
  const filled = (l) =>
    [...l.querySelectorAll("input, select")].some((el) => (el.type === "checkbox" ? el.checked : el.value !== ""));
  const show = (kind) => {
    const row = kind.closest("fieldset.action");
    if (!row) return;
    for (const l of row.querySelectorAll("[data-kinds]")) {
      l.hidden = kind.value === "" ? !filled(l) : !l.dataset.kinds.split(" ").includes(kind.value);
    }
  };
  for (const kind of document.querySelectorAll("fieldset.action select[name^=kind_]")) show(kind);
  document.addEventListener("change", (e) => {
    if (e.target.matches("fieldset.action select[name^=kind_]")) show(e.target);
  });
  // "Go back" links go back in history when there is one (else to their href).
  for (const a of document.querySelectorAll("a[data-back]")) {
    a.addEventListener("click", (e) => {
      if (history.length > 1) {
        e.preventDefault();
        history.back();
      }
    });
  }
});

// ---- Pickers (issue 23) ------------------------------------------------------------------
// Any <input data-pick="person|position|unit"> becomes an ARIA combobox: typing asks
// /pick/<kind>?q= (debounced), the listbox offers what was found (up/down, enter, escape,
// or a click), and choosing fills the field with the value the server resolves (a national
// ID or #id, a position number, a unit code) and shows beside it, in the element marked
// data-pick-card (made if absent), the person's unit, position, level and salary. Without
// script the field is a text box the form's handler resolves. data-pick-vacant="1" asks
// for vacant positions only.
(() => {
  const PATHS = { person: "/pick/people", position: "/pick/positions", unit: "/pick/units" };
  const en = () => document.documentElement.lang === "en";
  const pick = (th, e) => (en() ? e : th);
  const baht = (s) =>
    Number(s).toLocaleString("th-TH", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  let count = 0;

  // What a choice is shown as in the list: a first line and a line of detail.
  function lines(kind, it) {
    if (kind === "person") {
      const unit = it.unit ? `${it.unit.code} ${pick(it.unit.name_th, it.unit.name_en)}` : "";
      const pos = [it.position_no, it.position_title, pick(it.level_th, it.level_en)]
        .filter(Boolean).join(" ");
      const status = it.status && it.status !== "active" ? pick(it.status_th, it.status_en) : "";
      return [`${pick(it.name_th, it.name_en)} · ${it.national_id}`, [pos, unit, status].filter(Boolean).join(" · ")];
    }
    if (kind === "position") {
      const who = it.holder ? pick(it.holder.name_th, it.holder.name_en) : pick("ว่าง", "vacant");
      return [`${it.position_no} ${it.title} ${pick(it.level_th, it.level_en)}`,
        `${it.unit.code} ${pick(it.unit.name_th, it.unit.name_en)} · ${who}`];
    }
    return [`${it.code} ${pick(it.name_th, it.name_en)}`, ""];
  }

  // The card beside the field: labelled facts of the choice.
  function fillCard(card, kind, it) {
    card.textContent = "";
    if (!it) return;
    const facts = [];
    if (kind === "person") {
      facts.push([pick("ชื่อ", "Name"), pick(it.name_th, it.name_en)]);
      if (it.unit) facts.push([pick("สังกัด", "Unit"), `${it.unit.code} ${pick(it.unit.name_th, it.unit.name_en)}`]);
      if (it.position_no) facts.push([pick("ตำแหน่ง", "Position"), `${it.position_no} ${it.position_title || ""}`.trim()]);
      if (it.level) facts.push([pick("ระดับ", "Level"), pick(it.level_th, it.level_en)]);
      if (it.salary) facts.push([pick("เงินเดือน", "Salary"), `${baht(it.salary)} ${pick("บาท", "baht")}`]);
      if (it.status) facts.push([pick("สถานะ", "Status"), pick(it.status_th, it.status_en)]);
    } else if (kind === "position") {
      facts.push([pick("ตำแหน่ง", "Position"), `${it.position_no} ${it.title}`]);
      facts.push([pick("ระดับ", "Level"), pick(it.level_th, it.level_en)]);
      facts.push([pick("สังกัด", "Unit"), `${it.unit.code} ${pick(it.unit.name_th, it.unit.name_en)}`]);
      facts.push([pick("ผู้ครอง", "Holder"), it.holder ? pick(it.holder.name_th, it.holder.name_en) : pick("ว่าง", "vacant")]);
    } else {
      facts.push([pick("หน่วยงาน", "Unit"), `${it.code} ${pick(it.name_th, it.name_en)}`]);
    }
    facts.forEach(([k, v], i) => {
      if (i) card.append(" · ");
      const s = document.createElement("span");
      s.className = "fact";
      s.dataset.fact = k;
      const b = document.createElement("span");
      b.className = "k";
      b.textContent = `${k}: `;
      s.append(b, v);
      card.append(s);
    });
  }

  function setUp(input) {
    const kind = input.dataset.pick;
    if (!PATHS[kind] || input.getAttribute("role") === "combobox") return;
    count += 1;
    if (!input.id) input.id = `pick-${count}`;
    const wrap = document.createElement("span");
    wrap.className = "pick-wrap";
    input.replaceWith(wrap);
    wrap.append(input);
    const list = document.createElement("ul");
    list.id = `${input.id}-list`;
    list.className = "pick-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", pick("รายการที่พบ", "Matches"));
    list.hidden = true;
    wrap.append(list);
    let card = input.closest("label, div, p, td, fieldset")?.querySelector("[data-pick-card]");
    if (!card) {
      card = document.createElement("p");
      card.className = "pick-card";
      card.setAttribute("data-pick-card", "");
      card.setAttribute("aria-live", "polite");
      wrap.after(card);
    }
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    let items = [];
    let active = -1;
    let timer = 0;
    let asked = 0;

    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const mark = (i) => {
      active = i;
      list.querySelectorAll("[role=option]:not([aria-disabled])").forEach((li, j) => {
        li.setAttribute("aria-selected", String(j === i));
        if (j === i) {
          input.setAttribute("aria-activedescendant", li.id);
          li.scrollIntoView({ block: "nearest" });
        }
      });
    };
    const choose = (i) => {
      const it = items[i];
      if (!it) return;
      input.value = it.value;
      fillCard(card, kind, it);
      close();
      input.dispatchEvent(new CustomEvent("pick", { bubbles: true, detail: it }));
    };
    const show = (found, more) => {
      items = found;
      list.textContent = "";
      if (!found.length) {
        const li = document.createElement("li");
        li.className = "none";
        li.setAttribute("role", "option");
        li.setAttribute("aria-disabled", "true");
        li.textContent = pick("ไม่พบ", "Nothing found");
        list.append(li);
      }
      found.forEach((it, i) => {
        const [first, second] = lines(kind, it);
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = first;
        if (second) {
          const sub = document.createElement("span");
          sub.className = "sub";
          sub.textContent = second;
          li.append(sub);
        }
        // mousedown, not click: the field keeps its focus (and is not closed by blur).
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          choose(i);
        });
        list.append(li);
      });
      if (more) {
        const li = document.createElement("li");
        li.className = "none";
        li.setAttribute("role", "option");
        li.setAttribute("aria-disabled", "true");
        li.textContent = pick("…พิมพ์เพิ่มเพื่อให้แคบลง", "…type more to narrow");
        list.append(li);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    };
    const ask = async () => {
      const q = input.value.trim();
      if (q.length < 1) {
        close();
        return;
      }
      const mine = ++asked;
      const vacant = input.dataset.pickVacant === "1" ? "&vacant=1" : "";
      try {
        const r = await fetch(`${PATHS[kind]}?q=${encodeURIComponent(q)}${vacant}`, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (mine !== asked || !r.ok) return;
        const body = await r.json();
        if (mine === asked) show(body.items || [], body.more);
      } catch (_) {
        // Offline or refused: the field still takes typed text, resolved on submit.
      }
    };

    input.addEventListener("input", () => {
      card.textContent = "";
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", (e) => {
      const open = !list.hidden;
      if (e.key === "ArrowDown") {
        e.preventDefault();
        if (!open) {
          if (items.length) show(items, false);
          else ask();
          return;
        }
        if (items.length) mark((active + 1) % items.length);
      } else if (e.key === "ArrowUp") {
        if (!open || !items.length) return;
        e.preventDefault();
        mark(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === "Enter") {
        if (open && active >= 0) {
          e.preventDefault();
          choose(active);
        }
      } else if (e.key === "Escape") {
        if (open) {
          e.preventDefault();
          close();
        }
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  const start = () => document.querySelectorAll("input[data-pick]").forEach(setUp);
  // A row added by the order form's script gets its pickers too.
  document.addEventListener("bmahr:row-added", (e) =>
    e.target.querySelectorAll("input[data-pick]").forEach(setUp),
  );
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
// ---- end of pickers ------------------------------------------------------------------------

// --- The bell: how many things await the reader (the digest page works without it). -------
document.addEventListener("DOMContentLoaded", () => {
  const bell = document.querySelector("[data-bell]");
  if (!bell) return;
  fetch("/notifications/count", { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : null))
    .then((n) => {
      if (!n || !n.total) return;
      bell.textContent = String(n.total);
      bell.hidden = false;
      const link = bell.closest("a");
      if (link) link.setAttribute("aria-label", `${link.getAttribute("aria-label")}: ${n.total}`);
    })
    .catch(() => {});
});

// --- Order form: a new row without reloading the page (the button posts without JS). ----
document.addEventListener("DOMContentLoaded", () => {
  const add = document.getElementById("add-row");
  const form = document.getElementById("order-form");
  if (!add || !form) return;
  add.addEventListener("click", (e) => {
    const rows = form.querySelector("input[name=rows]");
    const last = form.querySelector("fieldset.action:last-of-type");
    if (!rows || !last) return;
    e.preventDefault();
    const n = Number(rows.value) + 1;
    const row = last.cloneNode(true);
    row.id = `row-${n}`;
    row.querySelector("legend").textContent = row.querySelector("legend").textContent.replace(/\d+$/, String(n));
    for (const el of row.querySelectorAll("[name]")) {
      el.name = el.name.replace(/_\d+$/, `_${n}`);
      if (el.type === "checkbox") el.checked = false;
      else if (el.tagName === "SELECT") el.selectedIndex = 0;
      else el.value = "";
    }
    for (const c of row.querySelectorAll(".change, [data-pick-card], .pick-list")) c.remove();
    // The copied pickers become plain inputs again, to be set up afresh.
    for (const w of row.querySelectorAll(".pick-wrap")) {
      const input = w.querySelector("input");
      if (!input) continue;
      for (const a of ["id", "role", "aria-expanded", "aria-controls", "aria-activedescendant", "aria-autocomplete"]) input.removeAttribute(a);
      w.replaceWith(input);
    }
    // A new row has no kind yet: its kind's fields appear once one is chosen.
    for (const l of row.querySelectorAll("[data-kinds]")) l.hidden = true;
    last.after(row);
    rows.value = String(n);
    row.dispatchEvent(new CustomEvent("bmahr:row-added", { bubbles: true }));
    const first = row.querySelector("select, input");
    if (first) first.focus();
  });
});
