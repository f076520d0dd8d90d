// window.Telegram.WebApp for Mini Apps opened in this server's web client, served at
// GET /js/telegram-web-app.js (docs/user-api-extensions.md). Written for this server (not
// Telegram's script), speaking Telegram's protocol (https://core.telegram.org/api/web-events),
// so a Mini App may load either script:
// - launch parameters come from the URL fragment (#tgWebAppData=…&tgWebAppVersion=…&
//   tgWebAppPlatform=…&tgWebAppThemeParams=…) and are kept in sessionStorage, so pages the
//   app navigates to keep them;
// - events go to the parent window as JSON strings {eventType, eventData} (or to a native
//   TelegramWebviewProxy), and the parent's events come back the same way.
// A classic script (no module), since Mini Apps load it with a plain <script src>.
(function () {
  'use strict';

  // Launch parameters: the fragment's tgWebApp… fields, else the ones this tab stored.
  var STORAGE_KEY = '__telegram__initParams';
  var params = hashParams(location.hash);
  try {
    var stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    for (var key in stored) if (!(key in params)) params[key] = stored[key];
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(params));
  } catch (e) { /* storage may be blocked in third-party frames */ }

  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, '%20')); } catch (e) { return text; }
  }

  function queryParams(query) {
    var result = {};
    query.split('&').forEach(function (pair) {
      if (!pair) return;
      var at = pair.indexOf('=');
      if (at < 0) result[decode(pair)] = null;
      else result[decode(pair.slice(0, at))] = decode(pair.slice(at + 1));
    });
    return result;
  }

  // "#a=1&b=2" or "#path?a=1" (Telegram appends its fields after an app's own fragment).
  function hashParams(hash) {
    hash = (hash || '').replace(/^#/, '');
    var question = hash.indexOf('?');
    if (question >= 0) hash = hash.slice(question + 1);
    else if (hash.indexOf('=') < 0) return {};
    return queryParams(hash);
  }

  // Init data: the signed query string, and its fields with JSON values parsed.
  var initData = params.tgWebAppData || '';
  var initDataUnsafe = initData ? queryParams(initData) : {};
  Object.keys(initDataUnsafe).forEach(function (name) {
    var value = initDataUnsafe[name];
    if (value && /^[[{]/.test(value)) {
      try { initDataUnsafe[name] = JSON.parse(value); } catch (e) { /* kept as text */ }
    }
  });
  var version = params.tgWebAppVersion || '6.0';
  var platform = params.tgWebAppPlatform || 'unknown';

  // Transport.
  var isIframe = window.parent != null && window.parent !== window;
  var handlers = {};

  function postEvent(eventType, eventData) {
    if (eventData === undefined) eventData = '';
    if (window.TelegramWebviewProxy) {
      window.TelegramWebviewProxy.postEvent(eventType, JSON.stringify(eventData));
    } else if (isIframe) {
      // The parent's origin is not known to the app (any client may host it), as with Telegram.
      window.parent.postMessage(JSON.stringify({ eventType: eventType, eventData: eventData }), '*');
    } else {
      console.warn('[Telegram.WebApp] not opened in a Telegram client: ' + eventType + ' is dropped');
    }
  }

  function receiveEvent(eventType, eventData) {
    eventData = eventData || {};
    (handlers['client:' + eventType] || []).slice().forEach(function (handler) {
      try { handler(eventType, eventData); } catch (e) { console.error(e); }
    });
  }

  if (isIframe) {
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent) return;
      var message;
      try { message = typeof event.data === 'string' ? JSON.parse(event.data) : event.data; } catch (e) { return; }
      if (message && typeof message.eventType === 'string') receiveEvent(message.eventType, message.eventData);
    });
    postEvent('iframe_ready', { reload_supported: false });
  }

  function onClient(eventType, handler) {
    (handlers['client:' + eventType] = handlers['client:' + eventType] || []).push(handler);
  }

  // Events the app subscribes to with onEvent (themeChanged, mainButtonClicked, …).
  function on(eventType, handler) {
    var list = handlers['app:' + eventType] = handlers['app:' + eventType] || [];
    if (list.indexOf(handler) < 0) list.push(handler);
  }

  function off(eventType, handler) {
    var list = handlers['app:' + eventType] || [];
    var index = list.indexOf(handler);
    if (index >= 0) list.splice(index, 1);
  }

  function emit(eventType, argument) {
    (handlers['app:' + eventType] || []).slice().forEach(function (handler) {
      try { handler.call(WebApp, argument); } catch (e) { console.error(e); }
    });
  }

  function versionAtLeast(wanted) {
    var have = version.split('.'), want = String(wanted).split('.');
    for (var i = 0; i < Math.max(have.length, want.length); i++) {
      var a = parseInt(have[i], 10) || 0, b = parseInt(want[i], 10) || 0;
      if (a !== b) return a > b;
    }
    return true;
  }

  function requireVersion(wanted, what) {
    if (versionAtLeast(wanted)) return;
    console.error('[Telegram.WebApp] ' + what + ' is not supported in version ' + version);
    throw new Error('WebAppMethodUnsupported');
  }

  // Theme: themeParams, colorScheme and the --tg-theme-* CSS variables.
  var themeParams = {};
  var colorScheme = 'light';

  function hexColor(value) {
    var text = String(value).trim(), match;
    if ((match = /^#([0-9a-f]{6})$/i.exec(text))) return '#' + match[1].toLowerCase();
    if ((match = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text))) {
      return ('#' + match[1] + match[1] + match[2] + match[2] + match[3] + match[3]).toLowerCase();
    }
    return null;
  }

  function isDark(hex) {
    var r = parseInt(hex.substr(1, 2), 16), g = parseInt(hex.substr(3, 2), 16), b = parseInt(hex.substr(5, 2), 16);
    return Math.sqrt(0.299 * r * r + 0.587 * g * g + 0.114 * b * b) < 120;
  }

  function setCssVariable(name, value) {
    document.documentElement.style.setProperty('--tg-' + name, value);
  }

  function setThemeParams(given) {
    for (var name in given) {
      var color = hexColor(given[name]);
      if (!color) continue;
      themeParams[name] = color;
      setCssVariable('theme-' + name.replace(/_/g, '-'), color);
      if (name === 'bg_color') {
        colorScheme = isDark(color) ? 'dark' : 'light';
        setCssVariable('color-scheme', colorScheme);
      }
    }
  }

  if (params.tgWebAppThemeParams) {
    try { setThemeParams(JSON.parse(params.tgWebAppThemeParams)); } catch (e) { /* no theme */ }
  }

  onClient('theme_changed', function (type, data) {
    if (!data.theme_params) return;
    setThemeParams(data.theme_params);
    sendMain(); // the button's default colours follow the theme
    emit('themeChanged');
  });

  // Viewport: the frame's height below the header; Mini Apps here are always expanded.
  var viewport = { height: window.innerHeight, stableHeight: window.innerHeight, isExpanded: true };
  function applyViewport() {
    setCssVariable('viewport-height', viewport.height + 'px');
    setCssVariable('viewport-stable-height', viewport.stableHeight + 'px');
  }
  applyViewport();

  onClient('viewport_changed', function (type, data) {
    if (typeof data.height !== 'number') return;
    viewport.height = data.height;
    viewport.isExpanded = !!data.is_expanded;
    if (data.is_state_stable) viewport.stableHeight = data.height;
    applyViewport();
    emit('viewportChanged', { isStateStable: !!data.is_state_stable });
  });

  // BackButton: shown in the client's header; its presses come back as back_button_pressed.
  var backVisible = false;
  var BackButton = {
    get isVisible() { return backVisible; },
    set isVisible(value) { setBack(value); },
    show: function () { return setBack(true); },
    hide: function () { return setBack(false); },
    onClick: function (handler) { on('backButtonClicked', handler); return BackButton; },
    offClick: function (handler) { off('backButtonClicked', handler); return BackButton; },
  };
  function setBack(visible) {
    requireVersion('6.1', 'BackButton');
    if (backVisible !== !!visible) {
      backVisible = !!visible;
      postEvent('web_app_setup_back_button', { is_visible: backVisible });
    }
    return BackButton;
  }
  onClient('back_button_pressed', function () { emit('backButtonClicked'); });

  // MainButton: the bar at the bottom of the frame; presses come back as main_button_pressed.
  var main = { text: 'Continue', color: null, textColor: null, isVisible: false, isActive: true, isProgressVisible: false };
  var lastMainState = null;
  var MainButton = {
    get text() { return main.text; },
    set text(value) { MainButton.setParams({ text: value }); },
    get color() { return main.color || themeParams.button_color || '#2481cc'; },
    set color(value) { MainButton.setParams({ color: value }); },
    get textColor() { return main.textColor || themeParams.button_text_color || '#ffffff'; },
    set textColor(value) { MainButton.setParams({ text_color: value }); },
    get isVisible() { return main.isVisible; },
    set isVisible(value) { MainButton.setParams({ is_visible: value }); },
    get isActive() { return main.isActive; },
    set isActive(value) { MainButton.setParams({ is_active: value }); },
    get isProgressVisible() { return main.isProgressVisible; },
    setText: function (text) { return MainButton.setParams({ text: text }); },
    show: function () { return MainButton.setParams({ is_visible: true }); },
    hide: function () { return MainButton.setParams({ is_visible: false }); },
    enable: function () { return MainButton.setParams({ is_active: true }); },
    disable: function () { return MainButton.setParams({ is_active: false }); },
    showProgress: function (leaveActive) { main.isProgressVisible = true; main.isActive = !!leaveActive; return sendMain(); },
    hideProgress: function () { main.isProgressVisible = false; main.isActive = true; return sendMain(); },
    onClick: function (handler) { on('mainButtonClicked', handler); return MainButton; },
    offClick: function (handler) { off('mainButtonClicked', handler); return MainButton; },
    setParams: function (given) {
      if (given.text !== undefined) {
        var text = String(given.text).trim();
        if (!text || text.length > 64) throw new Error('WebAppMainButtonParamInvalid');
        main.text = text;
      }
      if (given.color !== undefined) main.color = given.color ? checkedColor(given.color) : null;
      if (given.text_color !== undefined) main.textColor = given.text_color ? checkedColor(given.text_color) : null;
      if (given.is_visible !== undefined) main.isVisible = !!given.is_visible;
      if (given.is_active !== undefined) main.isActive = !!given.is_active;
      return sendMain();
    },
  };
  function checkedColor(value) {
    var color = hexColor(value);
    if (!color) throw new Error('WebAppMainButtonParamInvalid');
    return color;
  }
  function sendMain() {
    var state = main.isVisible ? {
      is_visible: true, is_active: main.isActive, is_progress_visible: main.isProgressVisible,
      text: main.text, color: MainButton.color, text_color: MainButton.textColor,
    } : { is_visible: false };
    var json = JSON.stringify(state);
    if (json !== lastMainState) {
      lastMainState = json;
      postEvent('web_app_setup_main_button', state);
    }
    return MainButton;
  }
  onClient('main_button_pressed', function () { if (main.isActive) emit('mainButtonClicked'); });

  // Popups: one at a time; popup_closed tells which button closed it.
  var popupCallback = false;
  onClient('popup_closed', function (type, data) {
    if (popupCallback === false) return;
    var callback = popupCallback, buttonID = data.button_id !== undefined ? data.button_id : null;
    popupCallback = false;
    if (callback) callback(buttonID);
    emit('popupClosed', { button_id: buttonID });
  });

  function showPopup(given, callback) {
    requireVersion('6.2', 'showPopup');
    if (popupCallback !== false) throw new Error('WebAppPopupOpened');
    var message = String(given.message || '').trim();
    var title = String(given.title || '').trim();
    if (!message || message.length > 256 || title.length > 64) throw new Error('WebAppPopupParamInvalid');
    var buttons = (given.buttons || [{ type: 'close' }]).map(function (button) {
      var type = button.type || 'default';
      var result = { id: button.id !== undefined ? String(button.id) : '', type: type };
      if (type === 'default' || type === 'destructive') {
        result.text = String(button.text || '').trim();
        if (!result.text || result.text.length > 64) throw new Error('WebAppPopupParamInvalid');
      } else if (['ok', 'close', 'cancel'].indexOf(type) < 0) {
        throw new Error('WebAppPopupParamInvalid');
      }
      return result;
    });
    if (buttons.length < 1 || buttons.length > 3) throw new Error('WebAppPopupParamInvalid');
    popupCallback = callback || null;
    var data = { message: message, buttons: buttons };
    if (title) data.title = title;
    postEvent('web_app_open_popup', data);
  }

  function byteLength(text) {
    return new Blob([text]).size;
  }

  var closingConfirmation = false;
  var WebApp = {
    get initData() { return initData; },
    get initDataUnsafe() { return initDataUnsafe; },
    get version() { return version; },
    get platform() { return platform; },
    get colorScheme() { return colorScheme; },
    get themeParams() { return themeParams; },
    get isExpanded() { return viewport.isExpanded; },
    get viewportHeight() { return viewport.height; },
    get viewportStableHeight() { return viewport.stableHeight; },
    get isClosingConfirmationEnabled() { return closingConfirmation; },
    set isClosingConfirmationEnabled(value) { setClosingConfirmation(value); },
    BackButton: BackButton,
    MainButton: MainButton,
    isVersionAtLeast: versionAtLeast,
    onEvent: on,
    offEvent: off,
    ready: function () { postEvent('web_app_ready'); },
    expand: function () { postEvent('web_app_expand'); },
    close: function () { postEvent('web_app_close', {}); },
    sendData: function (data) {
      if (!data || !String(data).length || byteLength(String(data)) > 4096) throw new Error('WebAppDataInvalid');
      postEvent('web_app_data_send', { data: String(data) });
    },
    showPopup: showPopup,
    showAlert: function (message, callback) {
      showPopup({ message: message }, callback ? function () { callback(); } : null);
    },
    showConfirm: function (message, callback) {
      showPopup({ message: message, buttons: [{ type: 'ok', id: 'ok' }, { type: 'cancel' }] },
        callback ? function (id) { callback(id === 'ok'); } : null);
    },
    openLink: function (url) {
      var link = new URL(url, location.href);
      if (link.protocol !== 'http:' && link.protocol !== 'https:') throw new Error('WebAppTgUrlInvalid');
      postEvent('web_app_open_link', { url: link.href });
    },
    setHeaderColor: function (color) {
      requireVersion('6.1', 'setHeaderColor');
      if (color === 'bg_color' || color === 'secondary_bg_color') postEvent('web_app_set_header_color', { color_key: color });
      else postEvent('web_app_set_header_color', { color: checkedColor(color) });
    },
    setBackgroundColor: function (color) {
      requireVersion('6.1', 'setBackgroundColor');
      var resolved = color === 'bg_color' || color === 'secondary_bg_color' ? themeParams[color] : checkedColor(color);
      if (resolved) postEvent('web_app_set_background_color', { color: resolved });
    },
    enableClosingConfirmation: function () { setClosingConfirmation(true); },
    disableClosingConfirmation: function () { setClosingConfirmation(false); },
  };
  function setClosingConfirmation(value) {
    requireVersion('6.2', 'Closing confirmation');
    closingConfirmation = !!value;
    postEvent('web_app_setup_closing_behavior', { need_confirmation: closingConfirmation });
  }

  window.Telegram = window.Telegram || {};
  window.Telegram.WebApp = WebApp;
  // Native clients call receiveEvent directly.
  window.Telegram.WebView = {
    initParams: params, isIframe: isIframe, receiveEvent: receiveEvent,
    // Telegram's signature: (eventType, callback, eventData).
    postEvent: function (eventType, callback, eventData) { postEvent(eventType, eventData); if (callback) callback(); },
  };
  window.TelegramGameProxy = { receiveEvent: receiveEvent };

  postEvent('web_app_request_theme');
  postEvent('web_app_request_viewport');
})();
