import * as l10n from '@vscode/l10n';
import { clerkWebhookCatalog, clerkWebhookGroups, type ClerkWebhookEventSpec, type ClerkWebhookGroup } from './catalog.generated';

export function groupLabel(group: ClerkWebhookGroup): string {
  switch (group) {
    case 'user':
      return l10n.t('Users');
    case 'session':
      return l10n.t('Sessions');
    case 'organization':
      return l10n.t('Organizations');
    case 'membership':
      return l10n.t('Memberships');
    case 'invitation':
      return l10n.t('Invitations');
    case 'domain':
      return l10n.t('Domains');
    case 'role':
      return l10n.t('Roles');
    case 'permission':
      return l10n.t('Permissions');
    case 'email-sms':
      return l10n.t('Email and SMS');
    case 'waitlist':
      return l10n.t('Waitlist');
    case 'billing':
      return l10n.t('Billing');
  }
}

/** The catalog by group, in display order. */
export function catalogByGroup(): { group: ClerkWebhookGroup; events: ClerkWebhookEventSpec[] }[] {
  return clerkWebhookGroups.map((group) => ({ group, events: clerkWebhookCatalog.filter((event) => event.group === group) }));
}
