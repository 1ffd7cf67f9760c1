// Progressive enhancement only: every page works without this file.
// htmx sends the antiforgery token on unsafe requests that do not come from a form carrying it already.
document.addEventListener("htmx:config:request", (event) => {
  const request = event.detail?.ctx?.request;
  if (!request || /^(GET|HEAD|OPTIONS)$/i.test(request.method ?? "GET")) return;
  const token = document.querySelector('meta[name="request-verification-token"]')?.content;
  if (token) request.headers["RequestVerificationToken"] = token;
});

// Live quotes (Features/Live/_LiveQuotes.cshtml). htmx's hx-sse swaps each price in place; this adds the pause
// control (WCAG 2.2.2) and a polite summary for screen readers at most every 30 seconds, or when asked.
(() => {
  const SUMMARY_EVERY_MS = 30000;
  const MAX_SYMBOLS_SPOKEN = 5;

  const summarise = (root) => {
    const parts = [];
    const prices = [...document.querySelectorAll(".q-last[data-symbol]")];
    for (const price of prices.slice(0, MAX_SYMBOLS_SPOKEN)) {
      const symbol = price.dataset.symbol;
      const change = document.getElementById(`q-${symbol}-change`);
      const words = change ? [...change.childNodes].filter((n) => !(n.getAttribute?.("aria-hidden") === "true")).map((n) => n.textContent).join("").trim() : "";
      parts.push(`${symbol} ${price.textContent.trim()}${words ? ", " + words : ""}`);
    }
    if (prices.length > MAX_SYMBOLS_SPOKEN) parts.push(`and ${prices.length - MAX_SYMBOLS_SPOKEN} more`);
    const time = new Date().toLocaleTimeString("en-IN", { timeZone: "Asia/Kolkata", hour12: false });
    root.querySelector("[data-live-summary]").textContent = `Prices at ${time} IST: ${parts.join("; ")}.`;
  };

  const setUp = (root) => {
    if (root.dataset.liveReady) return;
    root.dataset.liveReady = "1";
    const pause = root.querySelector("[data-live-pause]");
    const announce = root.querySelector("[data-live-announce]");
    const state = root.querySelector("[data-live-state]");
    let stream = root.querySelector("[data-live-stream]");
    const template = stream.cloneNode(false);
    let paused = false;
    let changed = false;

    const listen = (el) => el.addEventListener("htmx:sse:after:message", () => {
      changed = true;
      state.textContent = "Live: prices update as they change";
    });
    listen(stream);

    pause.hidden = false;
    announce.hidden = false;
    pause.addEventListener("click", () => {
      paused = !paused;
      pause.setAttribute("aria-pressed", String(paused));
      pause.textContent = paused ? "Resume live updates" : "Pause live updates";
      if (paused) {
        // Removing the element closes its connection: a paused page receives nothing at all.
        stream.remove();
        state.textContent = "Paused: prices are not updating";
      } else {
        stream = template.cloneNode(false);
        root.appendChild(stream);
        listen(stream);
        htmx.process(stream);
        state.textContent = "Live: reconnecting";
      }
    });
    announce.addEventListener("click", () => summarise(root));
    setInterval(() => {
      if (changed && !paused) {
        changed = false;
        summarise(root);
      }
    }, SUMMARY_EVERY_MS);
  };

  const init = () => document.querySelectorAll("[data-live]").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
