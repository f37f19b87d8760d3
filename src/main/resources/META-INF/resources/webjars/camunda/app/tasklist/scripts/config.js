/*
 * motcua: Tasklist's configuration, replacing the one in Camunda's webjar (camunda-webapp-webjar
 * 7.24.0, app/tasklist/scripts/config.js, Apache License 2.0; its options are kept below).
 * Vietnamese first, dates dd/MM/yyyy, the product's scripts: docs/webapps.md.
 */
export default {
  // The languages of the header's language link: vi (locales/vi.json, ours) and en (Camunda's).
  // fallbackLocale serves a key vi.json lacks (in English); the language a user starts with is
  // motcuaDefaultLocale until they choose another.
  locales: {
    availableLocales: ['vi', 'en'],
    fallbackLocale: 'en'
  },
  motcuaDefaultLocale: 'vi',

  // moment.js formats; shown in Vietnam's time (UTC+07:00).
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'DD/MM/YYYY HH:mm',
    normal: 'DD/MM/YYYY HH:mm',
    long: 'dddd, DD/MM/YYYY HH:mm',
    short: 'DD/MM/YYYY'
  },

  // Language link, dates, Camunda Forms' dates and messages, sign-in (app/motcua/motcua-webapps.js).
  customScripts: ['../motcua/motcua-webapps'],

  // When the session expired, or after "Đăng xuất", the webapps show their own login (#/login),
  // which is closed: go to the product's sign-in page instead (/login?expired, /login?logout).
  motcuaSignIn: true,

  // No "first visit" box pointing to Camunda's welcome page.
  disableWelcomeMessage: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'nhận xử lý công việc đang chọn / claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'chuyển tới bộ lọc đầu tiên / set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'chuyển tới công việc đầu tiên trong danh sách / sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'chuyển tới ô nhập đầu tiên của biểu mẫu / sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'mở hộp thoại bắt đầu thủ tục / opens the start process modal dialog'
    }
  }
};
