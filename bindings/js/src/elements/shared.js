// What every seamid element shares: the base class (a harmless stand-in where there is no DOM, so a server-side
// import does not crash), safe definition, the lazily loaded wasm APIs, custom states and the issue list.
import { loadDeletion, loadValidation, loadWorkspace } from '../loader.js';

/** HTMLElement, or an empty class outside a browser (the elements are then never defined). */
export const Base = globalThis.HTMLElement ?? class {};

/** Defines `name` unless something already did (a second copy of the entry on the page must not throw). */
export function define(name, constructor) {
  const registry = globalThis.customElements;
  if (registry === undefined || registry.get(name) !== undefined) return;
  try {
    registry.define(name, constructor);
  } catch {
    // Another copy won a race between get() and define(): its definition stands.
  }
}

/**
 * The validation API, loaded once for every element: `ready.validation` holds it once it is there (elements check
 * synchronously). If it cannot load (a wrong URL, offline), `ready.failed` is set so that no element waits for it
 * forever; the next element to connect tries again.
 */
export const ready = { validation: null, failed: false };
let validationLoad = null;
export function whenValidation() {
  validationLoad ??= loadValidation().then((api) => {
    ready.validation = api;
    ready.failed = false;
    return api;
  }, (error) => {
    ready.failed = true;
    validationLoad = null;
    throw error;
  });
  return validationLoad;
}
export const whenWorkspace = () => loadWorkspace();
export const whenDeletion = () => loadDeletion();

/** Adds or removes a custom state (`:state(name)`); older engines without CustomStateSet just skip it. */
export function setState(internals, name, on) {
  try {
    if (on) internals.states.add(name);
    else internals.states.delete(name);
  } catch {
    // No CustomStateSet: the state is not styleable, everything else works.
  }
}

/**
 * Properties set on an element before its definition loaded live on the instance and hide the class's
 * accessors: take them off and set them again through the accessors.
 */
export function upgradeProperties(element, names) {
  for (const name of names) {
    if (Object.prototype.hasOwnProperty.call(element, name)) {
      const value = element[name];
      delete element[name];
      element[name] = value;
    }
  }
}

const severityWords = { error: 'Error', warning: 'Warning', info: 'Note' };

/** Fills `list` (a <ul>) with one item per issue: the severity word and the message; data-code and data-severity for styling and tests. */
export function renderIssueList(list, issues) {
  const items = issues.map((found) => {
    const item = document.createElement('li');
    item.className = found.severity;
    item.dataset.code = found.code;
    item.dataset.severity = found.severity;
    const word = document.createElement('span');
    word.className = 'severity';
    word.textContent = `${Object.hasOwn(severityWords, found.severity) ? severityWords[found.severity] : found.severity}: `;
    item.append(word, found.message);
    return item;
  });
  list.replaceChildren(...items);
}

/** The style every element shares: colours and spacing come from CSS custom properties. */
export const issueStyle = `
  ul.issues { list-style: none; margin: 0.3rem 0 0; padding: 0; font-size: 0.9em; }
  ul.issues:empty { display: none; }
  li { margin: 0.15rem 0; }
  li.error { color: var(--seamid-error-color, #b71c1c); }
  li.warning { color: var(--seamid-warning-color, #7a4a00); }
  li.info { color: var(--seamid-info-color, #455a64); }
  .severity { font-weight: 600; }
  button { font: inherit; font-size: 0.9em; padding: 0.2rem 0.6rem; border-radius: var(--seamid-radius, 5px); cursor: pointer;
    border: 1px solid var(--seamid-accent-color, #3949ab); background: var(--seamid-button-background, #fff); color: var(--seamid-accent-color, #3949ab); }
  button:focus-visible, input:focus-visible { outline: 2px solid var(--seamid-focus-color, #3949ab); outline-offset: 1px; }
  [hidden] { display: none !important; }`;
