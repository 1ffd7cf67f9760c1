// Progressive enhancement only: every page works without this file.
// htmx sends the antiforgery token on unsafe requests that do not come from a form carrying it already.
document.addEventListener("htmx:config:request", (event) => {
  const request = event.detail?.ctx?.request;
  if (!request || /^(GET|HEAD|OPTIONS)$/i.test(request.method ?? "GET")) return;
  const token = document.querySelector('meta[name="request-verification-token"]')?.content;
  if (token) request.headers["RequestVerificationToken"] = token;
});
