import type { Catalogue } from '../types.ts';

export const account: Catalogue['account'] = {
  resetRequest: {
    title: 'Unohtunut salasana',
    heading: 'Unohditko salasanasi?',
    text: 'Anna tilisi sähköpostiosoite. Lähetämme siihen linkin, jolla valitset uuden salasanan. Linkin avaaminen poistaa myös väärien salasanojen aiheuttaman kirjautumiseston.',
    email: 'Sähköposti',
    submit: 'Lähetä linkki',
    remembered: 'Muistitko sittenkin?',
    signIn: 'Kirjaudu sisään',
  },
  resetSent: {
    title: 'Tarkista sähköpostisi',
    text: 'Jos antamallesi osoitteelle on tili, lähetimme siihen linkin, jolla valitset uuden salasanan. Linkki toimii kerran ja tunnin ajan.',
    noMail: 'Eikö viestiä ole tullut muutamassa minuutissa? Katso roskapostikansiosta tai',
    askAgain: 'pyydä uusi linkki',
  },
  resetChoose: {
    title: 'Valitse uusi salasana',
    forBefore: 'Tilille',
    forAfter: '. Kun tallennat salasanan, pysyt kirjautuneena tässä, ja kaikki muut kirjautumisesi päättyvät.',
    newPassword: 'Uusi salasana (vähintään 10 merkkiä)',
    submit: 'Tallenna salasana ja kirjaudu sisään',
  },
  resetFailed: {
    heading: 'Tämä linkki ei toimi',
    text: 'Salasanalinkki toimii kerran ja tunnin ajan.',
    askNew: 'Pyydä uusi linkki',
    or: 'tai',
    signIn: 'kirjaudu sisään',
  },
  resetAccepted:
    'Jos tälle sähköpostiosoitteelle on tili, lähetimme siihen linkin, jolla valitset uuden salasanan. Linkki toimii kerran ja tunnin ajan.',
  resetMail: {
    subject: 'Valitse uusi salasana – Ekosistem App',
    someone: 'Joku (toivottavasti sinä) pyysi uutta salasanaa tämän sähköpostiosoitteen Ekosistem App -tilille.',
    openLink:
      'Avaa alla oleva linkki ja valitse uusi salasana. Sen jälkeen olet kirjautuneena sisään, kaikki muut tilisi kirjautumiset päättyvät ja väärien salasanojen aiheuttama kirjautumisesto poistuu. Linkki toimii kerran ja tunnin ajan.',
    notYou: 'Jos et pyytänyt uutta salasanaa, voit jättää tämän viestin huomiotta: salasanasi pysyy ennallaan.',
    action: 'Valitse uusi salasana',
  },
  page: {
    title: 'Oma tili',
    you: 'Omat tiedot',
    language: 'Kieli',
    timezone: 'Aikavyöhykkeesi',
    eachRecordsOwnZone: 'Kunkin tapaamisen oma aikavyöhyke',
    profileHint:
      'Sivut ja sähköpostit ovat valitsemallasi kielellä. Ajat näytetään aikavyöhykkeelläsi, tai kunkin tapaamisen omalla, jos et valitse vyöhykettä.',
    saveProfile: 'Tallenna kieli ja aikavyöhyke',
    passwordHeading: 'Vaihda salasana',
    currentPassword: 'Nykyinen salasana',
    newPassword: 'Uusi salasana (vähintään 10 merkkiä)',
    passwordHint: 'Kaikki muut kirjautumisesi päättyvät; tällä laitteella pysyt kirjautuneena.',
    changePassword: 'Vaihda salasana',
    everywhereHeading: 'Kirjaudu ulos kaikkialta',
    everywhereText:
      'Päättää tilisi kaikki kirjautumiset – tällä ja kaikilla muilla laitteilla. Käytä tätä, jos laite katoaa tai joku muu käyttää sitä.',
    signOutEverywhere: 'Kirjaudu ulos kaikkialta',
  },
};
