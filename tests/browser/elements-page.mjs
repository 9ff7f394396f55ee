// Test helper: the element test page (a plain HTML form with each seamid element, no bundler, no import map),
// served on the demo server's origin, and axe-core run inside a page.
import { readFileSync } from 'node:fs';

const axeSource = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/** The page: elements parsed before the entry loads, one of them given a value by a script before that. */
export const elementsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>seamid elements test page</title></head>
<body><main>
<h1>seamid elements</h1>
<form id="plain">
  <seamid-phone-input name="phone_number" label="Phone"></seamid-phone-input>
  <seamid-email-input name="email_address" required></seamid-email-input>
  <seamid-text-input name="user_identity_key" field="user_identity_key" value="user-42"></seamid-text-input>
  <seamid-text-input name="full_name" field="full_name" placeholder="Jane Doe"></seamid-text-input>
  <button type="submit">Send</button> <button type="reset">Reset</button>
</form>
<form id="early-form"><seamid-phone-input id="early" name="early" label="Early phone"></seamid-phone-input></form>
<h2>Identity form</h2>
<seamid-identity-form id="identity"></seamid-identity-form>
<h2>Deletion plan</h2>
<seamid-deletion-plan id="plan"></seamid-deletion-plan>
</main>
<script>
  window.submitted = [];
  window.events = [];
  window.submits = [];
  document.getElementById('plain').addEventListener('submit', (event) => {
    event.preventDefault();
    window.submitted.push(Object.fromEntries(new FormData(event.target)));
  });
  document.addEventListener('seamid-validate', (event) => window.events.push({ target: event.target.localName, composed: event.composed, ...event.detail }));
  document.addEventListener('seamid-submit', (event) => window.submits.push(event.detail));
  // Before the module loads: a property set on a not yet defined element.
  document.getElementById('early').value = '+1 415 555 2671';
</script>
<script type="module" src="/bindings/js/src/elements/index.js"></script>
</body></html>`;

/** Serves the page at `${origin}/elements-test.html` in `context`; returns its URL. */
export async function routeElementsPage(context, origin) {
  await context.route(`${origin}/elements-test.html`, (route) => route.fulfill({ contentType: 'text/html', body: elementsPage }));
  return `${origin}/elements-test.html`;
}

/** Runs axe-core on `page`; returns its serious and critical violations as { id, impact, nodes }. */
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations);
  return violations.filter((found) => found.impact === 'serious' || found.impact === 'critical')
    .map((found) => ({ id: found.id, impact: found.impact, nodes: found.nodes.map((node) => node.target.join(' ')) }));
}
