// The demo's ACS panel: a sample snapshot of several systems in an AcsModel; pick an identity and an ACS user
// to see the add/remove_acs_user verdicts and their reasons before "linking", plus the identity's links and the audit.
import * as seamid from '/bindings/js/src/acs-browser.js';
import { renderIssues } from './issues-view.js';

const $ = (id) => document.getElementById(id);

/** Loads the sample snapshot and wires the panel. Resolves once the panel is ready. */
export async function setupAcsPanel() {
  const snapshot = await (await fetch('samples/acs-snapshot.json')).json();
  const model = seamid.createAcsModel(snapshot);
  addEventListener('pagehide', () => model.dispose());
  const systems = new Map(snapshot.acs_systems.acs_systems.map((system) => [system.acs_system_id, system.name]));
  const identity = $('acs-identity');
  const acsUser = $('acs-user');
  for (const person of snapshot.user_identities) identity.append(new Option(`${person.full_name} (${person.email_address ?? person.phone_number})`, person.user_identity_id));
  for (const user of snapshot.acs_users.acs_users) acsUser.append(new Option(`${user.full_name} · ${systems.get(user.acs_system_id)} · ${user.acs_user_id.slice(-4)}`, user.acs_user_id));
  $('acs-summary').textContent = `${model.stats().acs_users} ACS users in ${systems.size} systems, ${snapshot.user_identities.length} user identities (sample snapshot)`;

  const request = () => ({ user_identity_id: identity.value, acs_user_id: acsUser.value });

  function refresh() {
    const add = model.preflightAddAcsUser(request());
    const remove = model.preflightRemoveAcsUser(request());
    const verdict = $('acs-verdict');
    verdict.textContent = `add_acs_user: ${add.verdict} · remove_acs_user: ${remove.verdict}`;
    verdict.dataset.verdict = add.verdict;
    renderIssues($('acs-verdict-field'), add.issues, () => {});
    $('acs-link').disabled = add.verdict !== 'allowed';
    $('acs-unlink').disabled = remove.verdict !== 'allowed';
    const linked = $('acs-linked');
    linked.replaceChildren(...model.listAcsUsers(identity.value).acs_users.map((user) => {
      const item = document.createElement('li');
      item.dataset.acsUserId = user.acs_user_id;
      item.textContent = `${systems.get(user.acs_system_id)}: ${user.full_name ?? user.display_name} (${user.acs_user_id})`;
      return item;
    }));
    const report = model.audit();
    renderIssues($('acs-audit-field'), report.issues, () => {});
    $('acs-audit-summary').textContent = `${report.violations} violation(s), ${report.mismatches} profile mismatch(es)`;
  }

  identity.addEventListener('change', refresh);
  acsUser.addEventListener('change', refresh);
  $('acs-link').addEventListener('click', () => { model.linkAcsUser(request()); refresh(); });
  $('acs-unlink').addEventListener('click', () => { model.unlinkAcsUser(request()); refresh(); });
  refresh();
}
