// bmahr's only script: pages work without it (the CSP allows no other, and no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // The order form shows each row only the fields its kind uses; without script all show.
  for (const row of document.querySelectorAll("fieldset.action")) {
    const kind = row.querySelector("select[name^=kind_]");
    if (!kind) continue;
    const show = () => {
      for (const l of row.querySelectorAll("[data-kinds]")) {
        l.hidden = !l.dataset.kinds.split(" ").includes(kind.value);
      }
    };
    kind.addEventListener("change", show);
    show();
  }
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
