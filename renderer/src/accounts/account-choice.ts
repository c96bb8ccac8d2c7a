import type { Account } from '../../../shared/models/site';
import { invoke } from '../api';

/** The account a mapping logs on as: an existing one, or a new one created on save. */
export interface AccountChoice {
  /** '' until chosen; NEW_ACCOUNT while a new one is being typed. */
  selected: string;
  newName: string;
  newGroups: string;
}

/** The select's value for "New account…". */
export const NEW_ACCOUNT = '\u0000new';

/** Nothing chosen yet. */
export const EMPTY_ACCOUNT_CHOICE: AccountChoice = { selected: '', newName: '', newGroups: '' };

/** Groups typed as "admins, staff" (commas or spaces between). */
export function parseGroups(text: string): string[] {
  return [...new Set(text.split(/[,\s]+/).map((g) => g.trim()).filter(Boolean))];
}

/** The account name the choice stands for, or null when nothing usable is chosen yet. */
export function chosenAccount(choice: AccountChoice): string | null {
  if (choice.selected === NEW_ACCOUNT) return choice.newName.trim() || null;
  return choice.selected || null;
}

/** What is wrong with the choice, if anything: a "New account…" with no name, or no account (`none`). */
export function accountChoiceProblem(choice: AccountChoice, none: string): string | undefined {
  if (choice.selected === NEW_ACCOUNT && !choice.newName.trim()) return 'Name the new account';
  return chosenAccount(choice) ? undefined : none;
}

/** Create the account first when "New account…" names one that does not exist yet; returns its name. */
export async function ensureAccount(choice: AccountChoice, existing: readonly Account[]): Promise<string> {
  const name = chosenAccount(choice);
  if (!name) throw new Error('Choose an account');
  // An existing account is used as it is: upsert would silently replace its groups.
  const known = existing.some((a) => a.name.toLowerCase() === name.toLowerCase());
  if (choice.selected === NEW_ACCOUNT && !known) await invoke('accounts.upsert', { name, groups: parseGroups(choice.newGroups), description: '', create: true });
  return name;
}
