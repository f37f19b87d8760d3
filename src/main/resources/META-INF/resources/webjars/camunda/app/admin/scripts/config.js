/*
 * motcua: Admin's configuration, replacing the one in Camunda's webjar (camunda-webapp-webjar
 * 7.24.0, app/admin/scripts/config.js, Apache License 2.0, which sets nothing).
 * Vietnamese first, dates dd/MM/yyyy, the product's scripts: docs/webapps.md.
 */
export default {
  // vi (locales/vi.json, ours: what analysts and administrators use every day; a key it lacks
  // shows in English, the fallbackLocale) and en (Camunda's). The language a user starts with is
  // motcuaDefaultLocale until they choose another in the header.
  locales: {
    availableLocales: ['vi', 'en'],
    fallbackLocale: 'en'
  },
  motcuaDefaultLocale: 'vi',

  // moment.js formats, applied by the product's script; Vietnam's time.
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'DD/MM/YYYY HH:mm',
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd, DD/MM/YYYY HH:mm',
    short: 'DD/MM/YYYY'
  },

  customScripts: ['../motcua/motcua-webapps'],

  motcuaSignIn: true,

  disableWelcomeMessage: true
};
