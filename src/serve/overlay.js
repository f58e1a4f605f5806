(() => {
  const box = document.getElementById("prospectus-overlay");
  if (!box) return;
  const status = box.querySelector(".prospectus-status");
  const say = (text) => { if (status) status.textContent = text; };
  const copy = (text) => {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  };
  box.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.path) {
      copy(b.dataset.path).then(
        () => say("Copied " + b.dataset.path),
        () => say("Could not copy; the path is " + b.dataset.path));
    } else if (b.classList.contains("prospectus-hide")) {
      box.hidden = true;
    }
  });
})();
