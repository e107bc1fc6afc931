// Starts GOV.UK Frontend's components. Loaded as a module from a file (no inline
// script) so the Content-Security-Policy can forbid inline scripts altogether.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
// A list's filters fold behind their summary on a phone, so the list comes first; they are
// open in the page itself, so without JavaScript, or on a wider screen, they show.
if (!window.matchMedia("(min-width: 40.0625em)").matches) {
  for (const filters of document.querySelectorAll("details[data-fold-on-mobile]")) {
    filters.open = false;
  }
}
const script = document.querySelector("script[data-govuk-frontend]");
const { initAll } = await import(script.dataset.govukFrontend);
initAll();
