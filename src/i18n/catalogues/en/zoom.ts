/**
 * English texts: zoom — a record's Zoom state (src/web/views/zoomStatus.ts), the Zoom card on
 * Lets Meet → Manage (src/web/views/zoomCard.ts) and the pages of the connect flow
 * (src/web/zoom/zoomRoutes.ts). Zoom's own names (Zoom, Zoom Marketplace, Basic/Licensed) stay.
 */
export const zoom = {
  /** One entry per Zoom state (docs/product.md §9): badge, meaning, and a note for each viewer. */
  states: {
    pending: {
      label: 'Zoom meeting pending',
      meaning:
        'The Zoom meeting is being created; its join link appears here and is emailed to attendees as soon as Zoom confirms it.',
      hostAction: 'Nothing to do: reload in a moment.',
      managerAction: 'Nothing to do: reload in a moment.',
      attendeeNote: 'The join link is emailed to you as soon as it exists.',
    },
    created: {
      label: 'Zoom ready',
      meaning: 'The Zoom meeting exists and attendees have its join link.',
      hostAction: 'Nothing to do.',
      managerAction: 'Nothing to do.',
      attendeeNote: 'Use the join link at the meeting time.',
    },
    waiting_for_reconnect: {
      label: 'Needs Zoom reconnect',
      meaning: 'Zoom no longer accepts the host’s connection, so the meeting is not created yet.',
      hostAction:
        'Reconnect Zoom on Lets Meet → Manage: the meeting is then created and attendees are emailed. Or cancel this record and book again with another location.',
      managerAction:
        'Ask the host to reconnect Zoom on Lets Meet → Manage, or cancel this record and book again with another location.',
      attendeeNote: 'The host has been told; the join link is emailed to you once the meeting exists.',
    },
    waiting_for_daily_limit: {
      label: 'Waiting for Zoom’s daily limit',
      meaning: 'The host reached Zoom’s limit of new meetings for today; this one is created after 00:00 UTC.',
      hostAction:
        'Nothing to do: it is created then and attendees are emailed. To have a link sooner, cancel and book with another location.',
      managerAction:
        'Nothing to do: it is created then and attendees are emailed. To have a link sooner, cancel and book with another location.',
      attendeeNote: 'The join link is emailed to you once the meeting exists.',
    },
    failed: {
      label: 'Zoom failed',
      meaning: 'Zoom refused to create the meeting and it will not be tried again.',
      hostAction:
        'Check Zoom on Lets Meet → Manage (reconnect to grant missing permissions), then cancel this record and create it again, or choose another location.',
      managerAction:
        'Ask the host to check Zoom on Lets Meet → Manage, then cancel this record and create it again, or choose another location.',
      attendeeNote: 'The host has been told.',
    },
    deleting: {
      label: 'Removing from Zoom',
      meaning:
        'The record is cancelled and its Zoom meeting is being deleted from Zoom (Zoom deletes a meeting that is running only after it ends).',
      hostAction: 'Nothing to do: it is retried until Zoom confirms.',
      managerAction: 'Nothing to do: it is retried until Zoom confirms.',
      attendeeNote: 'The meeting is cancelled.',
    },
    deleted: {
      label: 'Removed from Zoom',
      meaning: 'The Zoom meeting was deleted from Zoom.',
      hostAction: 'Nothing to do.',
      managerAction: 'Nothing to do.',
      attendeeNote: 'The meeting is cancelled.',
    },
    orphaned: {
      label: 'Left on Zoom',
      meaning: 'The record is cancelled, but the host’s Zoom was not connected, so the meeting is still on Zoom.',
      hostAction:
        'Reconnect the same Zoom account on Lets Meet → Manage and it is deleted automatically, or delete the meeting in Zoom yourself (its ID is shown with the record).',
      managerAction:
        'Ask the host to reconnect the same Zoom account on Lets Meet → Manage, or to delete the meeting in Zoom.',
      attendeeNote: 'The meeting is cancelled.',
    },
  },
  /** The record's own state when it is not simply scheduled (docs/product.md §13.3). */
  recordStates: {
    requested: {
      label: 'Waiting for approval',
      meaning:
        'The host approves bookings first. The time is held for this request; nothing is on Zoom or in anyone’s calendar until the host approves.',
      hostAction: 'Approve or decline it below. Unanswered, it expires before its start (your minimum notice).',
      managerAction: 'The host approves or declines it; you get an email either way. You can cancel the request.',
      attendeeNote: 'You get the invitation when the host approves.',
    },
    declined: {
      label: 'Declined',
      meaning: 'The host declined this request. Nothing was scheduled and the time is free.',
      hostAction: 'Nothing to do.',
      managerAction: 'Book another time.',
      attendeeNote: 'Nothing was scheduled.',
    },
    expired: {
      label: 'Expired',
      meaning: 'The host did not answer this request in time. Nothing was scheduled and the time is free.',
      hostAction: 'Nothing to do.',
      managerAction: 'Book another time.',
      attendeeNote: 'Nothing was scheduled.',
    },
    cancelled: {
      label: 'Cancelled',
      meaning: 'This record was cancelled; everyone on it was told.',
      hostAction: 'Nothing to do.',
      managerAction: 'Nothing to do.',
      attendeeNote: 'It will not take place.',
    },
  },
  /** The state panel on a record's page. */
  panel: {
    reason: 'Reason:',
    forYou: 'For you:',
    whatYouCanDo: 'What you can do:',
    openManage: 'Open Lets Meet → Manage',
  },
  /** The Zoom card on Lets Meet → Manage. */
  card: {
    notConfigured: 'Zoom is not configured on this server.',
    connect: 'Connect Zoom',
    reconnect: 'Reconnect Zoom',
    disconnect: 'Disconnect Zoom',
    connectedPill: 'Connected',
    connectedLabel: 'Zoom connected ({{email}}) · {{plan}}',
    scopesGranted: 'Scopes granted:',
    disconnectExplained:
      'Disconnecting revokes our access at Zoom and deletes your tokens here. Existing Zoom meetings stay on your Zoom account and can no longer be removed automatically unless you reconnect.',
    noUpcoming: 'No upcoming Zoom meetings.',
    upcomingOnAccount_one: '{{count}} upcoming Zoom meeting on your account.',
    upcomingOnAccount_other: '{{count}} upcoming Zoom meetings on your account.',
    upcomingStay_one: '{{count}} upcoming Zoom meeting stays on your Zoom account',
    upcomingStay_other: '{{count}} upcoming Zoom meetings stay on your Zoom account',
    upcomingStayRest_one:
      'and can no longer be removed automatically unless you reconnect Zoom. Cancelling one shows its meeting ID, to delete in Zoom yourself.',
    upcomingStayRest_other:
      'and can no longer be removed automatically unless you reconnect Zoom. Cancelling one shows its meeting ID, to delete in Zoom yourself.',
    reconnectTitle: 'Reconnect Zoom.',
    reconnectBanner:
      'Zoom no longer accepts our access; new meetings wait and cancelled ones cannot be removed until you reconnect.',
    removeInMarketplace:
      'To stop using Zoom here instead: we can no longer revoke our access for you, so remove Ekosistem App at Zoom Marketplace → Manage → Installed Apps (then this card shows that it was removed).',
    deauthorized:
      'Ekosistem App was removed from your Zoom account, so your Zoom data was deleted. Connect again to use Zoom.',
    intro:
      'Connect your Zoom account so bookings, sessions and events with location “Zoom” get a Zoom meeting automatically.',
    pending: 'Waiting for Zoom — finish in the new tab. This page updates by itself.',
    reload: 'Reload',
    pendingTimedOut:
      'This page stopped waiting for Zoom after 10 minutes. Reload to see whether Zoom is connected, or connect again.',
  },
  /** What the host is told after disconnecting (src/integrations/zoom/disconnectZoom.ts outcomes). */
  disconnect: {
    revoked: 'Zoom disconnected: our access was revoked at Zoom and your tokens were deleted here.',
    revoke_failed:
      'Zoom disconnected here and your tokens were deleted, but Zoom did not confirm the revoke (it could not be reached or refused): remove Ekosistem App at Zoom Marketplace → Manage → Installed Apps.',
    no_tokens:
      'Zoom disconnected here. Zoom no longer accepted our access, so it could not be revoked from here: remove Ekosistem App at Zoom Marketplace → Manage → Installed Apps.',
    not_connected: 'Zoom was not connected.',
  },
  /** Why Zoom's answer to Connect Zoom was refused (src/integrations/zoom/connectZoom.ts refusal codes). */
  refusals: {
    zoom_state_missing: 'The answer from Zoom had no state. Start again from Lets Meet → Manage.',
    zoom_state_invalid:
      'This Zoom sign-in link is not valid any more (it was used already or never issued). Start again from Lets Meet → Manage.',
    zoom_state_wrong_session: 'This Zoom sign-in was started in another session. Start again from Lets Meet → Manage.',
    zoom_state_expired: 'The Zoom sign-in took longer than 10 minutes. Start again from Lets Meet → Manage.',
    zoom_access_denied: 'Zoom was not connected: the authorization was declined at Zoom.',
    zoom_scopes_missing:
      'Zoom was not connected: the Zoom app did not grant the scopes listed below. The Zoom app’s admin must add these scopes on the Zoom App Marketplace (Manage → the app → Scopes), then connect again.',
    zoom_exchange_failed: 'Zoom could not be connected. Try again in a moment.',
  },
  /** The tab Connect Zoom opens, once Zoom sends the host back. */
  flow: {
    notConnectedTitle: 'Zoom not connected',
    notConnectedHeading: 'Zoom was not connected',
    missingScopes: 'Missing scopes:',
    nothingKept: 'Nothing about your Zoom account was kept. You can close this tab.',
    signedOut: 'Sign in to Ekosistem App in this browser, then connect Zoom again from Lets Meet → Manage.',
    connectedTitle: 'Zoom connected',
    connectedHeading: 'Zoom connected ({{email}}) · {{plan}}',
    canClose: 'You can close this tab: your Lets Meet → Manage page has updated.',
    back: 'Back to Ekosistem App',
  },
  details: {
    reconnectToCreate:
      'The host’s Zoom connection needs to be reconnected (Lets Meet → Manage). The meeting will be created then — or change the location.',
    appRemoved:
      'The host removed Ekosistem App from Zoom, so no Zoom meeting can be created. Connect Zoom again on Lets Meet → Manage to create it, or change the location.',
    slowDown: 'Zoom asked us to slow down; trying again shortly.',
    noAnswer: 'Zoom did not answer in time; trying again in a few minutes.',
    unreachable: 'Zoom could not be reached; trying again automatically.',
    refusedCreate: 'Zoom refused to create the meeting: {{reason}}',
    pacing: 'Zoom allows only a few new meetings per second on the host’s account; this one is next in line.',
    dailyLimit:
      'The host reached Zoom’s limit of {{limit}} new meetings per day; this one will be created after 00:00 UTC.',
    orphaned:
      'Zoom meeting {{ids}} could not be removed because Zoom is not connected. Reconnect Zoom with the same Zoom account to remove it automatically, or delete it in Zoom.',
    refusedDelete: 'Zoom refused to delete meeting {{ids}}; delete it in Zoom.',
    deleteWait: 'Zoom asked us to wait; the meeting will be removed after {{time}}.',
    inProgress:
      'Zoom meeting {{id}} is in progress, and Zoom does not delete a running meeting; it will be removed after it ends (next try at {{time}}).',
    inProgressOverrun:
      'Zoom meeting {{id}} is in progress past its scheduled end, and Zoom does not delete a running meeting; it will be removed after it ends (next try at {{time}}).',
  },
} as const;
