// The CLI's command table: name -> one-line summary and a lazy loader of the module that runs it.
// A command module exports `run(args: string[]): Promise<number>` returning the exit code
// (0 = no errors found, 1 = errors found, 2 = unusable input or usage error).
export const commands = {
  'check-phone': { summary: 'validate phone numbers given as arguments', load: () => import('./check-phone.js') },
  'plan-delete': { summary: 'plan the deletion of a user identity from a snapshot', load: () => import('./plan-delete.js') },
};
