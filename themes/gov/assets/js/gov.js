/* Optional enhancements (design §7): display toggles, article font size and print. The site is
   complete without this file; controls that need it are `hidden` until it runs. Loaded in
   <head>, not deferred, so a reader's saved display settings apply before the first paint.
   ES5 on purpose: many readers of county portals use old browsers. */
(function () {
  'use strict';
  var KEY = 'sanshen-display';
  var MODES = ['large-text', 'high-contrast', 'elder'];
  var root = document.documentElement;
  var settings = {};
  try {
    settings = JSON.parse(window.localStorage.getItem(KEY) || '{}') || {};
  } catch (e) {
    settings = {};  // storage disabled or corrupt: start from the defaults
  }

  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(settings));
    } catch (e) {
      /* private mode: the setting lasts for this page only */
    }
  }

  function apply() {
    for (var i = 0; i < MODES.length; i++) {
      var on = settings[MODES[i]] === true;
      var name = 'mode-' + MODES[i];
      if (on && (' ' + root.className + ' ').indexOf(' ' + name + ' ') < 0) {
        root.className = (root.className + ' ' + name).replace(/^ /, '');
      } else if (!on) {
        root.className = (' ' + root.className + ' ').replace(' ' + name + ' ', ' ').replace(/^ +| +$/g, '');
      }
    }
  }

  function each(selector, fn) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) fn(nodes[i]);
  }

  apply();

  document.addEventListener('DOMContentLoaded', function () {
    each('[data-js-only]', function (el) { el.hidden = false; });

    each('[data-toggle]', function (button) {
      var mode = button.getAttribute('data-toggle');
      button.setAttribute('aria-pressed', String(settings[mode] === true));
      button.addEventListener('click', function () {
        settings[mode] = settings[mode] !== true;
        save();
        apply();
        button.setAttribute('aria-pressed', String(settings[mode]));
      });
    });

    var body = document.querySelector('.article-body');
    each('[data-article-size]', function (button) {
      button.addEventListener('click', function () {
        var size = button.getAttribute('data-article-size');
        if (body) body.setAttribute('data-size', size);
        each('[data-article-size]', function (other) {
          other.setAttribute('aria-pressed', String(other === button));
        });
      });
    });

    each('[data-print]', function (button) {
      button.addEventListener('click', function () { window.print(); });
    });
  });
})();
