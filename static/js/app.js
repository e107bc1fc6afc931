// Starts GOV.UK Frontend's components. Loaded as a module from a file (no inline
// script) so the Content-Security-Policy can forbid inline scripts altogether.
document.body.classList.add("js-enabled", "govuk-frontend-supported");
const script = document.querySelector("script[data-govuk-frontend]");
const { initAll } = await import(script.dataset.govukFrontend);
initAll();
