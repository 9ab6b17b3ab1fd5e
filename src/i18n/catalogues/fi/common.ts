import type { Catalogue } from '../types.ts';

export const common: Catalogue['common'] = {
  time: {
    span: '{{date}} klo {{start}}–{{end}} ({{zone}})',
    instant: '{{date}} klo {{time}} ({{zone}})',
    minutes_one: '{{count}} minuutti',
    minutes_other: '{{count}} minuuttia',
  },
  layout: {
    siteName: 'Ekosistem App',
    emulatorBanner: 'Zoom-emulaattori – oikeaa Zoom-tiliä ei käytetä',
    mainNavigation: 'Päävalikko',
    myEcosystems: 'Omat ekosysteemit',
    account: 'Oma tili',
    signOut: 'Kirjaudu ulos',
    signIn: 'Kirjaudu sisään',
    signUp: 'Luo tili',
    zoomHelp: 'Zoom-ohje',
    language: 'Kieli',
    somethingNeedsAttention: 'Jokin vaatii huomiota',
    home: 'Etusivu',
  },
  notices: {
    created: 'Tallennettu.',
    cancelled: 'Peruttu. Osallistujille ilmoitetaan.',
    approved: 'Hyväksytty. Varaus on vahvistettu, ja sen osallistujille lähetetään kutsu.',
    declined: 'Hylätty. Pyytäjälle ilmoitetaan, ja aika on taas vapaa.',
    rescheduled: 'Siirretty. Osallistujille lähetetään uusi aika.',
    registered: 'Ilmoittautuminen onnistui. Vahvistus on tulossa sähköpostiisi.',
    waitlisted:
      'Tapahtuma on täynnä: olet jonotuslistalla. Jos paikka vapautuu, se on sinun, ja liittymislinkki tulee sähköpostiin.',
    seats_saved:
      'Tallennettu. Tapahtuman aika ja Zoom-kokous pysyvät ennallaan; paikan saaneille lähetetään liittymislinkki.',
    unregistered: 'Ilmoittautuminen peruttu. Paikka siirtyy jonotuslistan ensimmäiselle, jos listalla on joku.',
    invitation_sent: 'Kutsu lähetetty. Kutsuttu liittyy jäseneksi, kun hän hyväksyy kutsun.',
    invitation_accepted: 'Tervetuloa! Olet nyt tämän ekosysteemin jäsen.',
    invitation_declined: 'Kutsu hylätty.',
    invitation_revoked: 'Kutsu peruttu.',
    role_changed: 'Rooli vaihdettu.',
    member_removed: 'Jäsen poistettu.',
    left: 'Erosit ekosysteemistä.',
    settings_saved: 'Asetukset on tallennettu.',
    availability_saved: 'Vapaat aikasi on tallennettu. Alla näet seuraavat vapaat aikasi.',
    booked: 'Varattu. Varaus näkyy Lets Meet -sivullasi, ja isäntä näkee sen omallaan.',
    requested:
      'Pyyntö lähetetty. Tämä isäntä hyväksyy varaukset ensin: aika on varattu sinulle, ja saat sähköpostin, kun hän vastaa.',
    ecosystem_created: 'Ekosysteemi luotu. Olet sen ylläpitäjä.',
    signed_out: 'Olet kirjautunut ulos.',
    signed_out_everywhere: 'Olet kirjautunut ulos kaikkialta: tilisi kaikki istunnot on päätetty.',
    profile_saved: 'Tallennettu. Sivut ja sähköpostit käyttävät valitsemaasi kieltä ja aikavyöhykettä.',
    password_changed: 'Salasanasi on vaihdettu. Sinut on kirjattu ulos kaikkialta muualta.',
    password_reset:
      'Uusi salasanasi on tallennettu, ja olet kirjautunut sisään. Tilisi kaikki muut istunnot on päätetty.',
  },
};
