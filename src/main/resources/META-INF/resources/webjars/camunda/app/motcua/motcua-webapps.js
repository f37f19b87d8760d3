/*
 * motcua — the Camunda 7.24 webapps (Tasklist, Cockpit, Admin, Welcome) for a Vietnamese one-stop
 * counter. Each app's scripts/config.js loads this module through `customScripts`
 * ('../motcua/motcua-webapps'); it runs once per page, before AngularJS starts the app.
 * What it does, and what to change where: docs/webapps.md.
 *
 *  1. Language: Vietnamese by default, English from the language link in the header; the choice
 *     is kept in localStorage ('motcua.locale') and applied before the app starts. Missing
 *     Vietnamese keys show in English (the config's fallbackLocale).
 *  2. Dates: the config's dateFormat (moment formats, dd/MM/yyyy) in every app, shown in
 *     Vietnam's time (UTC+07:00, no daylight saving) whatever the computer's time zone; relative
 *     texts ("còn 2 ngày") in the chosen language.
 *  3. Camunda Forms (form-js): date fields show and accept dd/MM/yyyy (the value stays ISO
 *     yyyy-MM-dd), and validation messages read "Vietnamese / English".
 *  4. Sign-in: when an app routes to its own login view (#/login, e.g. the session expired) and
 *     the config says `motcuaSignIn: true`, the browser goes to the product's sign-in page
 *     (/login?expired, /login?logout after "Đăng xuất"), not again before an app has known the
 *     signed-in user (no loop).
 */

const angular = window.angular;
const APP = (document.querySelector('base') || document.documentElement).getAttribute('app-name') || '';
const CONFIG = window['cam' + APP.charAt(0).toUpperCase() + APP.slice(1) + 'Conf'] || {};

export const LOCALE_KEY = 'motcua.locale';
const LANGUAGE_NAMES = {vi: 'Tiếng Việt', en: 'English'};

/** Vietnam's time: UTC+07:00 all year (no daylight saving since 1975). */
const VIETNAM_OFFSET_MINUTES = 7 * 60;
const VIETNAM_ZONE_LABEL = 'Asia/Ho_Chi_Minh (UTC+07:00)';

// ---------------------------------------------------------------------------------------------
// 1. Language

function availableLocales() {
  return (CONFIG.locales && CONFIG.locales.availableLocales) || ['en'];
}

/** The language the user chose in the header, else the configured default (Vietnamese). */
export function chosenLocale() {
  const available = availableLocales();
  let stored = null;
  try {
    stored = window.localStorage.getItem(LOCALE_KEY);
  } catch (e) {
    // storage disabled: the default applies
  }
  if (stored && available.indexOf(stored) >= 0) {
    return stored;
  }
  const preferred = CONFIG.motcuaDefaultLocale || 'vi';
  return available.indexOf(preferred) >= 0 ? preferred : available[0];
}

function chooseLocale(locale) {
  try {
    window.localStorage.setItem(LOCALE_KEY, locale);
  } catch (e) {
    // without storage the choice lasts for this page only
  }
  window.location.reload();
}

const LOCALE = chosenLocale();
document.documentElement.setAttribute('lang', LOCALE);

/** The header's language link: the other language, one click away (on the login page too). */
function addLanguageMenu() {
  const menu = document.querySelector('[cam-widget-header] nav.cam-nav > ul');
  if (!menu || menu.querySelector('li.motcua-language')) {
    return;
  }
  const other = availableLocales().filter(locale => locale !== LOCALE)[0];
  if (!other) {
    return;
  }
  const item = document.createElement('li');
  item.className = 'motcua-language';
  const link = document.createElement('a');
  link.href = '';
  link.setAttribute('lang', other);
  link.setAttribute('data-locale', other);
  link.title = LOCALE === 'vi' ? 'Chuyển sang tiếng Anh / Switch to English'
    : 'Chuyển sang tiếng Việt / Switch to Vietnamese';
  const icon = document.createElement('span');
  icon.className = 'glyphicon glyphicon-globe';
  link.appendChild(icon);
  link.appendChild(document.createTextNode(' ' + (LANGUAGE_NAMES[other] || other)));
  link.addEventListener('click', event => {
    event.preventDefault();
    chooseLocale(other);
  });
  item.appendChild(link);
  menu.insertBefore(item, menu.firstChild);
}

// ---------------------------------------------------------------------------------------------
// 2. Dates

/**
 * The apps' moment.js: Tasklist has it as an AngularJS constant (angular-moment), Cockpit and Admin
 * as a global; the Welcome page shows no dates.
 */
function momentOf($injector) {
  if ($injector.has('moment')) {
    return $injector.get('moment');
  }
  return typeof window.moment === 'function' ? window.moment : null;
}

/** A timestamp as moment, in Vietnam's time. */
function vietnamTime(moment, value) {
  if (typeof value === 'number') {
    value = new Date(value);
  }
  return moment(value, moment.ISO_8601).utcOffset(VIETNAM_OFFSET_MINUTES);
}

function configureAngular() {
  if (!angular) {
    return;
  }
  let module;
  try {
    module = angular.module('cam.' + APP + '.custom');
  } catch (e) {
    console.warn('motcua: no AngularJS module cam.' + APP + '.custom; language and dates left as they are');
    return;
  }
  module.config(['$translateProvider', function ($translateProvider) {
    $translateProvider.preferredLanguage(LOCALE);
  }]);
  // Cockpit and Admin ignore config.js's dateFormat (Cockpit hard-codes ISO timestamps): apply it
  // in every app, after the app's own settings.
  module.config(['$injector', function ($injector) {
    if (!CONFIG.dateFormat || !$injector.has('camDateFormatProvider')) {
      return;
    }
    const formats = $injector.get('camDateFormatProvider');
    Object.keys(CONFIG.dateFormat).forEach(kind => formats.setDateFormat(CONFIG.dateFormat[kind], kind));
  }]);
  // The camDate filter shows every timestamp of the apps: in Vietnam's time.
  module.config(['$provide', function ($provide) {
    $provide.decorator('camDateFilter', ['$delegate', '$injector', function ($delegate, $injector) {
      const moment = momentOf($injector);
      if (!moment || !$injector.has('camDateFormat')) {
        return $delegate;
      }
      const format = $injector.get('camDateFormat');
      return function (value, kind) {
        return value ? vietnamTime(moment, value).format(format(kind)) : '';
      };
    }]);
  }]);
  module.run(['$rootScope', function ($rootScope) {
    $rootScope.$watch('authentication', authentication => {
      if (authentication && authentication.name) {
        signedInAgain();
      }
    });
  }]);
  module.run(['$rootScope', '$injector', function ($rootScope, $injector) {
    // Each loaded locale file makes its language moment's global locale (the fallback, English, may
    // load last): relative texts ("còn 2 ngày" / "in 2 days") and names of days and months follow
    // the chosen language instead.
    const moment = momentOf($injector);
    if (!moment || !$injector.has('$translate')) {
      return;
    }
    const amMoment = $injector.has('amMoment') ? $injector.get('amMoment') : null;
    const $translate = $injector.get('$translate');
    const follow = () => {
      const language = $translate.proposedLanguage() || $translate.use();
      if (!language || moment.locale() === language || moment.locales().indexOf(language) < 0) {
        return;
      }
      if (amMoment) {
        amMoment.changeLocale(language); // also redraws Tasklist's "còn 2 giờ"
      } else {
        moment.locale(language);
      }
    };
    $rootScope.$on('$translateLoadingEnd', follow);
    $rootScope.$on('$translateChangeEnd', follow);
    follow();
  }]);
}

/** The footer names the time zone the dates are shown in: Vietnam's. */
function labelTimeZone() {
  const zone = document.querySelector('#footer-timezone i');
  if (zone && zone.textContent !== VIETNAM_ZONE_LABEL) {
    zone.textContent = VIETNAM_ZONE_LABEL;
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Camunda Forms (form-js)

/** flatpickr's format tokens for dd/MM/yyyy; the stored value stays yyyy-MM-dd (form-js keeps it). */
const FORM_DATE_FORMAT = 'd/m/Y';
const FORM_DATE_PLACEHOLDER = 'dd/mm/yyyy';

const FLATPICKR_VI = {
  weekdays: {
    shorthand: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
    longhand: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy']
  },
  months: {
    shorthand: ['Th1', 'Th2', 'Th3', 'Th4', 'Th5', 'Th6', 'Th7', 'Th8', 'Th9', 'Th10', 'Th11', 'Th12'],
    longhand: ['Tháng 1', 'Tháng 2', 'Tháng 3', 'Tháng 4', 'Tháng 5', 'Tháng 6', 'Tháng 7', 'Tháng 8',
      'Tháng 9', 'Tháng 10', 'Tháng 11', 'Tháng 12']
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' đến ',
  weekAbbreviation: 'Tuần',
  scrollTitle: 'Cuộn để thay đổi',
  toggleTitle: 'Bấm để chuyển',
  time_24hr: true
};

/**
 * form-js (bundled in Tasklist 7.24) formats its date fields in the browser's own locale
 * (Intl.DateTimeFormat's default) and has no option for it; its flatpickr instance (the input's
 * documented `_flatpickr`) is switched to dd/MM/yyyy. form-js reads the picked Date and stores
 * yyyy-MM-dd, so the value the engine receives does not change.
 */
function adjustDatePickers(root) {
  root.querySelectorAll('.fjs-datepicker input.flatpickr-input').forEach(input => {
    const picker = input._flatpickr;
    if (!picker || picker.config.dateFormat === FORM_DATE_FORMAT) {
      return;
    }
    const options = {dateFormat: FORM_DATE_FORMAT};
    if (LOCALE === 'vi') {
      options.locale = FLATPICKR_VI;
    }
    picker.set(options);
    input.placeholder = FORM_DATE_PLACEHOLDER;
  });
  root.querySelectorAll('.fjs-datepicker input.fjs-input:not(.flatpickr-input)').forEach(input => {
    if (input.placeholder !== FORM_DATE_PLACEHOLDER) {
      input.placeholder = FORM_DATE_PLACEHOLDER;
    }
  });
}

/**
 * Every message form-js's validation writes (form-js in 7.24's deps.js: the Validator, the number
 * and date-time fields), in Vietnamese; the English original stays beside it.
 */
export const FORM_MESSAGES = [
  [/^Field is required\.$/, () => 'Bắt buộc nhập'],
  [/^Field must match pattern (.+)\.$/, m => 'Không đúng định dạng yêu cầu (mẫu ' + m[1] + ')'],
  [/^Field must have minimum value of (.+)\.$/, m => 'Giá trị tối thiểu là ' + m[1]],
  [/^Field must have maximum value of (.+)\.$/, m => 'Giá trị tối đa là ' + m[1]],
  [/^Field must have minimum length of (.+)\.$/, m => 'Phải có ít nhất ' + m[1] + ' ký tự'],
  [/^Field must have maximum length of (.+)\.$/, m => 'Không được quá ' + m[1] + ' ký tự'],
  [/^Field must be a valid {1,2}international phone number\./, () => 'Số điện thoại phải theo dạng quốc tế (ví dụ +84912345678)'],
  [/^Field must be a valid email\.$/, () => 'Địa chỉ thư điện tử không hợp lệ'],
  [/^Value is not a number\.$/, () => 'Giá trị phải là số'],
  [/^Value is expected to be an integer\.$/, () => 'Giá trị phải là số nguyên'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, m => 'Tối đa ' + m[1] + ' chữ số thập phân'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    m => 'Giá trị không hợp lệ; hai giá trị hợp lệ gần nhất là ' + m[1] + ' và ' + m[2]],
  [/^Date and time must both be entered\.$/, () => 'Phải nhập cả ngày và giờ']
];

/** "Bắt buộc nhập / Field is required." for a message of form-js; null for any other text. */
export function bilingualMessage(english) {
  for (const [pattern, vietnamese] of FORM_MESSAGES) {
    const match = pattern.exec(english);
    if (match) {
      return vietnamese(match) + ' / ' + english;
    }
  }
  return null;
}

/** Other texts form-js writes in English into the product's forms: [selector, English, Vietnamese]. */
const FORM_TEXTS = [
  ['.fjs-select-display.fjs-select-placeholder', 'Select', 'Chọn'],
  ['.fjs-dropdownlist-empty', 'No results', 'Không có kết quả'],
  ['.fjs-dropdownlist-empty', 'All values selected', 'Đã chọn hết']
];

/** Changes the text node in place, so form-js (Preact) still owns it and replaces it on change. */
function translateTextNodes(element, translate) {
  element.childNodes.forEach(node => {
    if (node.nodeType === Node.TEXT_NODE) {
      const translated = translate(node.data.trim());
      if (translated) {
        node.data = translated;
      }
    }
  });
}

/** The validation messages live in `.fjs-form-field-error li`. */
function translateFormTexts(root) {
  root.querySelectorAll('.fjs-form-field-error li').forEach(item => translateTextNodes(item, bilingualMessage));
  FORM_TEXTS.forEach(([selector, english, vietnamese]) => {
    root.querySelectorAll(selector).forEach(element => translateTextNodes(element,
      text => (text === english ? vietnamese + ' / ' + english : null)));
  });
}

// ---------------------------------------------------------------------------------------------
// 4b. Record links in a task's description (an overdue notice, a late record's apology)

/** The record page addresses the product writes into descriptions, whatever host it named. */
const RECORD_LINK = /https?:\/\/[^\s]*?(\/records\/[A-Za-z0-9._-]+)/g;

/**
 * Under a task's description, a link to each record page it names (same origin, whatever host the
 * text carries). The description's own text stays Angular's: the links are a sibling, rebuilt only
 * when the description names other records.
 */
function linkRecords(root) {
  root.querySelectorAll('.description-pane > div:not(.well)').forEach(pane => {
    const paths = [];
    (pane.textContent || '').replace(RECORD_LINK, (match, path) => {
      if (paths.indexOf(path) < 0) {
        paths.push(path);
      }
      return match;
    });
    let links = pane.nextElementSibling;
    if (!links || !links.classList.contains('motcua-record-links')) {
      links = document.createElement('p');
      links.className = 'motcua-record-links';
      pane.parentNode.insertBefore(links, pane.nextSibling);
    }
    if (links.getAttribute('data-paths') === paths.join(' ')) {
      return;
    }
    links.setAttribute('data-paths', paths.join(' '));
    links.textContent = '';
    const base = signInPage().replace(/\/login$/, '');
    paths.forEach(path => {
      const link = document.createElement('a');
      link.className = 'motcua-record-link btn btn-primary';
      link.href = base + path;
      link.textContent = 'Mở hồ sơ ' + path.substring('/records/'.length) + ' / Open the record';
      links.appendChild(link);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 4. Sign-in

/**
 * Set (for this tab) when the script sent the browser to the sign-in page, cleared as soon as an
 * app knows the signed-in user again. Set when an app routes to its login anyway: the sign-in did
 * not reach the webapps, and sending the browser there again would loop.
 */
const SIGN_IN_GUARD_KEY = 'motcua.signInRedirected';
/** Set when the user clicks "Đăng xuất": the login view that follows is a logout, not an expiry. */
let loggingOut = false;

function signedInAgain() {
  try {
    window.sessionStorage.removeItem(SIGN_IN_GUARD_KEY);
  } catch (e) {
    // no storage, no guard
  }
}

/** The product's sign-in page: /login beside the webapps (app-root is <context>/camunda). */
function signInPage() {
  if (typeof CONFIG.motcuaSignIn === 'string') {
    return CONFIG.motcuaSignIn;
  }
  const appRoot = document.querySelector('base').getAttribute('app-root') || '';
  return appRoot.replace(/\/camunda\/?$/, '') + '/login';
}

function leaveForSignIn() {
  if (!CONFIG.motcuaSignIn || !/^#!?\/login\b/.test(window.location.hash)) {
    return;
  }
  try {
    if (window.sessionStorage.getItem(SIGN_IN_GUARD_KEY)) {
      return; // back from the sign-in page and still not signed in here: keep the webapps' login, no loop
    }
    window.sessionStorage.setItem(SIGN_IN_GUARD_KEY, String(Date.now()));
  } catch (e) {
    return; // no way to stop a loop: keep the webapps' own login
  }
  // The sign-in page itself ends the provider's session too after a sign-out (OpenID Connect).
  window.location.assign(signInPage() + (loggingOut ? '?logout' : '?expired'));
}

// ---------------------------------------------------------------------------------------------

function watchPage() {
  const update = () => {
    addLanguageMenu();
    labelTimeZone();
    translateFormTexts(document);
    adjustDatePickers(document);
    linkRecords(document);
  };
  // Mutation callbacks run before the browser paints: English messages and m/d/Y dates never show.
  new MutationObserver(update).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class']
  });
  update();
  document.addEventListener('click', event => {
    if (event.target instanceof Element && event.target.closest('[cam-widget-header] li.logout')) {
      loggingOut = true;
    }
  }, true);
  window.addEventListener('hashchange', leaveForSignIn);
  leaveForSignIn();
}

configureAngular();
watchPage();

export default [];
