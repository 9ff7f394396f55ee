// <seamid-deletion-plan>: draws a deletion plan (planDeletion's result, or one it makes from a `snapshot`) as
// waves of steps, each with its endpoint and confirming event, and each step's live state from a
// DeletionProgress or from the executor's onProgress events. Display only: the plan and states come from the core.
import { Base, issueStyle, renderIssueList, upgradeProperties, whenDeletion } from './shared.js';

const labels = { client_session: 'client session', acs_credential: 'ACS credential', acs_user: 'ACS user',
  enrollment_automation: 'enrollment automation', phone: 'phone', user_identity: 'user identity' };
// The state each executor progress event (seamid/seam onProgress) puts its step in.
const eventStates = { step_sent: 'issued', step_retried: 'retried', step_awaiting_event: 'awaiting', step_confirmed: 'confirmed', step_failed: 'failed' };

const template = `<style>
  :host { display: block; }
  :host([hidden]) { display: none; }
  .waves { display: flex; gap: var(--seamid-wave-gap, 0.6rem); overflow-x: auto; padding-bottom: 0.4rem; }
  .wave { flex: 0 0 auto; min-width: 14rem; background: var(--seamid-wave-background, #f5f6f8); border-radius: 6px; padding: 0.4rem; }
  h3 { font-size: 0.85rem; margin: 0.2rem 0 0.4rem; }
  ol { list-style: none; margin: 0; padding: 0; }
  .step { font-size: 0.8rem; border: 1px solid #d8dce3; border-left: 4px solid var(--seamid-step-color, #767f8f); border-radius: 4px;
    padding: 0.2rem 0.4rem; margin: 0.2rem 0; background: var(--seamid-step-background, #fff); }
  .step code { font-size: 0.75rem; }
  .state { float: right; font-size: 0.75rem; }
  .confirm { display: block; color: #455a64; }
  .step[data-state=runnable] { border-left-color: var(--seamid-accent-color, #3949ab); }
  .step[data-state=issued] { border-left-color: var(--seamid-warning-color, #7a4a00); }
  .step[data-state=awaiting], .step[data-state=retried] { border-left-color: #6a1b9a; }
  .step[data-state=confirmed] { border-left-color: #2e7d32; background: #f1f8f1; }
  .step[data-state=failed], .step[data-state=blocked] { border-left-color: var(--seamid-error-color, #b71c1c); }
  .notes { font-size: 0.85rem; color: #455a64; }${issueStyle}
</style><ul part="issues" class="issues"></ul><ul part="notes" class="notes"></ul><div part="waves" class="waves" role="region" aria-label="Waves of the deletion plan" tabindex="0"></div>
<p part="status" class="status" aria-live="polite"></p>`;

/** The plan view. Set `plan` (or `snapshot`, with the `order` and `policy` attributes), then `progress` or `onProgress`. */
export class SeamidDeletionPlan extends Base {
  static observedAttributes = ['order', 'policy'];
  #root;
  #plan = null;
  #snapshot = undefined;
  #progress = null;
  #states = new Map();
  #request = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.innerHTML = template;
    this.onProgress = this.onProgress.bind(this);
  }

  connectedCallback() {
    upgradeProperties(this, ['plan', 'snapshot', 'progress']);
    this.#render();
  }

  attributeChangedCallback() {
    if (this.#snapshot !== undefined) this.#planSnapshot();
  }

  /** The plan drawn (a planDeletion result, or its JSON text). */
  get plan() {
    return this.#plan;
  }
  set plan(plan) {
    if (typeof plan === 'string') {
      try {
        plan = JSON.parse(plan);
      } catch {
        plan = null;
      }
    }
    this.#plan = plan && typeof plan === 'object' && Array.isArray(plan.waves) && Array.isArray(plan.steps) ? plan : null;
    this.#snapshot = undefined;
    this.#states.clear();
    this.#render();
  }

  /** A deletion snapshot: the element plans it (planDeletion, `order` and `policy` attributes) and fires seamid-plan. */
  get snapshot() {
    return this.#snapshot;
  }
  set snapshot(snapshot) {
    this.#snapshot = snapshot;
    this.#planSnapshot();
  }

  /** A DeletionProgress (createDeletionProgress) whose states are shown; call refresh() after applying events or results. */
  get progress() {
    return this.#progress;
  }
  set progress(progress) {
    this.#progress = progress && typeof progress.state === 'function' ? progress : null;
    this.#render();
  }

  /** Each step's shown state by step_id. */
  get states() {
    return new Map([...this.#stepStates()]);
  }

  /** Give this to the executor (seamid/seam deleteUserIdentity's onProgress): each step event updates its step. */
  onProgress(event) {
    if (!event || typeof event.step_id !== 'string' || !Object.hasOwn(eventStates, event.type)) return;
    const state = eventStates[event.type];
    this.#states.set(event.step_id, state);
    this.#render();
  }

  /** Forgets the states onProgress gave. */
  clearStates() {
    this.#states.clear();
    this.#render();
  }

  /** Redraws (after the progress changed). */
  refresh() {
    this.#render();
  }

  #planSnapshot() {
    const snapshot = this.#snapshot;
    const request = ++this.#request;
    whenDeletion().then((api) => {
      if (request !== this.#request) return; // a newer snapshot or attribute change won
      const options = {};
      if (this.getAttribute('order') === 'guide') options.order = 'guide';
      if (this.getAttribute('policy') === 'minimal') options.policy = 'minimal';
      const plan = api.planDeletion(snapshot, options);
      this.#plan = plan;
      this.#states.clear();
      this.#render();
      this.dispatchEvent(new CustomEvent('seamid-plan', { bubbles: true, composed: true, detail: { plan } }));
    }, () => {});
  }

  /** The state of each step: the progress's, overridden by onProgress events; `planned` without either. */
  #stepStates() {
    const states = new Map();
    let fromProgress = [];
    try {
      if (this.#progress !== null && !this.#progress.disposed && this.#progress.ok !== false) fromProgress = this.#progress.state().steps;
    } catch {
      fromProgress = []; // a disposed progress
    }
    for (const step of fromProgress) states.set(step.step_id, step.state);
    for (const [id, state] of this.#states) states.set(id, state);
    for (const step of this.#plan?.steps ?? []) if (!states.has(step.step_id)) states.set(step.step_id, 'planned');
    return states;
  }

  #render() {
    const plan = this.#plan;
    const root = this.#root;
    renderIssueList(root.querySelector('[part=issues]'), plan?.issues ?? []);
    root.querySelector('[part=notes]').replaceChildren(...(plan?.notes ?? []).map((note) => Object.assign(document.createElement('li'), { textContent: note })));
    const waves = root.querySelector('[part=waves]');
    const status = root.querySelector('[part=status]');
    if (!plan || plan.ok === false) {
      waves.replaceChildren();
      status.textContent = '';
      return;
    }
    const states = this.#stepStates();
    const byId = new Map(plan.steps.map((step, i) => [step.step_id, { step, number: i + 1 }]));
    const counts = new Map();
    waves.replaceChildren(...plan.waves.map((wave, index) => {
      const column = document.createElement('section');
      column.className = 'wave';
      column.setAttribute('part', 'wave');
      column.setAttribute('aria-label', `Wave ${index + 1}`);
      const title = document.createElement('h3');
      title.textContent = `Wave ${index + 1}`;
      const list = document.createElement('ol');
      for (const id of wave) {
        const entry = byId.get(id);
        if (entry === undefined) continue;
        const { step, number } = entry;
        const state = states.get(id);
        counts.set(state, (counts.get(state) ?? 0) + 1);
        const item = document.createElement('li');
        item.className = 'step';
        item.setAttribute('part', `step step-${state}`);
        Object.assign(item.dataset, { stepId: id, state, resource: step.resource });
        item.innerHTML = '<span class="number"></span> <span class="kind"></span> <code class="id"></code> <span class="state"></span><br><code part="endpoint"></code> <span class="confirm"></span>';
        item.querySelector('.number').textContent = `${number}.`;
        item.querySelector('.kind').textContent = labels[step.resource] ?? step.resource;
        item.querySelector('.id').textContent = `${id.slice(0, 8)}…`;
        item.querySelector('.state').textContent = state;
        item.querySelector('[part=endpoint]').textContent = `POST ${step.endpoint}`;
        const after = step.depends_on.map((other) => byId.get(other)?.number).filter(Boolean);
        item.querySelector('.confirm').textContent = (step.confirm.by === 'event' ? `confirmed by ${step.confirm.event_type}` : 'confirmed by the response') +
          (after.length ? `; after ${after.join(', ')}` : '');
        list.append(item);
      }
      column.append(title, list);
      return column;
    }));
    status.textContent = `${plan.steps.length} steps in ${plan.waves.length} waves: ${[...counts].map(([state, n]) => `${n} ${state}`).join(', ')}.`;
  }
}
