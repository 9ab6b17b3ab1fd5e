import type { Catalogue } from '../types.ts';

export const auth: Catalogue['auth'] = {
  signIn: {
    title: 'Kirjaudu sisään',
    email: 'Sähköposti',
    password: 'Salasana',
    submit: 'Kirjaudu sisään',
    forgotPassword: 'Unohditko salasanasi?',
    newHere: 'Uusi käyttäjä?',
    createAccount: 'Luo tili',
  },
  signUp: {
    title: 'Luo tili',
    heading: 'Luo tilisi',
    name: 'Nimi',
    email: 'Sähköposti',
    submit: 'Luo tili',
    howItWorks:
      'Lähetämme sähköpostiisi linkin, jolla vahvistat osoitteesi. Valitset salasanasi, kun avaat linkin, ja tilisi luodaan silloin.',
    haveAccount: 'Onko sinulla jo tili?',
    signIn: 'Kirjaudu sisään',
  },
  sent: {
    title: 'Tarkista sähköpostisi',
    text: 'Lähetimme linkin antamaasi osoitteeseen. Avaa se, niin voit vahvistaa sähköpostiosoitteesi, valita salasanan ja viimeistellä tilin luomisen. Linkki toimii 24 tuntia.',
    noMail: 'Eikö viestiä ole tullut muutamassa minuutissa? Katso roskapostikansiosta tai',
    signUpAgain: 'luo tili uudelleen',
    haveAccount: 'Onko sinulla jo tili?',
    signIn: 'Kirjaudu sisään',
  },
  confirm: {
    title: 'Vahvista sähköpostiosoitteesi',
    introBefore: 'Luo Ekosistem App -tili osoitteelle',
    introAfter: ': valitse nimesi ja salasanasi, niin pääset sisään.',
    name: 'Nimi',
    password: 'Salasana (vähintään 10 merkkiä)',
    submit: 'Luo tili ja kirjaudu sisään',
  },
  confirmFailed: {
    accountExists: 'Sinulla on jo tili',
    signIn: 'Kirjaudu sisään',
    withPassword: 'salasanallasi.',
    invalid: 'Tämä linkki ei toimi',
    linksWorkOnce: 'Vahvistuslinkki toimii kerran ja 24 tunnin ajan.',
    signUpAgain: 'Luo tili uudelleen',
    toGetNew: 'saadaksesi uuden linkin tai',
    signInLower: 'kirjaudu sisään',
    ifConfirmed: ', jos olet jo vahvistanut osoitteesi.',
  },
  accepted:
    'Tarkista sähköpostisi: lähetimme linkin, jolla vahvistat osoitteesi ja viimeistelet tilin luomisen. Linkki toimii 24 tuntia.',
  confirmationMail: {
    subject: 'Vahvista sähköpostiosoitteesi – Ekosistem App',
    someone: 'Joku (toivottavasti sinä) on luomassa Ekosistem App -tiliä tällä sähköpostiosoitteella.',
    openLink:
      'Avaa alla oleva linkki, valitse nimesi ja salasanasi ja paina ”Luo tili ja kirjaudu sisään”. Linkki toimii kerran ja 24 tunnin ajan.',
    notYou: 'Jos et luonut tiliä, voit jättää tämän viestin huomiotta: tiliä ei luoda ilman linkkiä.',
    action: 'Vahvista sähköpostiosoitteesi',
  },
  attemptMail: {
    subject: 'Joku yritti luoda tilin sähköpostiosoitteellasi',
    someone:
      'Joku yritti luoda uuden Ekosistem App -tilin tällä sähköpostiosoitteella, jolla on jo tili. Uutta tiliä ei luotu, eikä tiliisi tehty muutoksia.',
    ifYou:
      'Jos se olit sinä, kirjaudu sisään nykyisellä salasanallasi (kirjautumissivun ”Unohditko salasanasi?” lähettää sinulle linkin, jolla valitset uuden). Muuten voit jättää tämän viestin huomiotta.',
    action: 'Kirjaudu sisään',
  },
};
