import type { Catalogue } from '../types.ts';

export const zoom: Catalogue['zoom'] = {
  states: {
    pending: {
      label: 'Zoom-mötet skapas',
      meaning:
        'Zoom-mötet skapas. Anslutningslänken visas här och skickas till deltagarna per e-post så snart Zoom bekräftar mötet.',
      hostAction: 'Inget att göra: ladda om sidan om en stund.',
      managerAction: 'Inget att göra: ladda om sidan om en stund.',
      attendeeNote: 'Du får anslutningslänken per e-post så snart den finns.',
    },
    created: {
      label: 'Zoom klart',
      meaning: 'Zoom-mötet finns och deltagarna har anslutningslänken.',
      hostAction: 'Inget att göra.',
      managerAction: 'Inget att göra.',
      attendeeNote: 'Använd anslutningslänken när mötet börjar.',
    },
    waiting_for_reconnect: {
      label: 'Zoom behöver anslutas igen',
      meaning: 'Zoom godkänner inte längre värdens anslutning, så mötet har inte skapats än.',
      hostAction:
        'Anslut Zoom igen under Lets Meet → Hantera: då skapas mötet och deltagarna får e-post. Du kan också ställa in det här mötet och boka igen med en annan plats.',
      managerAction:
        'Be värden ansluta Zoom igen under Lets Meet → Hantera, eller ställ in det här mötet och boka igen med en annan plats.',
      attendeeNote: 'Värden har fått veta. Du får anslutningslänken per e-post när mötet har skapats.',
    },
    waiting_for_daily_limit: {
      label: 'Zooms dagsgräns nådd',
      meaning: 'Värden har nått Zooms gräns för nya möten i dag; det här mötet skapas efter kl. 00.00 UTC.',
      hostAction:
        'Inget att göra: mötet skapas då och deltagarna får e-post. Behöver du en länk tidigare kan du ställa in och boka med en annan plats.',
      managerAction:
        'Inget att göra: mötet skapas då och deltagarna får e-post. Behövs en länk tidigare kan du ställa in och boka med en annan plats.',
      attendeeNote: 'Du får anslutningslänken per e-post när mötet har skapats.',
    },
    failed: {
      label: 'Zoom misslyckades',
      meaning: 'Zoom vägrade skapa mötet, och inga fler försök görs.',
      hostAction:
        'Kontrollera Zoom under Lets Meet → Hantera (anslut igen för att ge behörigheter som saknas). Ställ sedan in det här mötet och skapa det igen, eller välj en annan plats.',
      managerAction:
        'Be värden kontrollera Zoom under Lets Meet → Hantera. Ställ sedan in det här mötet och skapa det igen, eller välj en annan plats.',
      attendeeNote: 'Värden har fått veta.',
    },
    deleting: {
      label: 'Tas bort från Zoom',
      meaning:
        'Mötet är inställt och dess Zoom-möte tas bort från Zoom (ett pågående möte tar Zoom bort först när det har slutat).',
      hostAction: 'Inget att göra: vi försöker igen tills Zoom bekräftar.',
      managerAction: 'Inget att göra: vi försöker igen tills Zoom bekräftar.',
      attendeeNote: 'Mötet är inställt.',
    },
    deleted: {
      label: 'Borttaget från Zoom',
      meaning: 'Zoom-mötet har tagits bort från Zoom.',
      hostAction: 'Inget att göra.',
      managerAction: 'Inget att göra.',
      attendeeNote: 'Mötet är inställt.',
    },
    orphaned: {
      label: 'Kvar på Zoom',
      meaning: 'Mötet är inställt, men värdens Zoom var inte anslutet, så Zoom-mötet finns kvar på Zoom.',
      hostAction:
        'Anslut samma Zoom-konto igen under Lets Meet → Hantera så tas mötet bort automatiskt, eller ta bort mötet själv i Zoom (dess ID visas vid mötet).',
      managerAction: 'Be värden ansluta samma Zoom-konto igen under Lets Meet → Hantera, eller ta bort mötet i Zoom.',
      attendeeNote: 'Mötet är inställt.',
    },
  },
  recordStates: {
    requested: {
      label: 'Väntar på godkännande',
      meaning:
        'Värden godkänner bokningar först. Tiden hålls för den här förfrågan; inget finns på Zoom eller i någons kalender förrän värden godkänner.',
      hostAction:
        'Godkänn eller avböj förfrågan nedan. Obesvarad går den ut före starttiden (enligt din minsta framförhållning).',
      managerAction:
        'Värden godkänner eller avböjer förfrågan, och du får e-post i båda fallen. Du kan dra tillbaka förfrågan.',
      attendeeNote: 'Du får kalenderinbjudan när värden godkänner.',
    },
    declined: {
      label: 'Avböjd',
      meaning: 'Värden avböjde förfrågan. Inget bokades, och tiden är ledig igen.',
      hostAction: 'Inget att göra.',
      managerAction: 'Boka en annan tid.',
      attendeeNote: 'Inget bokades.',
    },
    expired: {
      label: 'Utgången',
      meaning: 'Värden svarade inte på förfrågan i tid. Inget bokades, och tiden är ledig igen.',
      hostAction: 'Inget att göra.',
      managerAction: 'Boka en annan tid.',
      attendeeNote: 'Inget bokades.',
    },
    cancelled: {
      label: 'Inställt',
      meaning: 'Det här mötet ställdes in, och alla som var med har fått veta.',
      hostAction: 'Inget att göra.',
      managerAction: 'Inget att göra.',
      attendeeNote: 'Mötet blir inte av.',
    },
  },
  panel: {
    reason: 'Orsak:',
    forYou: 'För dig:',
    whatYouCanDo: 'Det här kan du göra:',
    openManage: 'Öppna Lets Meet → Hantera',
  },
  card: {
    notConfigured: 'Zoom är inte konfigurerat på den här servern.',
    connect: 'Anslut Zoom',
    reconnect: 'Anslut Zoom igen',
    disconnect: 'Koppla från Zoom',
    connectedPill: 'Anslutet',
    connectedLabel: 'Zoom anslutet ({{email}}) · {{plan}}',
    scopesGranted: 'Beviljade behörigheter:',
    disconnectExplained:
      'När du kopplar från återkallas vår åtkomst hos Zoom och dina token raderas här. Befintliga Zoom-möten finns kvar på ditt Zoom-konto och kan inte längre tas bort automatiskt om du inte ansluter igen.',
    noUpcoming: 'Inga kommande Zoom-möten.',
    upcomingOnAccount_one: '{{count}} kommande Zoom-möte på ditt konto.',
    upcomingOnAccount_other: '{{count}} kommande Zoom-möten på ditt konto.',
    upcomingStay_one: '{{count}} kommande Zoom-möte finns kvar på ditt Zoom-konto',
    upcomingStay_other: '{{count}} kommande Zoom-möten finns kvar på ditt Zoom-konto',
    upcomingStayRest_one:
      'och kan inte längre tas bort automatiskt om du inte ansluter Zoom igen. Ställer du in mötet visas dess mötes-ID, så att du kan ta bort det själv i Zoom.',
    upcomingStayRest_other:
      'och kan inte längre tas bort automatiskt om du inte ansluter Zoom igen. Ställer du in ett möte visas dess mötes-ID, så att du kan ta bort det själv i Zoom.',
    reconnectTitle: 'Anslut Zoom igen.',
    reconnectBanner:
      'Zoom godkänner inte längre vår åtkomst: nya möten väntar, och inställda möten kan inte tas bort förrän du ansluter igen.',
    removeInMarketplace:
      'Vill du i stället sluta använda Zoom här? Vi kan inte längre återkalla vår åtkomst åt dig, så ta bort Ekosistem App under Zoom Marketplace → Manage → Installed Apps (sedan visar det här kortet att appen är borttagen).',
    deauthorized:
      'Ekosistem App togs bort från ditt Zoom-konto, så dina Zoom-uppgifter raderades. Anslut igen om du vill använda Zoom.',
    intro:
      'Anslut ditt Zoom-konto så får bokningar, mentorsträffar och evenemang med platsen ”Zoom” ett Zoom-möte automatiskt.',
    pending: 'Väntar på Zoom – slutför i den nya fliken. Sidan uppdateras av sig själv.',
    reload: 'Ladda om',
    pendingTimedOut:
      'Sidan slutade vänta på Zoom efter 10 minuter. Ladda om för att se om Zoom är anslutet, eller anslut igen.',
  },
  disconnect: {
    revoked: 'Zoom är frånkopplat: vår åtkomst återkallades hos Zoom och dina token raderades här.',
    revoke_failed:
      'Zoom kopplades från här och dina token raderades, men Zoom bekräftade inte återkallelsen (Zoom gick inte att nå eller vägrade): ta bort Ekosistem App under Zoom Marketplace → Manage → Installed Apps.',
    no_tokens:
      'Zoom kopplades från här. Zoom godkände inte längre vår åtkomst, så den kunde inte återkallas härifrån: ta bort Ekosistem App under Zoom Marketplace → Manage → Installed Apps.',
    not_connected: 'Zoom var inte anslutet.',
  },
  refusals: {
    zoom_state_missing: 'Svaret från Zoom var ofullständigt. Börja om från Lets Meet → Hantera.',
    zoom_state_invalid:
      'Den här inloggningslänken till Zoom gäller inte längre (den har redan använts eller har aldrig utfärdats). Börja om från Lets Meet → Hantera.',
    zoom_state_wrong_session:
      'Den här inloggningen till Zoom startades i en annan session. Börja om från Lets Meet → Hantera.',
    zoom_state_expired: 'Inloggningen till Zoom tog längre än 10 minuter. Börja om från Lets Meet → Hantera.',
    zoom_access_denied: 'Zoom anslöts inte: auktoriseringen avböjdes hos Zoom.',
    zoom_scopes_missing:
      'Zoom anslöts inte: Zoom-appen beviljade inte behörigheterna nedan. Zoom-appens administratör måste lägga till dem på Zoom App Marketplace (Manage → appen → Scopes), sedan kan du ansluta igen.',
    zoom_exchange_failed: 'Zoom kunde inte anslutas. Försök igen om en stund.',
  },
  flow: {
    notConnectedTitle: 'Zoom inte anslutet',
    notConnectedHeading: 'Zoom anslöts inte',
    missingScopes: 'Behörigheter som saknas:',
    nothingKept: 'Inget om ditt Zoom-konto sparades. Du kan stänga den här fliken.',
    signedOut: 'Logga in på Ekosistem App i den här webbläsaren och anslut sedan Zoom igen under Lets Meet → Hantera.',
    connectedTitle: 'Zoom anslutet',
    connectedHeading: 'Zoom anslutet ({{email}}) · {{plan}}',
    canClose: 'Du kan stänga den här fliken: din sida Lets Meet → Hantera har uppdaterats.',
    back: 'Tillbaka till Ekosistem App',
  },
  details: {
    reconnectToCreate:
      'Värdens Zoom-anslutning behöver anslutas igen (Lets Meet → Hantera). Mötet skapas då – eller byt plats.',
    appRemoved:
      'Värden tog bort Ekosistem App från Zoom, så inget Zoom-möte kan skapas. Anslut Zoom igen under Lets Meet → Hantera för att skapa det, eller byt plats.',
    slowDown: 'Zoom bad oss sakta ner; vi försöker igen strax.',
    noAnswer: 'Zoom svarade inte i tid; vi försöker igen om några minuter.',
    unreachable: 'Zoom gick inte att nå; vi försöker igen automatiskt.',
    refusedCreate: 'Zoom vägrade skapa mötet: {{reason}}',
    pacing: 'Zoom tillåter bara några nya möten per sekund på värdens konto; det här står näst i tur.',
    dailyLimit: 'Värden har nått Zooms gräns på {{limit}} nya möten per dag; det här skapas efter kl. 00.00 UTC.',
    orphaned:
      'Zoom-mötet {{ids}} kunde inte tas bort eftersom Zoom inte är anslutet. Anslut Zoom igen med samma Zoom-konto så tas det bort automatiskt, eller radera det i Zoom.',
    refusedDelete: 'Zoom vägrade radera mötet {{ids}}; radera det i Zoom.',
    deleteWait: 'Zoom bad oss vänta; mötet tas bort efter {{time}}.',
    inProgress:
      'Zoom-mötet {{id}} pågår, och Zoom raderar inte ett pågående möte; det tas bort när det är slut (nästa försök {{time}}).',
    inProgressOverrun:
      'Zoom-mötet {{id}} pågår fortfarande efter sin planerade sluttid, och Zoom raderar inte ett pågående möte; det tas bort när det är slut (nästa försök {{time}}).',
  },
};
