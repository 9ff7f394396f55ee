// The CLI's command table: name -> one-line summary and a lazy loader of the module that runs it.
// A command module exports `run(args: string[]): Promise<number>` returning the exit code
// (0 = no errors found, 1 = errors found, 2 = unusable input or usage error).
export const commands = {
  audit: { summary: 'audit a snapshot of ACS systems, ACS users and user identities', load: () => import('./audit.js') },
  'check-phone': { summary: 'validate phone numbers given as arguments', load: () => import('./check-phone.js') },
  'check-request': { summary: 'validate /user_identities/create or update bodies from JSON files', load: () => import('./check-request.js') },
  delete: { summary: 'delete a user identity and everything attached through Seam\'s API (plan, confirm, run)', load: () => import('./delete.js') },
  import: { summary: 'create user identities from a CSV/JSON bulk import through Seam\'s API (validate, confirm, run)', load: () => import('./import.js') },
  'plan-delete': { summary: 'plan the deletion of a user identity from a snapshot', load: () => import('./plan-delete.js') },
  validate: { summary: 'check a CSV/JSON bulk import against a workspace snapshot and itself', load: () => import('./validate.js') },
};
